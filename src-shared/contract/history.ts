import type { Event } from './event';

/** The result of an analytic query: typed columns and JSON-safe rows. */
export interface AnalyticsResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
  /** True when the result had more rows than the limit and was cut there. */
  readonly truncated: boolean;
  /** Present when the query was run in pages and more rows follow: pass it to `nextPage`. */
  readonly continuationToken?: string;
}

/** Limits and paging of an analytic query. */
export interface AnalyticsQueryOptions {
  /** Rows returned at most, when not paging (default 10,000). */
  readonly rowLimit?: number;
  /** Streams the result in pages of this many rows (1 to 100,000); a page with more to come carries a continuation token. */
  readonly pageSize?: number;
  /** Milliseconds before the query (or each page) is interrupted: 1 to 3,600,000 (default 30,000). */
  readonly timeoutMs?: number;
}

/** The file formats history exports write (Parquet compressed with zstd). */
export type HistoryFileFormat = 'csv' | 'parquet';

/** Where an export goes: a path on the engine's machine, never overwritten unless `force`. */
export interface HistoryExportOptions {
  readonly path: string;
  readonly format: HistoryFileFormat;
  /** Replace an existing file. */
  readonly force?: boolean;
  /** A name for the task, so that `cancel(taskId)` can stop it and progress events name it. */
  readonly taskId?: string;
}

/** Which telemetry to export: the twins an ADT query returns, over a time range. */
export interface TelemetryExportRequest extends HistoryExportOptions {
  /** An ADT query whose rows are twins (`SELECT * FROM digitaltwins WHERE …`); every twin when absent. */
  readonly twins?: string;
  /** Inclusive start (ISO 8601). */
  readonly from?: string;
  /** Exclusive end (ISO 8601). */
  readonly to?: string;
}

/** Where a long history task (export, import, retention) has got to. */
export interface HistoryProgress {
  readonly taskId: string;
  readonly kind: 'export' | 'import' | 'retention';
  readonly phase: 'preparing' | 'reading' | 'checking' | 'writing' | 'done';
  /** Work done so far, in `unit`. */
  readonly done: number;
  /** Total work in `unit`, or null when it is not known. */
  readonly total: number | null;
  readonly unit: 'bytes' | 'rows' | 'percent';
}

/** Retention and downsampling of the workspace's telemetry. */
export interface RetentionPolicy {
  /** Raw readings older than this many days are removed (after being rolled up); null keeps them forever. */
  readonly rawDays: number | null;
  /** Roll readings up into `telemetry_rollups` at this interval before they go; null rolls nothing up. */
  readonly rollup: 'minute' | 'hour' | 'day' | null;
  /** Rollups older than this many days are removed; null keeps them forever. */
  readonly rollupDays: number | null;
  /** Apply automatically while the workspace is open, every this many minutes; null applies only on request. */
  readonly applyEveryMinutes: number | null;
}

/** What one application of the retention policy did. */
export interface RetentionResult {
  /** Raw readings before this time were rolled up and removed (null when raw readings are kept). */
  readonly cutoff: string | null;
  readonly rolledUp: number;
  readonly removedReadings: number;
  readonly removedRollups: number;
}

export interface AnalyticsService {
  /** Read-only DuckDB SQL over the history and the graph beside it (see docs/analytics.md). */
  sql(text: string, options?: AnalyticsQueryOptions): Promise<AnalyticsResult>;
  /** The next page of a paged query; the last page carries no token. */
  nextPage(continuationToken: string): Promise<AnalyticsResult>;
  /** Releases a paged query before its last page (idle ones are released after a minute). */
  closePages(continuationToken: string): Promise<void>;
  /** Writes the result of an analytic query to a CSV or Parquet file (an absolute path on the engine's machine). */
  export(text: string, options: HistoryExportOptions): Promise<{ readonly rows: number; readonly path: string }>;
  /** Writes the telemetry of a set of twins over a time range to a CSV or Parquet file. */
  exportTelemetry(request: TelemetryExportRequest): Promise<{ readonly rows: number; readonly path: string }>;
  /** Stops a running export, import or retention task; false when no such task runs. */
  cancel(taskId: string): Promise<boolean>;
  /** Progress of every running history task. */
  onDidProgress: Event<HistoryProgress>;
  /** The workspace's retention policy (by default everything is kept). */
  retention(): Promise<RetentionPolicy>;
  /** Replaces the retention policy; it is checked, saved in workspace.json and scheduled. */
  setRetention(policy: RetentionPolicy): Promise<RetentionPolicy>;
  /** Applies the retention policy now: rolls up, then removes what is older than it keeps. */
  applyRetention(options?: { readonly taskId?: string }): Promise<RetentionResult>;
}

/** Where a reading comes from: a component, the device's own clock, its message id. */
export interface TelemetryOptions {
  readonly component?: string;
  /** ISO 8601 time the device measured it. */
  readonly sourceTime?: string;
  readonly messageId?: string;
}

/** What happened to a published message: how many values were stored, which names the model lacks. */
export interface TelemetryReceipt {
  readonly stored: number;
  /** Names the twin's model does not declare as telemetry: stored, but flagged. */
  readonly unknown: readonly string[];
}

/** A stored reading, as live views receive it. */
export interface TelemetryReading {
  readonly time: string;
  readonly twinId: string;
  readonly component?: string;
  readonly name: string;
  readonly value: unknown;
}

/** The file formats telemetry imports read. */
export type TelemetryFileFormat = 'csv' | 'parquet' | 'ndjson';

/**
 * Which source column holds what. Long files have one reading per row (`name` and `value`
 * columns); wide files have a column per telemetry name (`values`).
 */
export interface TelemetryColumnMapping {
  /** Default `twin_id`. */
  readonly twinId?: string;
  /** The reading's time (ISO 8601 text or a timestamp); default `time`. */
  readonly time?: string;
  readonly sourceTime?: string;
  readonly component?: string;
  readonly messageId?: string;
  /** Long form: the column of telemetry names (default `name`). */
  readonly name?: string;
  /** Long form: the column of values (default `value`). */
  readonly value?: string;
  /** Wide form: columns whose names are telemetry names and whose cells are values. */
  readonly values?: readonly string[];
}

export interface TelemetryImportRequest {
  /** The file to read, on the engine's machine. */
  readonly path: string;
  /** Taken from the file's extension when absent. */
  readonly format?: TelemetryFileFormat;
  readonly mapping?: TelemetryColumnMapping;
  /** A name for the task, so that `analytics.cancel(taskId)` can stop it and progress events name it. */
  readonly taskId?: string;
}

/** What an import stored: every row or, on any error, nothing. */
export interface TelemetryImportResult {
  readonly stored: number;
  readonly twins: number;
  /** Names the twins' models do not declare as telemetry: stored, but flagged. */
  readonly unknown: readonly string[];
}

export interface TelemetryService {
  /** Publishes one telemetry message of a twin (`{ name: value, … }`): stored in history, routed, pushed live. */
  publish(twinId: string, payload: Readonly<Record<string, unknown>>, options?: TelemetryOptions): Promise<TelemetryReceipt>;
  /** Publishes many messages at once (high rates). */
  publishBatch(messages: readonly { readonly twinId: string; readonly payload: Readonly<Record<string, unknown>>; readonly options?: TelemetryOptions }[]): Promise<TelemetryReceipt>;
  /** Imports readings from a CSV, Parquet or NDJSON file, all or nothing, checked like `publish`. */
  import(request: TelemetryImportRequest): Promise<TelemetryImportResult>;
  onDidPublish: Event<readonly TelemetryReading[]>;
}
