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
