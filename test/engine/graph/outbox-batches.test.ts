import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox, type EventDraft } from '../../../src-main/engine/graph/outbox';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';

const time = '2026-01-01T00:00:00.000Z';
const uuid = '0b9c6f4e-3f0a-4c55-9d2e-7a1b2c3d4e5f';
const twin = { $dtId: 'room-1', $etag: `W/"${uuid}"`, $metadata: { $model: 'dtmi:test:Room;1', $lastUpdateTime: time }, name: 'Room 1' };
const relationship = { $relationshipId: 'r1', $etag: `W/"${uuid}"`, $sourceId: 'room-1', $relationshipName: 'contains', $targetId: 'room-2', since: 3 };
const twinCreate: EventDraft = { type: 'Microsoft.DigitalTwins.Twin.Create', subject: 'room-1', dataschema: 'dtmi:test:Room;1', data: twin, dataJson: JSON.stringify(twin) };
const relationshipCreate: EventDraft = { type: 'Microsoft.DigitalTwins.Relationship.Create', subject: 'room-1/relationships/r1', data: relationship, dataJson: JSON.stringify(relationship) };
const drafts = (count: number, from = 0): EventDraft[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'Microsoft.DigitalTwins.Twin.Delete', subject: `twin-${from + i}`, data: { n: from + i } }));

let db: Database;

beforeEach(async () => {
  db = await openGraphDatabase(':memory:');
});
afterEach(() => db.close());

describe('outbox events written many per statement', () => {
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

describe('Create events stored as their data', () => {
  it('stores a Create event as its document and reads it back as the whole CloudEvent', () => {
    const outbox = new Outbox(db, 'twinbench://test');
    db.transaction(() => outbox.appendMany([twinCreate, relationshipCreate], time))();
    expect(db.prepare('SELECT event FROM outbox ORDER BY seq').pluck().all()).toEqual([JSON.stringify(twin), JSON.stringify(relationship)]);
    const events = outbox.after(0, 10);
    expect(events).toEqual([
      { seq: 1, specversion: '1.0', id: uuid, type: 'Microsoft.DigitalTwins.Twin.Create', source: 'twinbench://test', subject: 'room-1', time, datacontenttype: 'application/json', dataschema: 'dtmi:test:Room;1', data: twin },
      { seq: 2, specversion: '1.0', id: uuid, type: 'Microsoft.DigitalTwins.Relationship.Create', source: 'twinbench://test', subject: 'room-1/relationships/r1', time, datacontenttype: 'application/json', data: relationship },
    ]);
    expect(Object.keys(events[0]!)).toEqual(['seq', 'specversion', 'id', 'type', 'source', 'subject', 'time', 'datacontenttype', 'dataschema', 'data']);
  });

  it('gives the same events from memory after a commit as from the table', () => {
    const outbox = new Outbox(db, 'twinbench://test');
    const update: EventDraft = { type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'room-1', dataschema: 'dtmi:test:Room;1', data: { modelId: 'dtmi:test:Room;1', patch: [] } };
    db.transaction(() => outbox.appendMany([twinCreate, relationshipCreate, update], time))();
    outbox.committed();
    const fromMemory = outbox.after(0, 10);
    const fromTable = new Outbox(db, 'twinbench://test').after(0, 10);
    expect(fromMemory).toEqual(fromTable);
    expect(fromMemory.map((event) => Object.keys(event))).toEqual(fromTable.map((event) => Object.keys(event)));
    expect(fromMemory[0]!.id).toBe(uuid);
  });

  it('keeps the whole envelope when the data does not imply it', () => {
    const outbox = new Outbox(db, 'twinbench://test');
    const otherSubject: EventDraft = { ...twinCreate, subject: 'room-9' };
    const noEtag: EventDraft = { ...twinCreate, data: { ...twin, $etag: 'x' }, dataJson: JSON.stringify({ ...twin, $etag: 'x' }) };
    const update: EventDraft = { type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'room-1', dataschema: 'dtmi:test:Room;1', data: { modelId: 'dtmi:test:Room;1', patch: [] } };
    db.transaction(() => outbox.appendMany([otherSubject, noEtag, update], time))();
    const stored = db.prepare<[], string>('SELECT event FROM outbox ORDER BY seq').pluck().all();
    expect(stored.map((event) => event.startsWith('{"specversion":"1.0"'))).toEqual([true, true, true]);
    expect(outbox.after(0, 10).map((event) => [event.subject, event.type, event.dataschema])).toEqual([
      ['room-9', 'Microsoft.DigitalTwins.Twin.Create', 'dtmi:test:Room;1'],
      ['room-1', 'Microsoft.DigitalTwins.Twin.Create', 'dtmi:test:Room;1'],
      ['room-1', 'Microsoft.DigitalTwins.Twin.Update', 'dtmi:test:Room;1'],
    ]);
  });
});
