import type { Database, Statement } from 'better-sqlite3';
import { setImmediate } from 'node:timers';
import type { BasicRelationship, DigitalTwin } from '../../../src-shared/contract';
import { setRecent } from '../util/recent-map';

interface TwinRow {
  readonly model: string;
  readonly etag: string;
  readonly body: string;
}

/** Twin documents kept in memory by default (up to a quarter more between evictions); the least recently used go first. */
const defaultCachedTwins = 20_000;

interface RelationshipRow {
  readonly body: string;
}

/**
 * Twins and relationships in SQLite: plain reads and writes, no rules (those live in TwinGraph).
 * Twin models, linked twin ids and the documents of recently used twins, asked for on every
 * reading and rule pass, are answered from memory: this
 * connection's writes keep them right (a write that may be rolled back only forgets), and a
 * commit by any other connection or process (`PRAGMA data_version`, checked once per turn of the
 * event loop) forgets them all.
 */
export class GraphStore {
  private readonly statements;
  private readonly models = new Map<string, string>();
  /** Stored JSON of recently read or written twins, and its parse once someone asked for it. */
  private readonly bodies = new Map<string, { readonly json: string; twin?: DigitalTwin }>();
  private readonly links = new Map<string, string[]>();
  private dataVersion = -1;
  private verified = false;

  /**
   * `cachedTwins`: how many twin documents to keep in memory. A bulk import's own store keeps
   * none: it reads each twin once, and millions of kept documents would only load the heap.
   */
  constructor(
    readonly db: Database,
    private readonly cachedTwins = defaultCachedTwins,
  ) {
    this.statements = {
      getTwin: db.prepare<[string], TwinRow>('SELECT model, etag, body FROM twins WHERE id = ?'),
      twinModel: db.prepare<[string], { model: string }>('SELECT model FROM twins WHERE id = ?'),
      twinEtag: db.prepare<[string], { etag: string }>('SELECT etag FROM twins WHERE id = ?'),
      putTwin: db.prepare<[string, string, string, string]>(
        'INSERT INTO twins (id, model, etag, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET model = excluded.model, etag = excluded.etag, body = excluded.body',
      ),
      // A patch keeps the row: updating it in place skips the insert's conflict check, and
      // leaving `model` out when it is unchanged leaves the model index alone.
      updateTwinBody: db.prepare<[string, string, string]>('UPDATE twins SET etag = ?, body = ? WHERE id = ?'),
      updateTwinAll: db.prepare<[string, string, string, string]>('UPDATE twins SET model = ?, etag = ?, body = ? WHERE id = ?'),
      deleteTwin: db.prepare<[string]>('DELETE FROM twins WHERE id = ?'),
      countTwins: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM twins'),
      anyRelationship: db.prepare<[string, string], { found: number }>(
        'SELECT EXISTS (SELECT 1 FROM relationships WHERE source = ?) OR EXISTS (SELECT 1 FROM relationships WHERE target = ?) AS found',
      ),
      getRelationship: db.prepare<[string, string], RelationshipRow & { etag: string }>('SELECT etag, body FROM relationships WHERE source = ? AND id = ?'),
      putRelationship: db.prepare<[string, string, string, string, string, string]>(
        'INSERT INTO relationships (source, id, name, target, etag, body) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (source, id) DO UPDATE SET name = excluded.name, target = excluded.target, etag = excluded.etag, body = excluded.body',
      ),
      deleteRelationship: db.prepare<[string, string]>('DELETE FROM relationships WHERE source = ? AND id = ?'),
      outgoing: db.prepare<[string], RelationshipRow>('SELECT body FROM relationships WHERE source = ? ORDER BY id'),
      outgoingNamed: db.prepare<[string, string], RelationshipRow>('SELECT body FROM relationships WHERE source = ? AND name = ? ORDER BY id'),
      incoming: db.prepare<[string], { source: string; id: string; name: string }>('SELECT source, id, name FROM relationships WHERE target = ? ORDER BY source, id'),
      dataVersion: db.prepare<[], { data_version: number }>('PRAGMA data_version'),
      targetsNamed: db.prepare<[string, string], { id: string }>('SELECT target AS id FROM relationships WHERE source = ? AND name = ?'),
      sourcesNamed: db.prepare<[string, string], { id: string }>('SELECT source AS id FROM relationships WHERE target = ? AND name = ?'),
      countNamed: db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM relationships WHERE source = ? AND name = ? AND id <> ?'),
    } satisfies Record<string, Statement<never[]>>;
  }

  /** A twin of the caller's own, free to change. */
  getTwin(id: string): DigitalTwin | undefined {
    const json = this.cachedJson(id);
    return json === undefined ? undefined : (JSON.parse(json) as DigitalTwin);
  }

  /** A twin shared with other readers: never change it (copy what you patch). Cheaper than `getTwin` on a hot path. */
  peekTwin(id: string): Readonly<DigitalTwin> | undefined {
    const json = this.cachedJson(id);
    if (json === undefined) return undefined;
    const entry = this.bodies.get(id);
    if (!entry) return JSON.parse(json) as DigitalTwin;
    entry.twin ??= JSON.parse(entry.json) as DigitalTwin;
    return entry.twin;
  }

