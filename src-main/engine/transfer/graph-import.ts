import type { Database } from 'better-sqlite3';
import { EngineError, ErrorCode, isEngineError, toErrorPayload, type ErrorPayload } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';
import { GraphStore } from '../graph/graph-store';
import { Outbox } from '../graph/outbox';
import { OutboxDrainer } from '../graph/outbox-drainer';
import { RelationshipGraph } from '../graph/relationship-graph';
import { TwinGraph } from '../graph/twin-graph';
import type { ModelCatalog } from '../models/model-catalog';
import { relationshipFromCsv, twinFromCsv } from './csv-values';
import { DeferredIndexes } from './deferred-indexes';
import type { ImportChunk, ImportRecord, Section } from './records';

/** What an import reaches: the models, the live graph, and a second connection for its transaction. */
export interface ImportEnvironment {
  readonly catalog: ModelCatalog;
  readonly graph: GraphContext;
  /** A new connection to the graph database: the import's transaction stays invisible to readers until it commits. */
  readonly openConnection: () => Database;
  readonly eventSource: string;
  /**
   * Told, before the commit, once an import has written `bulkRecords` records: the workspace's
   * checkpointer then copies the import's WAL on its own thread instead of the main connection's
   * next commit doing it on the main thread.
   */
  readonly onBulkWrite?: () => void;
}

/** One record the import refused, with where it was. */
export interface Rejection {
  readonly section: Section;
  readonly line?: number;
  readonly id?: string;
  readonly error: ErrorPayload;
}

export interface ImportCounts {
  models: number;
  twins: number;
  relationships: number;
  rejected: number;
}

export interface ImportOptions {
  /** Apply what is valid and report the rest; by default one rejection fails the whole import. */
  readonly bestEffort: boolean;
  readonly signal?: AbortSignal;
  readonly onRejection: (rejection: Rejection) => void;
  readonly onSection: (section: Section, status: 'Started' | 'Succeeded') => void;
  readonly onProgress: (counts: Readonly<ImportCounts>) => void;
}

const progressEvery = 2_000;
/** Records past which an import is a bulk one (see `ImportEnvironment.onBulkWrite`); a multiple of `progressEvery`. */
const bulkRecords = 10_000;

function cancelled(): EngineError {
  return new EngineError(ErrorCode.Cancelled, 'The import was cancelled; nothing was imported.');
}

/** Adds the file's models (skipping ids the workspace already has), validated as one set. */
async function importModels(environment: ImportEnvironment, models: readonly { value: unknown; line?: number }[], options: ImportOptions, counts: ImportCounts): Promise<string[]> {
  const existing = new Set((await environment.catalog.list()).map((model) => model.id));
  const fresh = models.filter(({ value }) => !(typeof value === 'object' && value !== null && existing.has(String((value as Record<string, unknown>)['@id']))));
  if (fresh.length === 0) return [];
  const sources = fresh.map(({ value, line }, i) => ({ name: line !== undefined ? `line ${line}` : `model ${i + 1}`, text: JSON.stringify(value, null, 2) }));
  try {
    const added = await environment.catalog.add(sources, environment.graph.now());
    counts.models = added.length;
    return added.map((model) => model.id);
  } catch (error) {
    if (!options.bestEffort || !isEngineError(error)) throw error;
    const problems = (error.details as { errors?: { source?: string; message: string; validationId: string }[] } | undefined)?.errors ?? [];
    for (const problem of problems.length ? problems : [{ message: error.message, validationId: error.code }]) {
      counts.rejected++;
      const line = Number(/^line (\d+)$/.exec(problem.source ?? '')?.[1]) || undefined;
      options.onRejection({ section: 'Models', line, error: { code: ErrorCode.ModelInvalid, message: problem.message, details: { validationId: problem.validationId } } });
    }
    return [];
  }
}

/** Answers of `isOfModel` and `isDecommissioned` for one import: the models do not change while it runs. */
function rememberingModelChecks(graph: GraphContext): Pick<GraphContext, 'isOfModel' | 'isDecommissioned'> {
  const ofModel = new Map<string, boolean>();
  const decommissioned = new Map<string, boolean>();
  return {
    isOfModel: (model, ancestor) => {
      const key = `${model}\u0000${ancestor}`;
      let answer = ofModel.get(key);
      if (answer === undefined) ofModel.set(key, (answer = graph.isOfModel(model, ancestor)));
      return answer;
    },
    isDecommissioned: (id) => {
      let answer = decommissioned.get(id);
      if (answer === undefined) decommissioned.set(id, (answer = graph.isDecommissioned(id)));
      return answer;
    },
  };
}

