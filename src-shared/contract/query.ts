/** Options of a query: ADT's exact dialect (`strict`) or the extended one, and paging. */
export interface QueryOptions {
  /** Accept exactly ADT's dialect and limits; default false (extended). */
  readonly strict?: boolean;
  /** Rows per page, 1 to 1,000 (default 1,000). */
  readonly pageSize?: number;
  /** Continues a previous query where its page ended (the token carries the query). */
  readonly continuationToken?: string;
}

/** One page of a query's rows, in ADT's shapes, with a token when more follow. */
export interface QueryPage {
  readonly items: readonly unknown[];
  readonly continuationToken?: string;
}

/** How a query runs: the logical plan and the SQL (values travel as parameters). */
export interface QueryExplanation {
  readonly plan: readonly string[];
  readonly sql: string;
  readonly parameters: Readonly<Record<string, string | number | null>>;
}

/** A twin property whose values the store indexes, so queries comparing it with a value seek instead of scanning. */
export interface PropertyIndex {
  /** The property's path from the twin: a name, or names through components and object fields (`thermostat.setpoint`). */
  readonly property: string;
}

/** File formats query rows export to. */
export type RowFileFormat = 'json' | 'ndjson' | 'csv' | 'parquet';

/** Where and how a query's rows are exported. */
export interface QueryExportOptions {
  /** The file to write, on the engine's machine. */
  readonly path: string;
  readonly format: RowFileFormat;
  readonly strict?: boolean;
  /** A name for the export, so that `cancel(taskId)` can stop it. */
  readonly taskId?: string;
}

export interface QueryService {
  /** Runs an ADT query (or the extended dialect) over the twin graph; errors are QuerySyntax with line and column. */
  run(text: string, options?: QueryOptions): Promise<QueryPage>;
  /**
   * Runs a query to its last row and writes every row to a file on the engine's machine; resolves
   * with the row count. Named by `taskId`, it can be stopped with `cancel` (it then ends with
   * `Cancelled` and leaves no file).
   */
  export(text: string, options: QueryExportOptions): Promise<{ readonly rows: number; readonly path: string }>;
  /** Stops a running export; false when no such task runs. */
  cancel(taskId: string): Promise<boolean>;
  /** Compiles a query without running it. */
  explain(text: string, options?: Pick<QueryOptions, 'strict'>): Promise<QueryExplanation>;
  /** The indexed twin properties, sorted. */
  indexes(): Promise<readonly PropertyIndex[]>;
  /**
   * Indexes a twin property's values (all twins, every model), so `WHERE T.<property> <op> <value>`
   * seeks in the index. Building it reads every twin once; `created` is false when it existed.
   */
  addIndex(property: string): Promise<{ readonly index: PropertyIndex; readonly created: boolean }>;
  /** Drops a property's index; false when there was none. Results never depend on indexes, only speed. */
  removeIndex(property: string): Promise<boolean>;
}
