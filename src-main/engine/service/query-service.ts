import type { Database } from 'better-sqlite3';
import { EngineError, ErrorCode, type PropertyIndex, type QueryExplanation, type QueryExportOptions, type QueryOptions, type QueryPage, type QueryService, type RowFileFormat } from '../../../src-shared/contract';
import type { PropertyIndexes } from '../graph/property-indexes';
import { HistoryTasks } from '../history/history-tasks';
import { exportRows } from '../transfer/rows-export';
import type { SerialQueue } from '../util/serial-queue';
import type { Interface } from '../models/dtdl';
import { allQueryRows, compileQuery, iterateQueryRows, runQuery, type QueryCatalog } from '../query';

/** The names a query may use, from the workspace's models: the source of "did you mean" hints. */
export class QueryCatalogSource {
  private catalog: QueryCatalog | null = null;
  private version = 0;

  constructor(private readonly interfaces: () => Promise<ReadonlyMap<string, Interface>>) {}

  async get(): Promise<QueryCatalog> {
    if (this.catalog) return this.catalog;
    const interfaces = await this.interfaces();
    const relationshipNames = new Set<string>();
    for (const iface of interfaces.values()) for (const content of iface.contents) if (content.kind === 'Relationship') relationshipNames.add(content.name);
    this.catalog = { relationshipNames: [...relationshipNames].sort(), modelIds: [...interfaces.keys()].sort(), version: this.version };
    return this.catalog;
  }

  /** Forgets the names (the models changed). */
  clear(): void {
    this.catalog = null;
    this.version++;
  }
}

/** Rows an export reads between two turns of the event loop. */
const exportPageRows = 1000;

/**
 * The graph store's side of queries: its property indexes (on the graph's own connection), the
 * queue of graph writes that index changes join, and a new read connection for each export.
 */
export interface QueryStore {
  readonly indexes: PropertyIndexes;
  readonly writes: SerialQueue;
  readonly openReader: () => Database;
}

function checkText(text: unknown): string {
  if (typeof text !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'A query must be a string.');
  return text;
}

/**
 * The query service. Strict mode is ADT exactly: unknown names match nothing. The extended
 * mode checks names against the models, so a typo is an error with a hint instead of an
 * empty result.
 */
export class LocalQueryService implements QueryService {
  constructor(
    private readonly db: Database,
    private readonly catalog: QueryCatalogSource,
    private readonly store: QueryStore,
    /** Where exports are named for `cancel` (the engine's, shared with the history tasks). */
    private readonly tasks = new HistoryTasks(),
  ) {}

  async run(text: string, options: QueryOptions = {}): Promise<QueryPage> {
    const strict = options.strict === true;
    return runQuery(this.db, checkText(text), {
      strict,
      catalog: strict ? undefined : await this.catalog.get(),
      indexes: this.store.indexes.forQueries(),
      pageSize: options.pageSize,
      continuationToken: options.continuationToken,
    });
  }

  async export(text: string, options: QueryExportOptions): Promise<{ rows: number; path: string }> {
    const formats: readonly RowFileFormat[] = ['json', 'ndjson', 'csv', 'parquet'];
    if (!formats.includes(options?.format)) throw new EngineError(ErrorCode.InvalidArgument, `Export format must be one of ${formats.join(', ')}.`);
    if (typeof options.path !== 'string' || options.path === '') throw new EngineError(ErrorCode.InvalidArgument, 'An export needs "path", the file to write.');
    const strict = options.strict === true;
    const catalog = strict ? undefined : await this.catalog.get();
    const indexes = this.store.indexes.forQueries();
    checkText(text);
    return this.tasks.run(options.taskId, 'export', async (task) => {
      // A connection of its own: one run of the statement streams every row, from one snapshot of
      // the graph, while the engine's connection goes on serving reads and writes.
      const reader = this.store.openReader();
      async function* pages() {
        let page: unknown[] = [];
        let rows = 0;
        for (const row of iterateQueryRows(reader, text, { strict, catalog, indexes })) {
          page.push(row);
          if (page.length < exportPageRows) continue;
          rows += page.length;
          yield page;
          page = [];
          task.report('reading', rows, null, 'rows');
          // Each page is a turn of the event loop, so a cancel call is heard between pages.
          await new Promise((next) => setImmediate(next));
          task.throwIfCancelled();
        }
        if (page.length > 0) yield page;
      }
      try {
        return { rows: await exportRows(pages(), options.path, options.format), path: options.path };
      } finally {
        reader.close();
      }
    });
  }

  /** Every row of a query at once, from one run of its statement: for engine work that needs a whole answer (not part of the API). */
  async allRows(text: string): Promise<unknown[]> {
    return allQueryRows(this.db, checkText(text), { catalog: await this.catalog.get(), indexes: this.store.indexes.forQueries() });
  }

  async cancel(taskId: string): Promise<boolean> {
    return this.tasks.cancel(taskId);
  }

  async explain(text: string, options: Pick<QueryOptions, 'strict'> = {}): Promise<QueryExplanation> {
    const strict = options.strict === true;
    const compiled = compileQuery(checkText(text), { strict, catalog: strict ? undefined : await this.catalog.get(), indexedPaths: this.store.indexes.forQueries().paths });
    return { plan: compiled.plan, sql: compiled.sql, parameters: compiled.parameters };
  }

  async indexes(): Promise<readonly PropertyIndex[]> {
    return this.store.indexes.list();
  }

  async addIndex(property: string): Promise<{ readonly index: PropertyIndex; readonly created: boolean }> {
    return this.store.writes.run(async () => this.store.indexes.add(property));
  }

  async removeIndex(property: string): Promise<boolean> {
    return this.store.writes.run(async () => this.store.indexes.remove(property));
  }
}
