// The parts of the live graph a binding reads, in one consistent SQLite read.
import type { Database } from 'better-sqlite3';

/** A twin's body by id, and the relationships of the kinds asked for. */
export interface GraphSnapshot {
  /** Twins of the given models (or models extending them), by model list. */
  readonly twinsOf: (models: readonly string[]) => Map<string, Record<string, unknown>>;
  readonly exists: (id: string) => boolean;
  readonly edges: ReadonlyMap<string, readonly { readonly name: string; readonly target: string }[]>;
  readonly site?: { readonly latitude: number; readonly longitude: number };
}

/** Reads the twins and relationships a binding needs from graph.sqlite. */
export function readGraphSnapshot(db: Database, relationshipNames: readonly string[]): GraphSnapshot {
  const ofModel = db.prepare<[string, string], { id: string; body: string }>(
    'SELECT id, body FROM twins WHERE model = ? OR model IN (SELECT model FROM model_ancestors WHERE ancestor = ?) ORDER BY id',
  );
  const exists = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM twins WHERE id = ?');
  const edges = new Map<string, { name: string; target: string }[]>();
  const placeholders = relationshipNames.map(() => '?').join(', ');
  const rows = db.prepare<string[], { source: string; name: string; target: string }>(`SELECT source, name, target FROM relationships WHERE name IN (${placeholders}) ORDER BY source, id`).all(...relationshipNames);
  for (const row of rows) {
    const list = edges.get(row.source) ?? [];
    list.push({ name: row.name, target: row.target });
    edges.set(row.source, list);
  }
  const siteRow = db.prepare<[], { body: string }>("SELECT body FROM twins WHERE json_extract(body, '$.latitude') IS NOT NULL AND json_extract(body, '$.longitude') IS NOT NULL ORDER BY id LIMIT 1").get();
  const siteBody = siteRow ? (JSON.parse(siteRow.body) as { latitude: unknown; longitude: unknown }) : undefined;
  const site =
    siteBody && typeof siteBody.latitude === 'number' && typeof siteBody.longitude === 'number' && Math.abs(siteBody.latitude) <= 90 && Math.abs(siteBody.longitude) <= 180
      ? { latitude: siteBody.latitude, longitude: siteBody.longitude }
      : undefined;
  return {
    twinsOf: (models) => {
      const found = new Map<string, Record<string, unknown>>();
      for (const model of models) for (const row of ofModel.all(model, model)) found.set(row.id, JSON.parse(row.body) as Record<string, unknown>);
      return found;
    },
    exists: (id) => exists.get(id) !== undefined,
    edges,
    ...(site ? { site } : {}),
  };
}
