import { randomUUID } from 'node:crypto';
import { EngineError, ErrorCode, type HistoryProgress } from '../../../src-shared/contract';
import { Emitter } from '../util/emitter';

/** One running task as its work sees it: a signal to stop and a way to report progress. */
export interface HistoryTask {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Reports progress (throttled to a few events a second, except phase changes). */
  report(phase: HistoryProgress['phase'], done: number, total: number | null, unit: HistoryProgress['unit']): void;
  /** Throws `Cancelled` when the task was cancelled. */
  throwIfCancelled(): void;
}

const reportEveryMs = 200;

/**
 * Long history work (exports, imports, retention) by task id: callers name a task to cancel it
 * from another call (the transports carry no callbacks), and everyone hears its progress.
 */
export class HistoryTasks {
  private readonly running = new Map<string, AbortController>();
  private readonly progress = new Emitter<HistoryProgress>();
  readonly onDidProgress = this.progress.event;

  /** Runs `work` as task `taskId` (a fresh id when absent); a second task of the same id is a Conflict. */
  async run<T>(taskId: string | undefined, kind: HistoryProgress['kind'], work: (task: HistoryTask) => Promise<T>): Promise<T> {
    if (taskId !== undefined && (typeof taskId !== 'string' || taskId === '' || taskId.length > 128)) {
      throw new EngineError(ErrorCode.InvalidArgument, 'A task id is a non-empty string of at most 128 characters.', { taskId });
    }
    const id = taskId ?? randomUUID();
    if (this.running.has(id)) throw new EngineError(ErrorCode.Conflict, `A task named ${id} is already running.`, { taskId: id });
    const controller = new AbortController();
    this.running.set(id, controller);
    let last = { phase: '', at: 0 };
    const task: HistoryTask = {
      id,
      signal: controller.signal,
      report: (phase, done, total, unit) => {
        const now = Date.now();
        if (phase === last.phase && now - last.at < reportEveryMs) return;
        last = { phase, at: now };
        this.progress.fire({ taskId: id, kind, phase, done, total, unit });
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw cancelled(id);
      },
    };
    try {
      return await work(task);
    } finally {
      this.running.delete(id);
    }
  }

  /** Asks task `taskId` to stop; false when no such task runs. */
  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Drops every listener. */
  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    this.progress.dispose();
  }
}

/** The error a cancelled task ends with. */
export function cancelled(taskId: string): EngineError {
  return new EngineError(ErrorCode.Cancelled, `Task ${taskId} was cancelled; nothing was written.`, { taskId });
}
