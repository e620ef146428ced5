import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError, ErrorCode } from '../../../src-shared/contract';

/** One telemetry message value for one twin (and optionally one of its components). */
export interface TelemetryRow {
  /** When the engine received it (ISO 8601). */
  readonly time: string;
  /** When the device says it was measured (ISO 8601), if it says. */
  readonly sourceTime?: string | null;
  readonly twinId: string;
  readonly component?: string | null;
  /** The telemetry name, as the model declares it (the caller validates it). */
  readonly name: string;
  /** Any JSON value; numbers (and booleans as 0/1) also land in the numeric `value` column. */
  readonly value: unknown;
  readonly messageId?: string | null;
}

function numeric(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/**
 * Appends rows to `telemetry` with DuckDB's appender (far faster than INSERTs for streams), in
 * one transaction: a row DuckDB refuses (a bad timestamp) fails the call with InvalidArgument and
 * nothing of the call is stored.
 */
export async function appendTelemetryRows(connection: DuckDBConnection, rows: readonly TelemetryRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await connection.run('BEGIN TRANSACTION');
  try {
    await appendInOpenTransaction(connection, rows);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return rows.length;
}

/** Appends rows inside the caller's transaction; InvalidArgument when DuckDB refuses one. */
export async function appendInOpenTransaction(connection: DuckDBConnection, rows: readonly TelemetryRow[]): Promise<void> {
  const appender = await connection.createAppender('telemetry');
  try {
    for (const row of rows) {
      appender.appendVarchar(row.time);
      if (row.sourceTime) appender.appendVarchar(row.sourceTime);
      else appender.appendNull();
      appender.appendVarchar(row.twinId);
      if (row.component) appender.appendVarchar(row.component);
      else appender.appendNull();
      appender.appendVarchar(row.name);
      const number = numeric(row.value);
      if (number === null) appender.appendNull();
      else appender.appendDouble(number);
      if (row.value === undefined) appender.appendNull();
      else appender.appendVarchar(JSON.stringify(row.value));
      if (row.messageId) appender.appendVarchar(row.messageId);
      else appender.appendNull();
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  } catch (error) {
    // Drop what is buffered so that closing does not flush it; the caller rolls back the rest.
    try {
      appender.clear();
      appender.closeSync();
    } catch {
      // The appender is already unusable; the original error says why.
    }
    throw new EngineError(ErrorCode.InvalidArgument, `Telemetry was refused: ${error instanceof Error ? error.message : String(error)}`);
  }
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
