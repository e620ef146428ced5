// The entry of a simulation worker thread: runs the kernel and streams result chunks back,
// waiting when storage falls behind and stopping when the engine raises the cancel flag.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../../../src-shared/contract';
import { newChunkColumns } from './result-columns';
import { runKernel } from './sim-kernel';
import { CANCEL_FLAG, MAX_CHUNKS_AHEAD, STORED_CHUNKS, type RecycledColumns, type WorkerInput, type WorkerMessage } from './worker-protocol';

const input = workerData as WorkerInput;
const flags = new Int32Array(input.flags);
const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const cancelled = () => Atomics.load(flags, CANCEL_FLAG) !== 0;

/** Columns of `length` values: a stored chunk's when one of that size has come back, else new ones. */
function columns(length: number): RecycledColumns {
  for (;;) {
    const received = receiveMessageOnPort(input.recycle) as { message: RecycledColumns } | undefined;
    if (!received) return newChunkColumns(length, 1);
    if (received.message.air_temperature.length === length) return received.message;
  }
}

try {
  let sent = 0;
  const steps = runKernel(
    input.model,
    { scenario: input.scenario, weather: input.weather },
    {
      isCancelled: cancelled,
      columns,
      onChunk: (chunk) => {
        post({ type: 'chunk', chunk }, Object.values(chunk.columns).map((column) => column.buffer as ArrayBuffer));
        sent++;
        for (;;) {
          const stored = Atomics.load(flags, STORED_CHUNKS);
          if (sent - stored <= MAX_CHUNKS_AHEAD || cancelled()) break;
          Atomics.wait(flags, STORED_CHUNKS, stored, 500);
        }
      },
    },
  );
  post({ type: 'done', steps });
} catch (error) {
  post({ type: 'error', error: toErrorPayload(error) });
}
