import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChild } from '../../fixtures/run-child';
import { createEngine, type Engine, type GraphEvent } from '../../../src-main/engine';
import { campusEngine, roomBody } from './graph-fixture';

describe('the outbox', () => {
  let engine: Engine;
  let root: string;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ engine, root, dispose } = await campusEngine());
  });
  afterEach(() => dispose());

  it('numbers the events of committed changes without gaps, and none for refused ones', async () => {
    await engine.twins.upsert('room-1', roomBody());
    await engine.twins.upsert('room-2', roomBody({ area: 'bad' })).catch(() => undefined);
    await engine.twins.update('room-1', [{ op: 'add', path: '/area', value: 3 }]);
    await engine.twins.delete('room-1');
    await engine.close();
    const db = new BetterSqlite3(join(root, 'graph.sqlite'), { readonly: true });
    expect(db.prepare('SELECT seq, type FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, type: 'Microsoft.DigitalTwins.Twin.Create' },
      { seq: 2, type: 'Microsoft.DigitalTwins.Twin.Update' },
      { seq: 3, type: 'Microsoft.DigitalTwins.Twin.Delete' },
    ]);
    db.close();
    engine = await createEngine({ workspace: root });
  });

  it('resumes a subscriber from its persisted position after a restart', async () => {
    const seen: number[] = [];
    await engine.subscribeToOutbox({ name: 'audit', handle: (events) => void seen.push(...events.map((event) => event.seq)) });
    await engine.twins.upsert('room-1', roomBody());
    await engine.twins.upsert('room-2', roomBody());
    await engine.settled();
    expect(seen).toEqual([1, 2]);
    await engine.close();

    engine = await createEngine({ workspace: root });
    await engine.twins.upsert('room-3', roomBody());
    const later: GraphEvent[] = [];
    await engine.subscribeToOutbox({ name: 'audit', handle: (events) => void later.push(...events) });
    await engine.settled();
    expect(later.map((event) => [event.seq, event.subject])).toEqual([[3, 'room-3']]);
  });

  it('retries a failing subscriber without skipping events', async () => {
    let failures = 1;
    const seen: number[] = [];
    await engine.subscribeToOutbox({
      name: 'flaky',
      handle: (events) => {
        if (failures-- > 0) throw new Error('not now');
        seen.push(...events.map((event) => event.seq));
      },
    });
    await engine.twins.upsert('room-1', roomBody());
    await new Promise((done) => setTimeout(done, 400));
    await engine.settled();
    expect(seen).toEqual([1]);
  });
});

describe('the outbox across a crash', () => {
  const child = resolve(import.meta.dirname, 'fixtures/outbox-child.mjs');
  const builtEngine = resolve(import.meta.dirname, '../../../out/main/engine.js');
  let root: string;
  beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'twinbench-crash-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  const run = (mode: 'write' | 'drain', until?: (line: string) => boolean) => runChild(child, [mode, root], until);


  it('loses and duplicates nothing when the writer is killed mid-stream', async () => {
    expect(existsSync(builtEngine), `${builtEngine} is missing: run npm run build first`).toBe(true);
    const written = await run('write', (line) => line === 'committed 300');
    const acknowledged = written.lines.filter((line) => line.startsWith('committed ')).length;
    expect(acknowledged).toBeGreaterThanOrEqual(301);

    const drained = await run('drain');
    expect(drained).toMatchObject({ code: 0, stderr: '' });
    expect(drained.lines).toEqual(['drained']);

    const graph = new BetterSqlite3(join(root, 'graph.sqlite'), { readonly: true });
    const twins = graph.prepare('SELECT count(*) AS n FROM twins').get() as { n: number };
    const outbox = graph.prepare('SELECT count(*) AS n, min(seq) AS first, max(seq) AS last FROM outbox').get() as { n: number; first: number; last: number };
    graph.close();
    // Every acknowledged write is there, each with exactly one event, numbered without gaps.
    expect(twins.n).toBeGreaterThanOrEqual(acknowledged);
    expect(outbox).toEqual({ n: twins.n, first: 1, last: twins.n });

    const delivered = new BetterSqlite3(join(root, 'delivered.sqlite'), { readonly: true });
    const seqs = (delivered.prepare('SELECT seq FROM delivered ORDER BY seq').all() as { seq: number }[]).map((row) => row.seq);
    delivered.close();
    expect(seqs).toEqual(Array.from({ length: twins.n }, (_, i) => i + 1));
  });
});
