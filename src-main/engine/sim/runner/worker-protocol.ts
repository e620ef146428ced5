// Messages between the engine and a simulation worker thread.
import type { MessagePort } from 'node:worker_threads';
import type { ErrorPayload, Scenario } from '../../../../src-shared/contract';
import type { BoundModel } from '../binding/bound-model';
import type { WeatherSeries } from '../physics';
import type { ResultChunk, ResultColumn } from './result-columns';

/** What a worker is started with. */
export interface WorkerInput {
  readonly model: BoundModel;
  readonly scenario: Scenario;
  readonly weather: WeatherSeries;
  /** Int32Array view: [0] cancel flag, [1] chunks the engine has stored. */
  readonly flags: SharedArrayBuffer;
  /** Where the engine sends the columns of stored chunks back, for the worker to fill again. */
  readonly recycle: MessagePort;
}

/** What a worker sends back. */
export type WorkerMessage =
  | { readonly type: 'chunk'; readonly chunk: ResultChunk }
  | { readonly type: 'done'; readonly steps: number }
  | { readonly type: 'error'; readonly error: ErrorPayload };

/** Index of the cancel flag and of the stored-chunk counter in the shared flags. */
export const CANCEL_FLAG = 0;
export const STORED_CHUNKS = 1;
/** Chunks a worker may run ahead of storage before it waits (bounds memory on long runs). */
export const MAX_CHUNKS_AHEAD = 2;

/** The columns of a stored chunk, handed back to the worker. */
export type RecycledColumns = Record<ResultColumn, Float64Array>;
