import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError, ErrorCode, type HistoryFileFormat } from '../../../src-shared/contract';
import { AnalyticsCursors } from './analytics-cursors';
import { checkFormat, checkTarget, placeExport } from './export-target';
import type { HistoryTask } from './history-tasks';
import type { AnalyticsColumn } from './json-values';
import { guarded } from './interruptible';
import { applyScope, checkScopedStatement, type AnalyticsScope } from './analytics-scope';
import { checkReadKeyword, prepareReadOnly } from './statement-guard';

/** The answer of an analytic query: DuckDB's column names and types, JSON-safe rows. */
export interface AnalyticsResult {
  readonly columns: AnalyticsColumn[];
  readonly rows: unknown[][];
  /** True when the result had more rows than the limit and was cut there. */
  readonly truncated: boolean;
  /** Present when the query runs in pages and more rows follow. */
  readonly continuationToken?: string;
}

/** Limits of one analytic query. */
export interface AnalyticsOptions {
  /** Rows returned at most (default 10,000). */
  readonly rowLimit?: number;
  /** Milliseconds before the query is interrupted (1 to 3,600,000, default 30,000; each page of a paged query gets its own). */
  readonly timeoutMs?: number;
  /** Streams the result in pages of this many rows (1 to 100,000). */
  readonly pageSize?: number;
  /** Narrows the query to what one subject may see (see analytics-scope.ts). */
  readonly scope?: AnalyticsScope;
}

/** How an export runs: its limits, overwrite permission and the task that reports and cancels it. */
export interface ExportOptions {
  /** Milliseconds before the export is interrupted (default: none; exports are cancelled through their task). */
  readonly timeoutMs?: number;
  /** Replace an existing file at the path. */
  readonly force?: boolean;
  readonly task?: HistoryTask;
}

/** Which telemetry `exportTelemetry` writes. */
export interface TelemetrySelection {
  /** The twins whose readings to write; every twin when null. */
  readonly twinIds: readonly string[] | null;
  /** Inclusive start, ISO 8601. */
  readonly from?: string;
  /** Exclusive end, ISO 8601. */
  readonly to?: string;
}

/** The formats `exportSql` writes. */
export type ExportFormat = HistoryFileFormat;

export const defaultRowLimit = 10_000;
export const defaultTimeoutMs = 30_000;
export const maxPageSize = 100_000;
export const maxTimeoutMs = 3_600_000;

/** Checks an optional positive integer option, at most `max`. */
export function positiveInteger(value: number | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new EngineError(ErrorCode.InvalidArgument, `${name} must be an integer from 1 to ${max}; got ${String(value)}.`, { [name]: value });
  return value;
}

/** An ISO 8601 bound as a safe SQL literal, or a located error. */
function timeBound(value: string | undefined, name: 'from' | 'to'): string | null {
  if (value === undefined) return null;
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw new EngineError(ErrorCode.InvalidArgument, `--${name} must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z; got ${JSON.stringify(value)}.`, { [name]: value });
  return `'${new Date(parsed).toISOString()}'::TIMESTAMPTZ`;
}

/**
 * Read-only SQL over the history database. Each query gets a fresh connection (so an interrupt
 * reaches only it) of an instance whose external access is off: files and the network are out
 * of reach, and only single SELECT/EXPLAIN statements pass `prepareReadOnly`.
 */