/**
 * Imports records into the graph. Models first, as one validated set; then twins and
 * relationships in one transaction on a separate connection, through the same rules as single
 * writes (each with its outbox event). All or nothing unless `bestEffort`: then each refused
 * record is reported and the rest applied. Cancelling rolls everything back, the models
 * included. Records are written synchronously, batch by batch: the only awaits are the reader's.
 */
export async function importGraph(environment: ImportEnvironment, records: AsyncIterable<ImportChunk>, options: ImportOptions): Promise<ImportCounts> {
  const counts: ImportCounts = { models: 0, twins: 0, relationships: 0, rejected: 0 };
  const models: { value: unknown; line?: number }[] = [];
  let writer: ImportWriter | undefined;
  const iterator = records[Symbol.asyncIterator]();
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const chunk: readonly ImportRecord[] = Array.isArray(next.value) ? next.value : [next.value as ImportRecord];
      for (const record of chunk) {
        if (!writer && record.kind === 'model') {
          models.push(record);
          continue;
        }
        writer ??= await startWriting(environment, models, options, counts);
        writer.write(record);
      }
    }
    writer ??= await startWriting(environment, models, options, counts);
    writer.finish();
  } catch (error) {
    await writer?.abandon();
    throw error;
  } finally {
    await iterator.return?.();
  }
  environment.graph.outbox.refresh();
  environment.graph.store.forgetCached();
  environment.graph.drainer.notify();
  options.onProgress(counts);
  return counts;
}

/** Adds the file's models, then opens the import's transaction on its own connection. */
async function startWriting(environment: ImportEnvironment, models: readonly { value: unknown; line?: number }[], options: ImportOptions, counts: ImportCounts): Promise<ImportWriter> {
  if (models.length > 0) options.onSection('Models', 'Started');
  const addedModels = await importModels(environment, models, options, counts);
  if (models.length > 0) options.onSection('Models', 'Succeeded');
  const undoModels = async () => {
    for (const id of [...addedModels].reverse()) await environment.catalog.delete(id).catch(() => undefined);
  };
  try {
    // Writes check records synchronously against the model views: build them all now.
    await environment.graph.models.loadAll();
    await environment.graph.drainer.drained();
  } catch (error) {
    await undoModels();
    throw error;
  }
  return new ImportWriter(environment, options, counts, undoModels);
}

/** The import's transaction: writes records one by one through the graph's rules, then commits or rolls back. */
class ImportWriter {
  private readonly db: Database;
  private readonly context: GraphContext;
  private readonly twins: TwinGraph;
  private readonly relationships: RelationshipGraph;
  private readonly indexes: DeferredIndexes;
  /** Twins written by this import: their line (for duplicate reports) and model (relationships look it up). */
  private readonly seenTwins = new Map<string, { line?: number; model: string }>();
  private readonly seenRelationships = new Set<string>();
  private section: Section | null = null;
  private first: Rejection | undefined;
  private handled = 0;

  constructor(
    private readonly environment: ImportEnvironment,
    private readonly options: ImportOptions,
    private readonly counts: ImportCounts,
    private readonly undoModels: () => Promise<void>,
  ) {
    this.db = environment.openConnection();
    // A bulk transaction that spills its page cache rewrites the same pages into the WAL again and
    // again; a large cache keeps the WAL near the size of what changed.
    this.db.pragma('cache_size = -262144');
    this.db.pragma('wal_autocheckpoint = 0');
    const outbox = new Outbox(this.db, environment.eventSource, true);
    const store = new GraphStore(this.db, 0);
    const twinModel = store.twinModel.bind(store);
    store.twinModel = (id) => this.seenTwins.get(id)?.model || twinModel(id);
    this.context = { ...environment.graph, ...rememberingModelChecks(environment.graph), db: this.db, store, outbox, drainer: new OutboxDrainer(this.db, outbox) };
    this.twins = new TwinGraph(this.context);
    this.relationships = new RelationshipGraph(this.context);
    this.db.exec('BEGIN IMMEDIATE');
    this.indexes = new DeferredIndexes(this.db);
  }

  /** Checks and writes one record, or reports it refused. */
  write(record: ImportRecord): void {
    if (this.options.signal?.aborted) throw cancelled();
    if (++this.handled % progressEvery === 0) {
      this.options.onProgress(this.counts);
      this.indexes.consider(this.handled);
      if (this.handled === bulkRecords) this.environment.onBulkWrite?.();
    }
    if (record.kind === 'model') {
      this.reject({ section: 'Models', line: record.line }, new EngineError(ErrorCode.InvalidArgument, 'Models must come before twins and relationships.'));
    } else if (record.kind === 'unreadable') {
      this.reject(record, new EngineError(ErrorCode.InvalidArgument, record.message));
    } else if (record.kind === 'twin') {
      this.enter('Twins');
      this.writeTwin(record.value, record.line);
    } else {
      this.enter('Relationships');
      this.writeRelationship(record.value, record.line);
    }
  }

