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
 * Appends rows to `telemetry` in one transaction, as one columnar INSERT: each column travels as
 * one JSON array that DuckDB unpacks on its own threads, so a large batch costs the event loop
 * little more than a few `JSON.stringify` calls. A row DuckDB refuses (a bad timestamp) fails the
 * call with InvalidArgument and nothing of the call is stored.
 */
export async function appendTelemetryRows(connection: DuckDBConnection, rows: readonly TelemetryRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await connection.run('BEGIN TRANSACTION');
  try {
    await insertColumns(connection, rows);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return rows.length;
}

// Several unnest() calls in one SELECT walk their lists side by side: row i takes element i of each column.
const columnarInsert = `INSERT INTO telemetry SELECT
  unnest(?::JSON::VARCHAR[])::TIMESTAMPTZ, unnest(?::JSON::VARCHAR[])::TIMESTAMPTZ, unnest(?::JSON::VARCHAR[]), unnest(?::JSON::VARCHAR[]),
  unnest(?::JSON::VARCHAR[]), unnest(?::JSON::DOUBLE[]), unnest(?::JSON::VARCHAR[])::JSON, unnest(?::JSON::VARCHAR[])`;

async function insertColumns(connection: DuckDBConnection, rows: readonly TelemetryRow[]): Promise<void> {
  const n = rows.length;
  const times = new Array<string>(n);
  const sourceTimes = new Array<string | null>(n);
  const twins = new Array<string>(n);
  const components = new Array<string | null>(n);
  const names = new Array<string>(n);
  const values = new Array<number | null>(n);
  const jsons = new Array<string | null>(n);
  const messageIds = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    times[i] = row.time;
    sourceTimes[i] = row.sourceTime || null;
    twins[i] = row.twinId;
    components[i] = row.component || null;
    names[i] = row.name;
    values[i] = numeric(row.value);
    jsons[i] = row.value === undefined ? null : JSON.stringify(row.value);
    messageIds[i] = row.messageId || null;
  }
  const columns = [times, sourceTimes, twins, components, names, values, jsons, messageIds].map((column) => JSON.stringify(column));
  try {
    await connection.run(columnarInsert, columns);
  } catch (error) {
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
