import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import type { TelemetryBatch } from './telemetry-batch';

/**
 * Appends a batch to `telemetry` with DuckDB's appender, a data chunk at a time, in one
 * transaction: when DuckDB refuses it, the call fails with InvalidArgument and nothing of the
 * batch is stored. Returns the row count.
 */
export async function appendTelemetryBatch(connection: DuckDBConnection, batch: TelemetryBatch): Promise<number> {
  if (batch.size === 0) return 0;
  await connection.run('BEGIN TRANSACTION');
  try {
    const appender = await connection.createAppender('telemetry');
    try {
      batch.appendTo(appender);
      appender.flushSync();
      appender.closeSync();
    } catch (error) {
      // Drop what is buffered so that closing does not flush it; the rollback drops the rest.
      try {
        appender.clear();
        appender.closeSync();
      } catch {
        // The appender is already unusable; the original error says why.
      }
      throw new EngineError(ErrorCode.InvalidArgument, `Telemetry was refused: ${error instanceof Error ? error.message : String(error)}`);
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return batch.size;
}

/**
 * Appends rows of text (or null) cells, in the table's column order, through DuckDB's appender
 * inside the caller's transaction: DuckDB casts each cell to its column's type (timestamps, JSON).
 * Far cheaper than multi-row INSERTs with bound parameters for the history of a busy stream.
 */
export async function appendTextRows(connection: DuckDBConnection, table: string, rows: readonly (readonly (string | null)[])[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender(table);
  try {
    for (const row of rows) {
      for (const cell of row) {
        if (cell === null) appender.appendNull();
        else appender.appendVarchar(cell);
      }
      appender.endRow();
    }
    appender.flushSync();
  } catch (error) {
    // Drop what is buffered so that closing does not flush it; the caller rolls back the rest.
    appender.clear();
    appender.closeSync();
    throw error;
  }
  appender.closeSync();
}
