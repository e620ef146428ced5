import type { Event } from './event';

/** The result of an analytic query: typed columns and JSON-safe rows. */
export interface AnalyticsResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
  /** True when the result had more rows than the limit and was cut there. */
  readonly truncated: boolean;
}

export interface AnalyticsService {
  /** Read-only DuckDB SQL over the history and the graph beside it (see docs/analytics.md). */
  sql(text: string, options?: { readonly rowLimit?: number }): Promise<AnalyticsResult>;
  /** Writes the result of an analytic query to a CSV or Parquet file (an absolute path on the engine's machine). */
  export(text: string, options: { readonly path: string; readonly format: 'csv' | 'parquet' }): Promise<{ readonly rows: number }>;
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

export interface TelemetryService {
  /** Publishes one telemetry message of a twin (`{ name: value, … }`): stored in history, routed, pushed live. */
  publish(twinId: string, payload: Readonly<Record<string, unknown>>, options?: TelemetryOptions): Promise<TelemetryReceipt>;
  /** Publishes many messages at once (high rates). */
  publishBatch(messages: readonly { readonly twinId: string; readonly payload: Readonly<Record<string, unknown>>; readonly options?: TelemetryOptions }[]): Promise<TelemetryReceipt>;
  onDidPublish: Event<readonly TelemetryReading[]>;
}
