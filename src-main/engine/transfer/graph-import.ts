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
import type { ImportRecord, Section } from './records';

/** What an import reaches: the models, the live graph, and a second connection for its transaction. */
export interface ImportEnvironment {
  readonly catalog: ModelCatalog;
  readonly graph: GraphContext;
  /** A new connection to the graph database: the import's transaction stays invisible to readers until it commits. */
  readonly openConnection: () => Database;
  readonly eventSource: string;
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

/**
 * Imports records into the graph. Models first, as one validated set; then twins and
 * relationships in one transaction on a separate connection, through the same rules as single
 * writes. All or nothing unless `bestEffort`: then each refused record is reported and the rest
 * applied. Cancelling rolls everything back, the models included.
 */
export async function importGraph(environment: ImportEnvironment, records: AsyncIterable<ImportRecord>, options: ImportOptions): Promise<ImportCounts> {
  const counts: ImportCounts = { models: 0, twins: 0, relationships: 0, rejected: 0 };
  const iterator = records[Symbol.asyncIterator]();
  let next = await iterator.next();
  const models: { value: unknown; line?: number }[] = [];
  while (!next.done && next.value.kind === 'model') {
    models.push(next.value);
    next = await iterator.next();
  }
  if (models.length > 0) options.onSection('Models', 'Started');
  const addedModels = await importModels(environment, models, options, counts);
  if (models.length > 0) options.onSection('Models', 'Succeeded');
  const undoModels = async () => {
    for (const id of [...addedModels].reverse()) await environment.catalog.delete(id).catch(() => undefined);
  };

  await environment.graph.drainer.drained();
  const db = environment.openConnection();
  // A bulk transaction that spills its page cache rewrites the same pages into the WAL again and
  // again; a large cache keeps the WAL near the size of what changed.
  db.pragma('cache_size = -262144');
  const outbox = new Outbox(db, environment.eventSource);
  const store = new GraphStore(db);
  // Relationships look up their twins' models; the import remembers those it wrote.
  const importedModels = new Map<string, string>();
  const twinModel = store.twinModel.bind(store);
  store.twinModel = (id) => importedModels.get(id) ?? twinModel(id);
  const context: GraphContext = { ...environment.graph, db, store, outbox, drainer: new OutboxDrainer(db, outbox) };
  const twins = new TwinGraph(context);
  const relationships = new RelationshipGraph(context);
  const seenTwins = new Map<string, number | undefined>();
  const seenRelationships = new Set<string>();
  let section: Section | null = null;
  let committed = false;

  let first: Rejection | undefined;
  const reject = (record: { section: Section; line?: number; id?: string }, error: unknown) => {
    counts.rejected++;
    const rejection = { ...record, error: toErrorPayload(error) };
    first ??= rejection;
    options.onRejection(rejection);
  };
  const enter = (wanted: Section) => {
    if (section === wanted) return;
    if (section !== null) options.onSection(section, 'Succeeded');
    section = wanted;
    options.onSection(wanted, 'Started');
  };

  db.exec('BEGIN IMMEDIATE');
  try {
    let handled = 0;
    for (; !next.done; next = await iterator.next()) {
      if (options.signal?.aborted) throw cancelled();
      const record = next.value;
      if (++handled % progressEvery === 0) options.onProgress(counts);
      if (record.kind === 'model') {
        reject({ section: 'Models', line: record.line }, new EngineError(ErrorCode.InvalidArgument, 'Models must come before twins and relationships.'));
      } else if (record.kind === 'unreadable') {
        reject(record, new EngineError(ErrorCode.InvalidArgument, record.message));
      } else if (record.kind === 'twin') {
        enter('Twins');
        const { $dtId: id, $csv, ...body } = record.value;
        const where = { section: 'Twins' as const, line: record.line, id: typeof id === 'string' ? id : undefined };
        try {
          if (typeof id !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'A twin needs "$dtId", a string.');
          if (seenTwins.has(id)) {
            const first = seenTwins.get(id);
            throw new EngineError(ErrorCode.Conflict, `Twin ${id} appears more than once in the file${first !== undefined ? ` (first at line ${first})` : ''}.`, { id });
          }
          seenTwins.set(id, record.line);
          const model = $csv ? await context.models.get(String((body.$metadata as Record<string, unknown> | undefined)?.$model)) : undefined;
          const twin = await twins.upsert(id, model ? twinFromCsv(model, body) : body);
          importedModels.set(id, twin.$metadata.$model);
          counts.twins++;
        } catch (error) {
          reject(where, error);
        }
      } else {
        enter('Relationships');
        const { $csv, ...body } = record.value;
        const source = body.$sourceId;
        const id = body.$relationshipId;
        const where = { section: 'Relationships' as const, line: record.line, id: typeof id === 'string' ? id : undefined };
        try {
          if (typeof source !== 'string' || typeof id !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'A relationship needs "$relationshipId" and its source twin ("$dtId" or "$sourceId"), strings.');
          const key = `${source}\u0000${id}`;
          if (seenRelationships.has(key)) throw new EngineError(ErrorCode.Conflict, `Relationship ${id} of ${source} appears more than once in the file.`, { id });
          seenRelationships.add(key);
          let properties = body;
          if ($csv) {
            const sourceTwin = context.store.getTwin(source);
            const definition = sourceTwin && (await context.models.get(sourceTwin.$metadata.$model))?.relationships.get(String(body.$relationshipName));
            if (definition) properties = relationshipFromCsv(new Map(definition.properties.map((property) => [property.name, property.schema])), body);
          }
          await relationships.upsert(source, id, properties);
          counts.relationships++;
        } catch (error) {
          reject(where, error);
        }
      }
    }
    if (section !== null) options.onSection(section, 'Succeeded');
    if (options.signal?.aborted) throw cancelled();
    if (counts.rejected > 0 && !options.bestEffort) {
      throw new EngineError(
        ErrorCode.InvalidArgument,
        `${counts.rejected} ${counts.rejected === 1 ? 'record was' : 'records were'} refused, so nothing was imported; the first, ${first!.section}${first!.line !== undefined ? ` line ${first!.line}` : ''}: ${first!.error.message} Fix them, or import with best effort to apply the rest.`,
        { rejected: counts.rejected, first },
      );
    }
    db.exec('COMMIT');
    committed = true;
  } finally {
    if (!committed) db.exec('ROLLBACK');
    db.close();
    if (!committed) await undoModels();
    await iterator.return?.();
  }
  environment.graph.outbox.refresh();
  environment.graph.drainer.notify();
  options.onProgress(counts);
  return counts;
}