  private writeTwin(value: Record<string, unknown>, line: number | undefined): void {
    const id = value.$dtId;
    try {
      if (typeof id !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'A twin needs "$dtId", a string.');
      const earlier = this.seenTwins.get(id);
      if (earlier) throw new EngineError(ErrorCode.Conflict, `Twin ${id} appears more than once in the file${earlier.line !== undefined ? ` (first at line ${earlier.line})` : ''}.`, { id });
      const twin = this.twins.upsertLoaded(id, value.$csv ? this.fromCsv(value) : value);
      this.seenTwins.set(id, { line, model: twin.$metadata.$model });
      this.counts.twins++;
    } catch (error) {
      // A refused twin still counts as seen, so a later duplicate of it is reported too.
      if (typeof id === 'string' && !this.seenTwins.has(id)) this.seenTwins.set(id, { line, model: '' });
      this.reject({ section: 'Twins', line, id: typeof id === 'string' ? id : undefined }, error);
    }
  }

  /** A twin read from CSV, its cells converted to the types its model's properties expect. */
  private fromCsv(value: Record<string, unknown>): Record<string, unknown> {
    const { $csv: _csv, ...body } = value;
    const model = this.context.models.peek(String((body.$metadata as Record<string, unknown> | undefined)?.$model));
    return model ? twinFromCsv(model, body) : body;
  }

  private writeRelationship(value: Record<string, unknown>, line: number | undefined): void {
    const source = value.$sourceId;
    const id = value.$relationshipId;
    try {
      if (typeof source !== 'string' || typeof id !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'A relationship needs "$relationshipId" and its source twin ("$dtId" or "$sourceId"), strings.');
      const key = `${source}\u0000${id}`;
      if (this.seenRelationships.has(key)) throw new EngineError(ErrorCode.Conflict, `Relationship ${id} of ${source} appears more than once in the file.`, { id });
      this.seenRelationships.add(key);
      let properties = value;
      if (value.$csv) {
        const { $csv: _csv, ...body } = value;
        const sourceModel = this.context.store.twinModel(source);
        const definition = sourceModel && this.context.models.peek(sourceModel)?.relationships.get(String(body.$relationshipName));
        properties = definition ? relationshipFromCsv(new Map(definition.properties.map((property) => [property.name, property.schema])), body) : body;
      }
      this.relationships.upsertLoaded(source, id, properties);
      this.counts.relationships++;
    } catch (error) {
      this.reject({ section: 'Relationships', line, id: typeof id === 'string' ? id : undefined }, error);
    }
  }

  private reject(record: { section: Section; line?: number; id?: string }, error: unknown): void {
    this.counts.rejected++;
    const rejection = { ...record, error: toErrorPayload(error) };
    this.first ??= rejection;
    this.options.onRejection(rejection);
  }

  private enter(wanted: Section): void {
    if (this.section === wanted) return;
    if (this.section !== null) this.options.onSection(this.section, 'Succeeded');
    this.section = wanted;
    this.options.onSection(wanted, 'Started');
  }

  /** Commits, unless a record was refused without best effort or the import was cancelled. */
  finish(): void {
    if (this.section !== null) this.options.onSection(this.section, 'Succeeded');
    if (this.options.signal?.aborted) throw cancelled();
    const { counts, first } = this;
    if (counts.rejected > 0 && !this.options.bestEffort) {
      throw new EngineError(
        ErrorCode.InvalidArgument,
        `${counts.rejected} ${counts.rejected === 1 ? 'record was' : 'records were'} refused, so nothing was imported; the first, ${first!.section}${first!.line !== undefined ? ` line ${first!.line}` : ''}: ${first!.error.message} Fix them, or import with best effort to apply the rest.`,
        { rejected: counts.rejected, first },
      );
    }
    this.context.outbox.flush();
    this.indexes.restore();
    this.db.exec('COMMIT');
    // The WAL now holds the whole import: a bulk one's is copied into the database by the
    // workspace's checkpointer on its own thread (see wal-checkpointer.ts) while the history takes
    // in the import's events; a small one's by the main connection's next checkpoint.
    this.db.close();
  }

  /** Rolls everything back, the models this import added included. */
  async abandon(): Promise<void> {
    if (this.db.open) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.close();
    }
    await this.undoModels();
  }
}
