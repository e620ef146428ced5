import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox, type EventDraft } from '../../../src-main/engine/graph/outbox';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';

const time = '2026-01-01T00:00:00.000Z';
const drafts = (count: number, from = 0): EventDraft[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'Microsoft.DigitalTwins.Twin.Delete', subject: `twin-${from + i}`, data: { n: from + i } }));

describe('outbox events written many per statement', () => {
  let db: Database;

  beforeEach(async () => {
    db = await openGraphDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('numbers a batch larger than one statement gap-free and in order, with each event whole', () => {
    const outbox = new Outbox(db, 'twinbench://test');
    outbox.append(drafts(1)[0]!, time);
    db.transaction(() => outbox.appendMany(drafts(150, 1), time))();
    const events = outbox.after(0, 1000);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 151 }, (_, i) => i + 1));
    expect(events.map((event) => event.subject)).toEqual(Array.from({ length: 151 }, (_, i) => `twin-${i}`));
    expect(events[150]).toMatchObject({ seq: 151, type: 'Microsoft.DigitalTwins.Twin.Delete', source: 'twinbench://test', time, data: { n: 150 } });
    expect(outbox.lastSeq()).toBe(151);
  });

  it('holds events back in buffered mode until a full batch or flush', () => {
    const outbox = new Outbox(db, 'twinbench://test', true);
    db.exec('BEGIN');
    outbox.appendMany(drafts(10), time);
    expect(outbox.after(0, 1000)).toEqual([]);
    outbox.appendMany(drafts(60, 10), time);
    expect(outbox.after(0, 1000)).toHaveLength(70);
    outbox.flush();
    db.exec('COMMIT');
    expect(outbox.after(0, 1000).map((event) => event.subject)).toEqual(Array.from({ length: 70 }, (_, i) => `twin-${i}`));
    expect(outbox.lastSeq()).toBe(70);
  });
});
