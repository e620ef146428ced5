import type { Database } from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src-main/engine/graph/outbox';
import { OutboxDrainer } from '../../../src-main/engine/graph/outbox-drainer';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';

let root: string;
let db: Database;
let outbox: Outbox;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-retention-'));
  db = await openGraphDatabase(join(root, 'graph.sqlite'));
  outbox = new Outbox(db, 'twinbench://test');
});
afterEach(async () => {
  db.close();
  await rm(root, { recursive: true, force: true });
});

const append = (count: number) =>
  db.transaction(() => {
    for (let i = 0; i < count; i++) outbox.append({ type: 'Microsoft.DigitalTwins.Twin.Create', subject: `t${i}`, data: {} }, '2026-01-01T00:00:00.000Z');
  })();
const kept = () => db.prepare('SELECT count(*) AS n, min(seq) AS first FROM outbox').get() as { n: number; first: number };

describe('outbox retention', () => {
  it('moves an idle durable subscriber past events unread and records how far', async () => {
    const drainer = new OutboxDrainer(db, outbox, () => undefined, 5);
    let routes = 0;
    const seen: number[] = [];
    await drainer.subscribe({ name: 'routes', active: () => routes > 0, handle: (events) => void seen.push(...events.map((event) => event.seq)) });
    append(30);
    drainer.notify();
    await drainer.drained();
    expect(seen).toEqual([]);
    expect(db.prepare("SELECT seq FROM outbox_positions WHERE subscriber = 'routes'").get()).toEqual({ seq: 30 });
    routes = 1;
    append(2);
    drainer.notify();
    await drainer.drained();
    expect(seen).toEqual([31, 32]);
  });

  it('deletes what every durable subscriber has handled, keeping the newest events', async () => {
    const drainer = new OutboxDrainer(db, outbox, () => undefined, 5);
    await drainer.subscribe({ name: 'history', handle: () => undefined });
    append(30);
    drainer.notify();
    await drainer.drained();
    expect(drainer.prune()).toBe(25);
    expect(kept()).toEqual({ n: 5, first: 26 });
  });

  it('never deletes what a subscriber elsewhere has not handled yet', async () => {
    append(30);
    db.prepare("INSERT INTO outbox_positions (subscriber, seq) VALUES ('routes', 12)").run();
    const drainer = new OutboxDrainer(db, outbox, () => undefined, 5);
    await drainer.subscribe({ name: 'history', handle: () => undefined });
    await drainer.drained();
    expect(drainer.prune()).toBe(12);
    expect(kept()).toEqual({ n: 18, first: 13 });
  });

  it('records subscribers that keep their own position, so pruning waits for them', async () => {
    append(30);
    const drainer = new OutboxDrainer(db, outbox, () => undefined, 5);
    let stop = 20;
    await drainer.subscribe({ name: 'own', position: () => 0, handle: (events) => {
      if (events[0]!.seq > stop) throw new Error('not yet');
    } });
    await drainer.subscribe({ name: 'fast', handle: () => undefined });
    await drainer.drained();
    expect(db.prepare("SELECT seq FROM outbox_positions WHERE subscriber = 'own'").get()).toEqual({ seq: 30 });
    stop = 0;
    append(10);
    drainer.notify();
    await new Promise((done) => setTimeout(done, 50));
    expect(drainer.prune()).toBe(30);
    expect(kept()).toEqual({ n: 10, first: 31 });
  });
});
