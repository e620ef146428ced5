import type { Database, Statement } from 'better-sqlite3';
import type { BasicRelationship, DigitalTwin } from '../../../src-shared/contract';

interface TwinRow {
  readonly model: string;
  readonly etag: string;
  readonly body: string;
}

interface RelationshipRow {
  readonly body: string;
}

/** Twins and relationships in SQLite: plain reads and writes, no rules (those live in TwinGraph). */
export class GraphStore {
  private readonly statements;

  constructor(readonly db: Database) {
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
      countNamed: db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM relationships WHERE source = ? AND name = ? AND id <> ?'),
    } satisfies Record<string, Statement<never[]>>;
  }

  getTwin(id: string): DigitalTwin | undefined {
    const row = this.statements.getTwin.get(id);
    return row && (JSON.parse(row.body) as DigitalTwin);
  }

  /** The model of twin `id`, without reading its body; undefined when there is no such twin. */
  twinModel(id: string): string | undefined {
    return this.statements.twinModel.get(id)?.model;
  }

  /** The ETag of twin `id`, without reading its body; undefined when there is no such twin. */
  twinEtag(id: string): string | undefined {
    return this.statements.twinEtag.get(id)?.etag;
  }

  /** Stores a twin; `json` is its serialization when the caller already has it. */
  putTwin(twin: DigitalTwin, json: string = JSON.stringify(twin)): void {
    this.statements.putTwin.run(twin.$dtId, twin.$metadata.$model, twin.$etag, json);
  }

  /** Stores a new version of a twin that exists, whose model was `previousModel`. */
  replaceTwin(twin: DigitalTwin, json: string, previousModel: string): void {
    const model = twin.$metadata.$model;
    if (model === previousModel) this.statements.updateTwinBody.run(twin.$etag, json, twin.$dtId);
    else this.statements.updateTwinAll.run(model, twin.$etag, json, twin.$dtId);
  }

  deleteTwin(id: string): void {
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
    const { $sourceId, $relationshipId, $relationshipName, $targetId, $etag } = relationship;
    this.statements.putRelationship.run($sourceId, $relationshipId, $relationshipName, $targetId, $etag, json);
  }

  deleteRelationship(source: string, id: string): void {
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
