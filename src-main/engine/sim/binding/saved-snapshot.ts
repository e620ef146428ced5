// Named snapshots of the graph's simulation-relevant state, one JSON file each in the
// workspace's `snapshots/` folder, so a scenario can start from the graph as it was.
import type { Database } from 'better-sqlite3';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError, ErrorCode, type SnapshotInfo } from '../../../../src-shared/contract';
import { simIdPattern } from '../scenario/check-scenario';
import { readGraphSnapshot, type GraphSnapshot } from './graph-snapshot';

/** Version of the snapshot file format. */
const FORMAT = 1;

/** A snapshot file: every twin with the models it is an instance of, the relationships a binding follows, the site. */
interface SnapshotFile {
  readonly format: number;
  readonly name: string;
  readonly createdAt: string;
  /** [id, models (its own first, then every model it extends), body]. */
  readonly twins: readonly (readonly [string, readonly string[], Record<string, unknown>])[];
  /** [source, relationship name, target]. */
  readonly edges: readonly (readonly [string, string, string])[];
  readonly site?: { readonly latitude: number; readonly longitude: number };
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || !simIdPattern.test(name)) {
    throw new EngineError(ErrorCode.InvalidArgument, 'A snapshot name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.', { name });
  }
  return name;
}

const missing = (name: string) => new EngineError(ErrorCode.NotFound, `There is no snapshot ${name}; save one with twinbench snapshot save ${name}.`, { snapshot: name, path: 'from.snapshot' });

const infoOf = (file: SnapshotFile): SnapshotInfo => ({ name: file.name, createdAt: file.createdAt, twins: file.twins.length, relationships: file.edges.length });

/** The snapshots of one workspace, in `dir`. */
export class SnapshotStore {
  constructor(private readonly dir: string) {}

  private path(name: string): string {
    return join(this.dir, `${checkName(name)}.json`);
  }

  /** Reads the live graph (one SQLite read) and writes it under `name`; Conflict when the name exists and `replace` is not set. */
  async save(db: Database, name: string, relationshipNames: readonly string[], createdAt: string, replace: boolean): Promise<SnapshotInfo> {
    const path = this.path(name);
    const exists = await readFile(path).then(
      () => true,
      () => false,
    );
    if (exists && !replace) throw new EngineError(ErrorCode.Conflict, `A snapshot named ${name} already exists; pass replace to overwrite it.`, { snapshot: name });
    const file = db.transaction(() => {
      const ancestors = new Map<string, string[]>();
      for (const row of db.prepare<[], { model: string; ancestor: string }>('SELECT model, ancestor FROM model_ancestors ORDER BY model, ancestor').all()) {
        ancestors.set(row.model, [...(ancestors.get(row.model) ?? []), row.ancestor]);
      }
      const twins = db
        .prepare<[], { id: string; model: string; body: string }>('SELECT id, model, body FROM twins ORDER BY id')
        .all()
        .map((row) => [row.id, [row.model, ...(ancestors.get(row.model) ?? []).filter((a) => a !== row.model)], JSON.parse(row.body) as Record<string, unknown>] as const);
      const live = readGraphSnapshot(db, relationshipNames);
      const edges = [...live.edges].flatMap(([source, list]) => list.map((edge) => [source, edge.name, edge.target] as const));
      const saved: SnapshotFile = { format: FORMAT, name, createdAt, twins, edges, ...(live.site ? { site: live.site } : {}) };
      return saved;
    })();
    await mkdir(this.dir, { recursive: true });
    // Written beside and renamed, so a reader never sees half a file.
    const partial = `${path}.partial`;
    await writeFile(partial, JSON.stringify(file));
    await rename(partial, path);
    return infoOf(file);
  }

  async list(): Promise<SnapshotInfo[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const files = names.filter((name) => name.endsWith('.json')).sort();
    return Promise.all(files.map(async (name) => infoOf(await this.read(name.slice(0, -'.json'.length)))));
  }

  /** The snapshot as a graph a binding reads; NotFound (located at `from.snapshot`) when there is none. */
  async graph(name: string): Promise<GraphSnapshot> {
    const file = await this.read(name);
    const bodies = new Map(file.twins.map(([id, , body]) => [id, body]));
    const edges = new Map<string, { name: string; target: string }[]>();
    for (const [source, relationship, target] of file.edges) edges.set(source, [...(edges.get(source) ?? []), { name: relationship, target }]);
    return {
      // In the live graph's order: model by model, each model's twins by id.
      twinsOf: (models) => {
        const found = new Map<string, Record<string, unknown>>();
        for (const model of models) for (const [id, of, body] of file.twins) if (of.includes(model)) found.set(id, body);
        return found;
      },
      exists: (id) => bodies.has(id),
      edges,
      ...(file.site ? { site: file.site } : {}),
    };
  }

  async delete(name: string): Promise<void> {
    const path = this.path(name);
    await this.read(name);
    await rm(path);
  }

  private async read(name: string): Promise<SnapshotFile> {
    const text = await readFile(this.path(name), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw missing(name);
      throw error;
    });
    const file = JSON.parse(text) as SnapshotFile;
    if (file.format !== FORMAT) throw new EngineError(ErrorCode.WorkspaceInvalid, `Snapshot ${name} has format ${String(file.format)}; this version reads format ${FORMAT}.`, { snapshot: name });
    return file;
  }
}
