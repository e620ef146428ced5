import type { Database } from 'better-sqlite3';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { HistoryStore, type ModelAncestry } from './history-store';

/** The history store, or why this process works without it. */
export type HistoryHandle = { readonly store: HistoryStore; readonly reason?: undefined } | { readonly store: null; readonly reason: string };

/**
 * Opens the workspace's history. DuckDB lets one process at a time open a database file, so
 * when another Twinbench holds it (a server while the CLI runs), this process goes on without
 * history; the outbox keeps every event, and the history catches up where it is open.
 */
export async function openHistory(path: string): Promise<HistoryHandle> {
  try {
    return { store: await HistoryStore.open({ path }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) return { store: null, reason: `The history (${path}) is open in another Twinbench process; use that one for history and analytics.` };
    throw error;
  }
}

/** Every model with the interfaces it extends, nearest first, from the graph database. */
export function modelAncestry(db: Database): ModelAncestry[] {
  const rows = db.prepare<[], { model: string; ancestors: string }>('SELECT model, json_group_array(ancestor) AS ancestors FROM (SELECT model, ancestor FROM model_ancestors ORDER BY model, depth) GROUP BY model').all();
  return rows.map((row) => ({ id: row.model, ancestors: JSON.parse(row.ancestors) as string[] }));
}

/** The history store, or the error that says why there is none here. */
export function requireHistory(handle: HistoryHandle): HistoryStore {
  if (handle.store) return handle.store;
  throw new EngineError(ErrorCode.Unavailable, handle.reason);
}
