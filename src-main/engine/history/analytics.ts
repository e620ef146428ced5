import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { copyFile, rename, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { readRows, type AnalyticsColumn } from './json-values';
import { fromDuckDbError, prepareReadOnly } from './statement-guard';

/** The answer of an analytic query: DuckDB's column names and types, JSON-safe rows. */
export interface AnalyticsResult {
  readonly columns: AnalyticsColumn[];
  readonly rows: unknown[][];
  /** True when the result had more rows than the limit and was cut there. */
  readonly truncated: boolean;
}

/** Limits of one analytic query. */
export interface AnalyticsOptions {
  /** Rows returned at most (default 10,000). */
  readonly rowLimit?: number;
  /** Milliseconds before the query is interrupted (default 30,000). */
  readonly timeoutMs?: number;
}

/** The formats `exportSql` writes. */
export type ExportFormat = 'csv' | 'parquet';

export const defaultRowLimit = 10_000;
export const defaultTimeoutMs = 30_000;

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new EngineError(ErrorCode.InvalidArgument, `${name} must be a positive integer; got ${String(value)}.`, { [name]: value });
  return value;
}

/** Runs `work` on `connection`, interrupting it after `timeoutMs`; a timeout is `Cancelled`. */
async function withTimeout<T>(connection: DuckDBConnection, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  try {
    return await work();
  } catch (error) {
    if (timedOut) throw new EngineError(ErrorCode.Cancelled, `The query ran longer than ${timeoutMs} ms and was stopped.`, { timeoutMs });
    throw error instanceof EngineError ? error : fromDuckDbError(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Read-only SQL over the history database. Each query gets a fresh connection (so an interrupt
 * reaches only it) of an instance whose external access is off: files and the network are out
 * of reach, and only single SELECT/EXPLAIN statements pass `prepareReadOnly`.
 */
export class HistoryAnalytics {
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: <T>(work: (connection: DuckDBConnection) => Promise<T>) => Promise<T>,
    private readonly stagingDir: string,
  ) {}

  /** Runs one read-only statement and returns its columns and up to `rowLimit` rows. */
  async sql(text: string, options: AnalyticsOptions = {}): Promise<AnalyticsResult> {
    if (typeof text !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'The query must be a string.');
    const rowLimit = positiveInteger(options.rowLimit, defaultRowLimit, 'rowLimit');
    const timeoutMs = positiveInteger(options.timeoutMs, defaultTimeoutMs, 'timeoutMs');
    const connection = await this.instance.connect();
    try {
      const prepared = await prepareReadOnly(connection, text);
      return await withTimeout(connection, timeoutMs, async () => {
        // Stream so a huge result stops after the limit (plus the rest of one chunk).
        const reader = await prepared.streamAndReadUntil(rowLimit + 1);
        const { columns, rows } = readRows(reader, rowLimit);
        return { columns, rows, truncated: reader.currentRowCount > rowLimit };
      });
    } finally {
      connection.disconnectSync();
    }
  }

  /**
   * Writes the result of a read-only query to `path` as CSV (with a header) or Parquet, using
   * DuckDB's COPY on the writable connection. COPY may only write to a private staging folder
   * (external access is off), so the file is moved to `path` afterwards. Returns the row count.
   */
  async exportSql(text: string, path: string, format: ExportFormat, options: Pick<AnalyticsOptions, 'timeoutMs'> & { readonly compression?: 'zstd' } = {}): Promise<{ rows: number }> {
    if (format !== 'csv' && format !== 'parquet') throw new EngineError(ErrorCode.InvalidArgument, `Unknown export format ${JSON.stringify(format)}; use csv or parquet.`, { format });
    if (typeof path !== 'string' || !isAbsolute(path)) throw new EngineError(ErrorCode.InvalidArgument, `The export path must be absolute; got ${JSON.stringify(path)}.`, { path });
    const timeoutMs = positiveInteger(options.timeoutMs, defaultTimeoutMs, 'timeoutMs');
    const check = await this.instance.connect();
    try {
      (await prepareReadOnly(check, text)).destroySync();
    } finally {
      check.disconnectSync();
    }
    const staged = join(this.stagingDir, `${randomUUID()}.${format}`);
    const options_ = format === 'csv' ? '(FORMAT csv, HEADER true)' : options.compression === 'zstd' ? '(FORMAT parquet, COMPRESSION zstd)' : '(FORMAT parquet)';
    // The newlines keep a trailing `--` comment in the text from swallowing the closing parenthesis.
    const copy = `COPY (\n${text.replace(/[\s;]+$/, '')}\n) TO '${staged.replace(/'/g, "''")}' ${options_}`;
    const count = await this.writer((connection) =>
      withTimeout(connection, timeoutMs, async () => {
        const reader = await connection.runAndReadAll(copy);
        return Number(reader.getRowsJS()[0]?.[0] ?? 0);
      }),
    );
    try {
      await rename(staged, path).catch(() => copyFile(staged, path)); // EXDEV: another file system
    } catch (error) {
      throw new EngineError(ErrorCode.InvalidArgument, `Cannot write the export to ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
    } finally {
      await rm(staged, { force: true });
    }
    return { rows: count };
  }
}