  private cachedJson(id: string): string | undefined {
    this.verify();
    const cached = this.bodies.get(id);
    if (cached) return cached.json;
    const json = this.statements.getTwin.get(id)?.body;
    if (json !== undefined) this.remember(id, json);
    return json;
  }

  private remember(id: string, json: string): void {
    if (this.cachedTwins > 0) setRecent(this.bodies, id, { json }, this.cachedTwins);
  }

  /** The model of twin `id`, without reading its body; undefined when there is no such twin. */
  twinModel(id: string): string | undefined {
    this.verify();
    let model = this.models.get(id);
    if (model === undefined) {
      model = this.statements.twinModel.get(id)?.model;
      if (model !== undefined) this.models.set(id, model);
    }
    return model;
  }

  /** Twins linked to `twinId` by relationships named `name`: their targets (`out`) or their sources (`in`). */
  linked(direction: 'out' | 'in', twinId: string, name: string): readonly string[] {
    this.verify();
    const key = `${direction}\u0000${twinId}\u0000${name}`;
    let ids = this.links.get(key);
    if (ids === undefined) {
      ids = (direction === 'out' ? this.statements.targetsNamed : this.statements.sourcesNamed).all(twinId, name).map((row) => row.id);
      this.links.set(key, ids);
    }
    return ids;
  }

  /** Forgets every cached model and link (another connection of this process has just committed). */
  forgetCached(): void {
    this.models.clear();
    this.links.clear();
    this.bodies.clear();
  }

  /** Forgets what is cached when another connection has committed since the last check (at most once per turn). */
  private verify(): void {
    if (this.verified) return;
    this.verified = true;
    setImmediate(() => (this.verified = false));
    const version = this.statements.dataVersion.get()!.data_version;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.forgetCached();
    }
  }

  /** The ETag of twin `id`, without reading its body; undefined when there is no such twin. */
  twinEtag(id: string): string | undefined {
    return this.statements.twinEtag.get(id)?.etag;
  }

  /** Stores a twin; `json` is its serialization when the caller already has it. */
  putTwin(twin: DigitalTwin, json: string = JSON.stringify(twin)): void {
    // A cached model stays only when the write keeps it, so a rollback cannot leave it wrong.
    if (this.models.get(twin.$dtId) !== twin.$metadata.$model) this.models.delete(twin.$dtId);
    this.bodies.delete(twin.$dtId);
    this.statements.putTwin.run(twin.$dtId, twin.$metadata.$model, twin.$etag, json);
    // Kept as written: a transaction that rolls back afterwards calls `forgetCached` (see `commit`).
    this.remember(twin.$dtId, json);
  }

  /** Stores a new version of a twin that exists, whose model was `previousModel`. */
  replaceTwin(twin: DigitalTwin, json: string, previousModel: string): void {
    const model = twin.$metadata.$model;
    if (this.models.get(twin.$dtId) !== model) this.models.delete(twin.$dtId);
    this.bodies.delete(twin.$dtId);
    if (model === previousModel) this.statements.updateTwinBody.run(twin.$etag, json, twin.$dtId);
    else this.statements.updateTwinAll.run(model, twin.$etag, json, twin.$dtId);
    this.remember(twin.$dtId, json);
  }

  deleteTwin(id: string): void {
    this.models.delete(id);
    this.bodies.delete(id);
    this.statements.deleteTwin.run(id);
  }

  countTwins(): number {
    return this.statements.countTwins.get()!.n;
  }

  /** True while any relationship starts or ends at `id`. */
  hasRelationships(id: string): boolean {
    return this.statements.anyRelationship.get(id, id)!.found !== 0;
  }

  getRelationship(source: string, id: string): BasicRelationship | undefined {
    const row = this.statements.getRelationship.get(source, id);
    return row && (JSON.parse(row.body) as BasicRelationship);
  }

  putRelationship(relationship: BasicRelationship, json: string = JSON.stringify(relationship)): void {
    this.links.clear();
    const { $sourceId, $relationshipId, $relationshipName, $targetId, $etag } = relationship;
    this.statements.putRelationship.run($sourceId, $relationshipId, $relationshipName, $targetId, $etag, json);
  }

  deleteRelationship(source: string, id: string): void {
    this.links.clear();
    this.statements.deleteRelationship.run(source, id);
  }

  outgoing(source: string, name?: string): BasicRelationship[] {
    const rows = name === undefined ? this.statements.outgoing.all(source) : this.statements.outgoingNamed.all(source, name);
    return rows.map((row) => JSON.parse(row.body) as BasicRelationship);
  }

  incoming(target: string): { source: string; id: string; name: string }[] {
    return this.statements.incoming.all(target);
  }

  /** Relationships named `name` from `source`, not counting `exceptId`. */
  countNamed(source: string, name: string, exceptId: string): number {
    return this.statements.countNamed.get(source, name, exceptId)!.n;
  }
}
