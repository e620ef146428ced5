// The checkpoint worker's program (see wal-checkpointer.ts), kept as text: it runs with `eval`,
// so it needs no file of its own beside the bundled engine and starts without a TypeScript loader.
// Its own connection copies committed pages from the WAL into the database. A passive checkpoint
// takes no lock a writer or reader waits on; once it has copied everything and the WAL file is
// large, a truncating checkpoint that gives up at once if anyone is busy empties the file (the
// next writer would only restart the WAL if no commit came between the checkpoint and it).

/** What the worker is started with. */
export interface CheckpointWorkerData {
  /** better-sqlite3's entry point, resolved by the engine. */
  readonly module: string;
  readonly path: string;
  readonly nativeBinding?: string;
  readonly everyMs: number;
  readonly keepWalBytes: number;
}

export const checkpointWorkerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.module);
const db = new Database(workerData.path, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    const walBytes = statSync(workerData.path + '-wal', { throwIfNoEntry: false })?.size ?? 0;
    if (log > 0 && checkpointed === log && walBytes > workerData.keepWalBytes) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    // Another connection holds a lock this one would wait on: try again next time.
    if (error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') throw error;
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
