import type { Database } from 'better-sqlite3';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../src-main/engine';
import { runChild } from '../../fixtures/run-child';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';
import { type CheckpointLimits, WalCheckpointer } from '../../../src-main/engine/workspace/wal-checkpointer';

const MiB = 1024 * 1024;
const limits: CheckpointLimits = { startAtBytes: MiB, watchEveryMs: 10, checkpointEveryMs: 10, restartPastPages: 16_384 };

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
  it('leaves checkpoints to the main connection, as SQLite does, and starts no thread while the WAL stays small', async () => {
    const checkpointer = new WalCheckpointer(db, path, undefined, limits);
    write(0.5);
    await wait(100);
    expect(checkpointer.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.close();
  });

  it('starts once the WAL outgrows its threshold and copies what was committed into the database', async () => {
    const checkpointer = new WalCheckpointer(db, path, undefined, limits);
    const before = fileBytes(path);
    write(3);
    await vi.waitFor(() => expect(fileBytes(path)).toBeGreaterThanOrEqual(before + 3 * MiB), { timeout: 10_000, interval: 20 });
    expect(checkpointer.running).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // The main connection's next checkpoint (once the worker has synced what it copied) finds every frame already copied.
    await wait(200);
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(result!.checkpointed).toBe(result!.log);
    await checkpointer.close();
    expect(checkpointer.running).toBe(false);
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(fileBytes(path)).toBeGreaterThanOrEqual(before + 3 * MiB);
  });

  it('lets the WAL start over once everything in it is copied, so it does not grow', async () => {
    const checkpointer = new WalCheckpointer(db, path, undefined, limits);
    checkpointer.start();
    write(2);
    await vi.waitFor(() => expect(fileBytes(path)).toBeGreaterThanOrEqual(2 * MiB), { timeout: 10_000, interval: 20 });
    const walAfterFirst = fileBytes(`${path}-wal`);
    // Once the first write is copied, the next commit writes the WAL from its beginning again.
    await wait(200);
    write(2);
    expect(fileBytes(`${path}-wal`)).toBe(walAfterFirst);
    await vi.waitFor(() => expect(fileBytes(path)).toBeGreaterThanOrEqual(4 * MiB), { timeout: 10_000, interval: 20 });
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

  it('takes over a bulk import, and lets the process end normally once the engine is closed', async () => {
    const builtEngine = resolve(import.meta.dirname, '../../../out/main/engine.js');
    expect(existsSync(builtEngine), `${builtEngine} is missing: run npm run build first`).toBe(true);
    const workspace = join(root, 'workspace');
    const run = await runChild(resolve(import.meta.dirname, 'fixtures/checkpoint-close-child.mjs'), [workspace]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.lines).toHaveLength(2);
    // The worker had copied the import's WAL into the database while the workspace was open.
    expect(Number(/^database (\d+)$/.exec(run.lines[0]!)?.[1])).toBeGreaterThan(4 * MiB);
    expect(run.lines[1]).toBe('closed');
    expect(existsSync(join(workspace, 'graph.sqlite-wal'))).toBe(false);
  }, 60_000);

  it('is started by a bulk import, and not by a small one', async () => {
    const started = vi.spyOn(WalCheckpointer.prototype, 'start');
    const engine = await createEngine({ workspace: join(root, 'engine') });
    try {
      const model = { '@id': 'dtmi:test:Note;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', contents: [{ '@type': 'Property', name: 'text', schema: 'string' }] };
      await engine.models.add([{ name: 'note.json', text: JSON.stringify(model) }]);
      const importNotes = async (name: string, count: number) => {
        const lines = ['{"Section":"Header"}', '{"fileVersion":"1.0.0"}', '{"Section":"Twins"}'];
        for (let i = 0; i < count; i++) lines.push(JSON.stringify({ $dtId: `${name}-${i}`, $metadata: { $model: 'dtmi:test:Note;1' }, text: 'x' }));
        const file = join(root, `${name}.ndjson`);
        writeFileSync(file, `${lines.join('\n')}\n`);
        return (await engine.jobs.wait((await engine.jobs.startImport(name, { inputPath: file })).id)).status;
      };
      expect(await importNotes('small', 2_000)).toBe('succeeded');
      expect(started).not.toHaveBeenCalled();
      expect(await importNotes('bulk', 10_000)).toBe('succeeded');
      expect(started).toHaveBeenCalled();
    } finally {
      await engine.close();
      started.mockRestore();
    }
  }, 60_000);
});
