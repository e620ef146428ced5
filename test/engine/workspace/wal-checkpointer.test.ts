import type { Database } from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runChild } from '../../fixtures/run-child';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';
import { type CheckpointLimits, WalCheckpointer } from '../../../src-main/engine/workspace/wal-checkpointer';

const MiB = 1024 * 1024;
const limits: CheckpointLimits = { startAtBytes: MiB, watchEveryMs: 10, checkpointEveryMs: 10, keepWalBytes: 64 * MiB };

let root: string;
let path: string;
let db: Database;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-wal-'));
  path = join(root, 'graph.sqlite');
  db = await openGraphDatabase(path);
  db.exec('CREATE TABLE blobs (data BLOB)');
});
afterEach(async () => {
  if (db.open) db.close();
  await rm(root, { recursive: true, force: true });
});

/** Commits `mebibytes` of random data in one transaction. */
function write(mebibytes: number): void {
  const insert = db.prepare('INSERT INTO blobs VALUES (randomblob(65536))');
  db.transaction(() => {
    for (let i = 0; i < mebibytes * 16; i++) insert.run();
  })();
}

const fileBytes = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the WAL checkpointer', () => {
  it('takes checkpoints off the main connection and starts no thread while the WAL stays small', async () => {
    const checkpointer = new WalCheckpointer(db, path, undefined, limits);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    write(0.5);
    await wait(100);
    expect(checkpointer.running).toBe(false);
    await checkpointer.close();
  });

  it('starts once the WAL outgrows its threshold and copies what was committed into the database', async () => {
    const checkpointer = new WalCheckpointer(db, path, undefined, limits);
    const before = fileBytes(path);
    write(3);
    await vi.waitFor(() => expect(fileBytes(path)).toBeGreaterThanOrEqual(before + 3 * MiB), { timeout: 10_000, interval: 20 });
    expect(checkpointer.running).toBe(true);
    // The main connection's next checkpoint finds every frame already copied.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(result!.checkpointed).toBe(result!.log);
    await checkpointer.close();
    expect(checkpointer.running).toBe(false);
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(fileBytes(path)).toBeGreaterThanOrEqual(before + 3 * MiB);
  });

  it('empties a WAL larger than it keeps once everything in it is copied', async () => {
    const checkpointer = new WalCheckpointer(db, path, undefined, { ...limits, keepWalBytes: 2 * MiB });
    write(4);
    expect(fileBytes(`${path}-wal`)).toBeGreaterThan(4 * MiB);
    await vi.waitFor(() => expect(fileBytes(`${path}-wal`)).toBe(0), { timeout: 10_000, interval: 20 });
    expect((db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(64);
    await checkpointer.close();
  });

  it('gives checkpoints back to the main connection, saying why, when its thread cannot run', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const checkpointer = new WalCheckpointer(db, path, join(root, 'missing.node'), limits);
      checkpointer.start();
      await vi.waitFor(() => expect(checkpointer.running).toBe(false), { timeout: 10_000, interval: 20 });
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toMatch(/^The graph database's checkpoints run on the main thread again: .*missing\.node/);
      await checkpointer.close();
    } finally {
      logged.mockRestore();
    }
  });

  it('lets a process end normally once an engine whose worker runs is closed', async () => {
    const builtEngine = resolve(import.meta.dirname, '../../../out/main/engine.js');
    expect(existsSync(builtEngine), `${builtEngine} is missing: run npm run build first`).toBe(true);
    const workspace = join(root, 'workspace');
    const run = await runChild(resolve(import.meta.dirname, 'fixtures/checkpoint-close-child.mjs'), [workspace]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.lines).toHaveLength(2);
    // The worker had copied the WAL into the database while the workspace was open.
    expect(Number(/^database (\d+)$/.exec(run.lines[0]!)?.[1])).toBeGreaterThan(4 * MiB);
    expect(run.lines[1]).toBe('closed');
    expect(existsSync(join(workspace, 'graph.sqlite-wal'))).toBe(false);
  }, 60_000);
});
