import type { DuckDBConnection, DuckDBResult, DuckDBType } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import type { AnalyticsResult } from './analytics';
import { guarded } from './interruptible';
import { chunkRows, columnsOf, type AnalyticsColumn } from './json-values';

/** A paged query between two pages: its connection, its streaming result and rows read ahead. */
interface Cursor {
  readonly connection: DuckDBConnection;
  readonly result: DuckDBResult;
  readonly types: DuckDBType[];
  readonly columns: AnalyticsColumn[];
  readonly pageSize: number;
  readonly timeoutMs: number;
  buffered: unknown[][];
  done: boolean;
  timer: NodeJS.Timeout;
}

/** How long a paged query waits for its next page request before it is released. */
export const idleCursorMs = 60_000;
/** Paged queries open at once; the least recently used goes when one more opens. */
export const maxOpenCursors = 16;

/**
 * Streams results chunk by chunk, so a huge result costs one page of memory: a first page,
 * then further pages by continuation token while the result stays open on its own connection.
 */
export class AnalyticsCursors {
  private readonly open = new Map<string, Cursor>();

  /** Reads the first `size` rows; with `paged`, keeps the result open when more follow. */
  async first(connection: DuckDBConnection, result: DuckDBResult, size: number, paged: boolean, timeoutMs: number): Promise<AnalyticsResult> {
    const types = result.columnTypes();
    const cursor: Cursor = { connection, result, types, columns: columnsOf(result.columnNames(), types), pageSize: size, timeoutMs, buffered: [], done: false, timer: setTimeout(() => undefined, 0) };
    const rows = await this.read(cursor, size);
    if (!paged) {
      connection.disconnectSync();
      return { columns: cursor.columns, rows, truncated: cursor.buffered.length > 0 };
    }
    return this.page(cursor, rows);
  }

  /** The next page of the query `token` names. */
  async next(token: string): Promise<AnalyticsResult> {
    const cursor = typeof token === 'string' ? this.open.get(token) : undefined;
    if (!cursor) throw new EngineError(ErrorCode.NotFound, 'The continuation token is unknown or has expired (paged queries are released after a minute idle); run the query again.', { continuationToken: token });
    this.open.delete(token);
    clearTimeout(cursor.timer);
    try {
      return this.page(cursor, await this.read(cursor, cursor.pageSize));
    } catch (error) {
      cursor.connection.disconnectSync();
      throw error;
    }
  }

  /** Releases the query `token` names, if it is still open. */
  close(token: string): void {
    const cursor = this.open.get(token);
    if (!cursor) return;
    this.open.delete(token);
    clearTimeout(cursor.timer);
    cursor.connection.disconnectSync();
  }

  /** Releases every open query. */
  closeAll(): void {
    for (const token of [...this.open.keys()]) this.close(token);
  }

  private page(cursor: Cursor, rows: unknown[][]): AnalyticsResult {
    if (cursor.done && cursor.buffered.length === 0) {
      cursor.connection.disconnectSync();
      return { columns: cursor.columns, rows, truncated: false };
    }
    if (this.open.size >= maxOpenCursors) this.close(this.open.keys().next().value!);
    const token = randomUUID();
    cursor.timer = setTimeout(() => this.close(token), idleCursorMs);
    cursor.timer.unref();
    this.open.set(token, cursor);
    return { columns: cursor.columns, rows, truncated: false, continuationToken: token };
  }

  /** Takes `size` rows, fetching chunks as needed and keeping the rest of the last chunk (and one row of look-ahead). */
  private async read(cursor: Cursor, size: number): Promise<unknown[][]> {
    while (!cursor.done && cursor.buffered.length <= size) {
      const chunk = await guarded(cursor.connection, cursor.timeoutMs, undefined, () => cursor.result.fetchChunk());
      if (!chunk || chunk.rowCount === 0) cursor.done = true;
      else cursor.buffered.push(...chunkRows(chunk, cursor.types));
    }
    return cursor.buffered.splice(0, size);
  }
}
