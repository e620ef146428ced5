// The checkpoint worker's program (see wal-checkpointer.ts), kept as text: it runs with `eval`,
// so it needs no file of its own beside the bundled engine and starts without a TypeScript loader.
// Its own connection copies committed pages from the WAL into the database. A passive checkpoint
// takes no lock a writer or reader waits on; once it has copied everything, the next commit starts
// the WAL over from its beginning. When commits keep landing while it copies, that moment never
// comes and the WAL would grow: past a limit, a restarting checkpoint holds writers off while it
// copies the few pages committed since (it gives up at once if a reader still needs the WAL).
// Nothing here shrinks the WAL file: cutting gigabytes holds the write lock for seconds. Closing
// the workspace deletes it.

/** What the worker is started with. */
export interface CheckpointWorkerData {
  /** better-sqlite3's entry point, resolved by the engine. */
  readonly module: string;
  readonly path: string;
  readonly nativeBinding?: string;
  readonly everyMs: number;
  readonly restartPastPages: number;
}

export const checkpointWorkerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (checkpointed < log && log > workerData.restartPastPages) db.pragma('wal_checkpoint(RESTART)');
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
