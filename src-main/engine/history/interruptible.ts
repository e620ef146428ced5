import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import type { HistoryTask } from './history-tasks';
import { fromDuckDbError } from './statement-guard';

/**
 * Runs `work` on `connection`, interrupting it after `timeoutMs` (if any) or when the task is
 * cancelled; a timeout or a cancellation is `Cancelled`, DuckDB's own errors are typed.
 */
export async function guarded<T>(connection: DuckDBConnection, timeoutMs: number | null, task: HistoryTask | undefined, work: () => Promise<T>): Promise<T> {
  let timedOut = false;
  const timer = timeoutMs === null ? undefined : setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  const interrupt = () => connection.interrupt();
  task?.signal.addEventListener('abort', interrupt);
  try {
    task?.throwIfCancelled();
    return await work();
  } catch (error) {
    if (timedOut) throw new EngineError(ErrorCode.Cancelled, `The query ran longer than ${timeoutMs} ms and was stopped.`, { timeoutMs });
    task?.throwIfCancelled();
    throw error instanceof EngineError ? error : fromDuckDbError(error);
  } finally {
    clearTimeout(timer);
    task?.signal.removeEventListener('abort', interrupt);
  }
}