export class HistoryAnalytics {
  private readonly cursors = new AnalyticsCursors();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly stagingDir: string,
  ) {}

  /** Runs one read-only statement: up to `rowLimit` rows, or the first page when `pageSize` is set. */
  async sql(text: string, options: AnalyticsOptions = {}): Promise<AnalyticsResult> {
    if (typeof text !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'The query must be a string.');
    const rowLimit = positiveInteger(options.rowLimit, defaultRowLimit, 'rowLimit');
    const timeoutMs = positiveInteger(options.timeoutMs, defaultTimeoutMs, 'timeoutMs', maxTimeoutMs);
    const pageSize = options.pageSize === undefined ? null : positiveInteger(options.pageSize, defaultRowLimit, 'pageSize', maxPageSize);
    const connection = await this.instance.connect();
    try {
      if (options.scope) {
        checkReadKeyword(text);
        await checkScopedStatement(connection, text);
        await applyScope(connection, options.scope);
      }
      const prepared = await prepareReadOnly(connection, text);
      const result = await guarded(connection, timeoutMs, undefined, () => prepared.stream());
      return await this.cursors.first(connection, result, pageSize ?? rowLimit, pageSize !== null, timeoutMs);
    } catch (error) {
      connection.disconnectSync();
      throw error;
    }
  }

  /** The next page of a paged query. */
  nextPage(token: string): Promise<AnalyticsResult> {
    return this.cursors.next(token);
  }

  /** Releases a paged query early. */
  closePages(token: string): void {
    this.cursors.close(token);
  }

  /**
   * Writes the result of a read-only query to `path` as CSV (with a header) or Parquet (zstd),
   * with DuckDB's COPY into a private staging folder (the only place it may write, external
   * access being off); the finished file then moves to `path`. Returns the row count.
   */
  async exportSql(text: string, path: string, format: ExportFormat, options: ExportOptions = {}): Promise<{ rows: number }> {
    checkFormat(format);
    await checkTarget(path, options.force);
    const check = await this.instance.connect();
    try {
      (await prepareReadOnly(check, text)).destroySync();
    } finally {
      check.disconnectSync();
    }
    // The newlines keep a trailing `--` comment in the text from swallowing the closing parenthesis.
    return this.copy(`\n${text.replace(/[\s;]+$/, '')}\n`, path, format, options);
  }

  /** Writes the telemetry of `selection` (ordered by time, then twin) to `path`. */
  async exportTelemetry(selection: TelemetrySelection, path: string, format: ExportFormat, options: ExportOptions = {}): Promise<{ rows: number }> {
    checkFormat(format);
    const from = timeBound(selection.from, 'from');
    const to = timeBound(selection.to, 'to');
    await checkTarget(path, options.force);
    const where = [from ? `t.time >= ${from}` : null, to ? `t.time < ${to}` : null, selection.twinIds ? 't.twin_id IN (SELECT id FROM export_twins)' : null].filter((clause) => clause !== null);
    const select = `SELECT t.time, t.source_time, t.twin_id, t.component, t.name, t.value, t.value_json, t.message_id FROM telemetry t${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY t.time, t.twin_id, t.name`;
    return this.copy(select, path, format, options, selection.twinIds ?? undefined);
  }

  /** Closes every open paged query. */
  close(): void {
    this.cursors.closeAll();
  }

  private async copy(select: string, path: string, format: ExportFormat, options: ExportOptions, twinIds?: readonly string[]): Promise<{ rows: number }> {
    const timeoutMs = options.timeoutMs === undefined ? null : positiveInteger(options.timeoutMs, defaultTimeoutMs, 'timeoutMs');
    const staged = join(this.stagingDir, `${randomUUID()}.${format}`);
    const copyOptions = format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet, COMPRESSION zstd)';
    const connection = await this.instance.connect();
    const task = options.task;
    const poll = task ? setInterval(() => task.report('writing', Math.max(0, connection.progress.percentage), 100, 'percent'), 200) : undefined;
    try {
      const count = await guarded(connection, timeoutMs, task, async () => {
        if (twinIds) await this.stageTwinIds(connection, twinIds);
        const reader = await connection.runAndReadAll(`COPY (${select}) TO '${staged.replace(/'/g, "''")}' ${copyOptions}`);
        return Number(reader.getRowsJS()[0]?.[0] ?? 0);
      });
      task?.throwIfCancelled();
      await placeExport(staged, path);
      task?.report('done', 100, 100, 'percent');
      return { rows: count };
    } finally {
      clearInterval(poll);
      connection.disconnectSync();
      await rm(staged, { force: true });
    }
  }

  /** Puts the ids in a temporary table of this connection, so the COPY can join them. */
  private async stageTwinIds(connection: DuckDBConnection, twinIds: readonly string[]): Promise<void> {
    await connection.run('CREATE TEMP TABLE export_twins (id VARCHAR)');
    const appender = await connection.createAppender('export_twins', 'main', 'temp');
    for (const id of twinIds) {
      appender.appendVarchar(id);
      appender.endRow();
    }
    appender.closeSync();
  }
}
