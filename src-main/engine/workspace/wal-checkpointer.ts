import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { checkpointWorkerSource, type CheckpointWorkerData } from './checkpoint-worker-source';

/** When the worker starts, how often it checkpoints, and when it makes sure the WAL starts over. */
export interface CheckpointLimits {
  /** The WAL file's size past which the worker starts: by default 1,000 pages, where SQLite checkpoints on its own. */
  readonly startAtBytes: number;
  /** How often the WAL's size is looked at until the worker starts. */
  readonly watchEveryMs: number;
  /** How often the worker copies what was committed since its last checkpoint. */
  readonly checkpointEveryMs: number;
  /** Pages in the WAL past which a checkpoint that commits keep overtaking is finished with the writers held off. */
  readonly restartPastPages: number;
}

const defaultLimits: CheckpointLimits = { startAtBytes: 1000 * 4096, watchEveryMs: 500, checkpointEveryMs: 100, restartPastPages: 16_384 };

const walBytes = (path: string) => statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;

/**
 * Copies the graph database's write-ahead log into the database on another thread. A checkpoint
 * writes every changed page a second time and syncs the files; made by SQLite on the committing
 * connection it stalls the main thread for milliseconds now and then, and after a bulk import for
 * as long as gigabytes take to copy. Until the WAL first reaches SQLite's own threshold the main
 * connection checkpoints as SQLite does by default, so a workspace written little never starts a
 * thread; from then on (or as soon as a bulk import asks, see `start`) the worker checkpoints
 * passively (it never blocks a writer or a reader) every tenth of a second and the main
 * connection not at all. If the worker cannot run, the main connection checkpoints again.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private readonly watch: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly path: string,
    private readonly nativeBinding?: string,
    private readonly limits: CheckpointLimits = defaultLimits,
  ) {
    this.watch = setInterval(() => {
      if (walBytes(path) > limits.startAtBytes) this.start();
    }, limits.watchEveryMs).unref();
  }

  /** Whether the worker is running (a diagnostic for tests and benchmarks). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Starts the worker now, whatever the WAL's size (a bulk import does, so its commit is not checkpointed on the main thread). */
  start(): void {
    clearInterval(this.watch);
    if (this.worker || this.stopped) return;
    const workerData: CheckpointWorkerData = {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: this.path,
      nativeBinding: this.nativeBinding,
      everyMs: this.limits.checkpointEveryMs,
      restartPastPages: this.limits.restartPastPages,
    };
    try {
      const worker = new Worker(checkpointWorkerSource, { eval: true, workerData });
      worker.unref();
      // An error is followed by the exit: the first of the two falls back.
      const failed = (error: Error) => {
        if (this.worker === worker) this.fallBack(error);
      };
      worker.on('error', failed);
      worker.on('exit', (code) => failed(new Error(`the worker stopped (exit code ${code})`)));
      this.worker = worker;
      this.db.pragma('wal_autocheckpoint = 0');
    } catch (error) {
      this.fallBack(error as Error);
    }
  }

  /** The worker failed: the main connection checkpoints again, as SQLite does by default. */
  private fallBack(error: Error): void {
    this.worker = undefined;
    if (this.stopped || !this.db.open) return;
    console.error(`The graph database's checkpoints run on the main thread again: ${error.message}`);
    this.db.pragma('wal_autocheckpoint = 1000');
  }

  /** Stops the worker, waiting for a checkpoint it is in the middle of; the database's close copies the rest. */
  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watch);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Referenced again so that the process waits for the worker to stop rather than exiting with the close unsettled.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }
}
