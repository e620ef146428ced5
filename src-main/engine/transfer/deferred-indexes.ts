import type { Database } from 'better-sqlite3';

/** The graph tables whose secondary indexes a bulk import may rebuild instead of maintaining. */
const bulkTables = ['twins', 'relationships'] as const;

/** Rows an import writes before rebuilding the indexes pays off, however small the graph is. */
export const minimumDeferredRows = 100_000;

/**
 * Secondary indexes of the twin and relationship tables, dropped while a large import writes
 * and rebuilt, from their own stored definitions, before it commits. Inserting millions of rows
 * into several B-trees in random key order spills the page cache and rewrites the same pages
 * into the WAL again and again; building each index once, from sorted keys, writes it once.
 * Both steps run inside the import's transaction, so a rollback or a crash leaves the indexes
 * exactly as they were, and other connections never see the graph without them. The unique
 * keys (twin id, relationship source and id) stay: the import's own upserts look rows up by them.
 */
export class DeferredIndexes {
  private readonly threshold: number;
  private dropped: { name: string; sql: string }[] | undefined;

  /** Measures the graph already stored: rebuilding is worth it once the import writes as many rows. */
  constructor(
    private readonly db: Database,
    minimumRows = minimumDeferredRows,
  ) {
    const stored = bulkTables.reduce((sum, table) => sum + (db.prepare<[], { n: number }>(`SELECT coalesce(max(rowid), 0) AS n FROM ${table}`).get()!.n), 0);
    this.threshold = Math.max(minimumRows, stored);
  }

  /** Drops the indexes once `written` rows make rebuilding them cheaper (inside the open transaction). */
  consider(written: number): void {
    if (this.dropped || written < this.threshold) return;
    const placeholders = bulkTables.map(() => '?').join(', ');
    this.dropped = this.db
      .prepare<string[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders}) ORDER BY name`)
      .all(...bulkTables);
    for (const { name } of this.dropped) this.db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  }

  /** Rebuilds what `consider` dropped (inside the open transaction, before it commits). */
  restore(): void {
    for (const { sql } of this.dropped ?? []) this.db.exec(sql);
    this.dropped = undefined;
  }
}
