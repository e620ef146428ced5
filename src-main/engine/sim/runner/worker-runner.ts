// Runs a simulation in a worker thread: the built `sim-worker.js` beside the engine's bundle, or
// the TypeScript source (through jiti) when the engine itself runs from source (tests, dev).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { EngineError, ErrorCode } from '../../../../src-shared/contract';
import type { ResultChunk } from './result-columns';
import { CANCEL_FLAG, STORED_CHUNKS, type WorkerInput, type WorkerMessage } from './worker-protocol';

/** Where the worker's code is and how Node must start it. */
export function workerEntry(): { url: URL; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const register = join(dirname(createRequire(import.meta.url).resolve('jiti/package.json')), 'lib', 'jiti-register.mjs');
    return { url: pathToFileURL(join(dirname(here), 'sim-worker.ts')), execArgv: ['--import', pathToFileURL(register).href] };
  }
  // Built: the engine's code may sit in out/main or in out/main/chunks; the worker is in out/main.
  for (const candidate of [join(dirname(here), 'sim-worker.js'), join(dirname(here), '..', 'sim-worker.js')]) {
    if (existsSync(candidate)) return { url: pathToFileURL(candidate), execArgv: [] };
  }
  throw new EngineError(ErrorCode.Internal, `The simulation worker (sim-worker.js) is missing beside ${here}; rebuild Twinbench.`);
}

/** A run in progress in its worker. */
export interface WorkerRun {
  /** Resolves with the number of steps when every chunk has been stored; rejects with the run's error. */
  readonly done: Promise<number>;
  /** Asks the worker to stop at its next step. */
  cancel(): void;
}

/**
 * Starts the worker; `store` is called for each chunk in order and its promise is awaited before
 * the next, and the worker is told how far storage has got so it never runs far ahead.
 */
export function startWorker(input: Omit<WorkerInput, 'flags' | 'recycle'>, store: (chunk: ResultChunk) => Promise<void>): WorkerRun {
  const flagsBuffer = new SharedArrayBuffer(8);
  const flags = new Int32Array(flagsBuffer);
  const entry = workerEntry();
  const recycle = new MessageChannel();
  const worker = new Worker(entry.url, { workerData: { ...input, flags: flagsBuffer, recycle: recycle.port2 } satisfies WorkerInput, execArgv: entry.execArgv, transferList: [recycle.port2] });
  let storing: Promise<void> = Promise.resolve();
  let failure: unknown;
  const done = new Promise<number>((resolve, reject) => {
    let finished = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'chunk') {
        storing = storing.then(async () => {
          if (failure !== undefined) return;
          try {
            await store(message.chunk);
            // The worker fills these columns again instead of allocating a chunk's worth of memory.
            recycle.port1.postMessage(message.chunk.columns, Object.values(message.chunk.columns).map((column) => column.buffer as ArrayBuffer));
          } catch (error) {
            failure = error;
            Atomics.store(flags, CANCEL_FLAG, 1);
          }
          Atomics.add(flags, STORED_CHUNKS, 1);
          Atomics.notify(flags, STORED_CHUNKS);
        });
      } else {
        finished = true;
        const outcome = message;
        void storing.then(() => {
          if (failure !== undefined) reject(failure);
          else if (outcome.type === 'done') resolve(outcome.steps);
          else reject(EngineError.fromPayload(outcome.error));
          recycle.port1.close();
          void worker.terminate();
        });
      }
    });
    worker.on('error', (error) => {
      finished = true;
      recycle.port1.close();
      reject(new EngineError(ErrorCode.Internal, `The simulation worker failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      recycle.port1.close();
      if (!finished) reject(new EngineError(ErrorCode.Internal, `The simulation worker stopped unexpectedly (exit code ${code}).`));
    });
  });
  return {
    done,
    cancel: () => {
      Atomics.store(flags, CANCEL_FLAG, 1);
      Atomics.notify(flags, STORED_CHUNKS);
    },
  };
}
