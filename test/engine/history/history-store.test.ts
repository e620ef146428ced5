import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelemetryBatch, type HistoryStore } from '../../../src-main/engine/history';
import { deleteEvents, event, storyEvents, tempStore } from './history-fixture';

describe('the history store', () => {
  let fixture: Awaited<ReturnType<typeof tempStore>>;
  let store: HistoryStore;
  const rows = async (sql: string) => (await fixture.store.analytics.sql(sql)).rows;

  beforeEach(async () => {
    fixture = await tempStore();
    store = fixture.store;
  });
  afterEach(() => fixture.dispose());

  it('turns twin and relationship events into ADT data history rows', async () => {
    await store.handle(storyEvents());
    await store.handle(deleteEvents());
    expect(store.position()).toBe(8);
    expect(await rows(`SELECT strftime(TimeStamp, '%S.%g'), strftime(SourceTimeStamp, '%S.%g'), ServiceId, Id, ModelId, Key, Value, RelationshipId, RelationshipTarget FROM property_events ORDER BY rowid`)).toEqual([
      ['01.000', '00.000', 'local', 'room-1', 'dtmi:test:Room;1', 'area', 20, null, null],
      ['01.000', null, 'local', 'room-1', 'dtmi:test:Room;1', 'tags', { wing: 'A' }, null, null],
      ['01.000', null, 'local', 'room-1', 'dtmi:test:Room;1', 'thermostat.setpoint', 21, null, null],
      ['03.000', '00.500', 'local', 'room-1', 'dtmi:test:Room;1', 'area', 25, null, null],
      ['03.000', null, 'local', 'room-1', 'dtmi:test:Room;1', 'thermostat.setpoint', 22.5, null, null],
      ['03.000', null, 'local', 'room-1', 'dtmi:test:Room;1', 'tags', { wing: 'A', floor: '1' }, null, null],
      ['04.000', null, 'local', 'floor-1', 'dtmi:test:Floor;1', 'since', 2020, 'r1', 'room-1'],
      ['05.000', null, 'local', 'floor-1', 'dtmi:test:Floor;1', 'since', 2021, 'r1', 'room-1'],
      ['06.000', null, 'local', 'room-1', 'dtmi:test:Room;1', 'tags', null, null, null],
    ]);
    expect(await rows(`SELECT TwinId, Action, TimeStamp, ServiceId, ModelId FROM twin_lifecycle_events ORDER BY rowid`)).toEqual([
      ['room-1', 'Create', '2026-01-01T00:00:01.000Z', 'local', 'dtmi:test:Room;1'],
      ['floor-1', 'Create', '2026-01-01T00:00:02.000Z', 'local', 'dtmi:test:Floor;1'],
      ['room-1', 'Delete', '2026-01-01T00:00:08.000Z', 'local', 'dtmi:test:Room;1'],
    ]);
    expect(await rows(`SELECT RelationshipId, Name, Action, Source, Target, TimeStamp, ServiceId FROM relationship_lifecycle_events ORDER BY rowid`)).toEqual([
      ['r1', 'contains', 'Create', 'floor-1', 'room-1', '2026-01-01T00:00:04.000Z', 'local'],
      ['r1', 'contains', 'Delete', 'floor-1', 'room-1', '2026-01-01T00:00:07.000Z', 'local'],
    ]);
  });

  it('keeps twins and relationships in step with the events', async () => {
    await store.handle(storyEvents());
    expect(await rows(`SELECT id, model, body->>'$.area', body->'$.thermostat'->>'$.setpoint', body->'$.tags' FROM twins ORDER BY id`)).toEqual([
      ['floor-1', 'dtmi:test:Floor;1', null, null, null],
      ['room-1', 'dtmi:test:Room;1', '25', '22.5', null],
    ]);
    expect(await rows(`SELECT source, id, name, target, body->>'$.since' FROM relationships`)).toEqual([['floor-1', 'r1', 'contains', 'room-1', '2021']]);
    await store.handle(deleteEvents());
    expect(await rows(`SELECT id FROM twins`)).toEqual([['floor-1']]);
    expect(await rows(`SELECT count(*) FROM relationships`)).toEqual([[0]]);
  });

  it('stores the same rows and mirror whether a story comes in one batch or one event at a time', async () => {
    const snapshot = async () => ({
      properties: await rows(`SELECT Id, ModelId, Key, Value, RelationshipId, RelationshipTarget FROM property_events ORDER BY rowid`),
      lifecycle: await rows(`SELECT TwinId, Action, ModelId FROM twin_lifecycle_events ORDER BY rowid`),
      twins: await rows(`SELECT id, model, body FROM twins ORDER BY id`),
      relationships: await rows(`SELECT source, id, name, target, body FROM relationships ORDER BY source, id`),
    });
    await store.handle(storyEvents());
    const whole = await snapshot();
    expect(whole.twins).toHaveLength(2);
    expect(whole.relationships).toHaveLength(1);
    await fixture.dispose();
    fixture = await tempStore();
    store = fixture.store;
    for (const one of storyEvents()) await store.handle([one]);
    expect(await snapshot()).toEqual(whole);
    expect(await rows(`SELECT count(*) FROM twins`)).toEqual([[2]]);
  });

  it('stores models with their ancestry and offers is_of_model and twin_property', async () => {
    await store.setModels([{ id: 'dtmi:test:Room;1', ancestors: ['dtmi:test:Space;1'] }, { id: 'dtmi:test:Floor;1', ancestors: ['dtmi:test:Floor;1', 'dtmi:test:Space;1'] }]);
    await store.handle(storyEvents());
    expect(await rows(`SELECT id, ancestors FROM models ORDER BY id`)).toEqual([
      ['dtmi:test:Floor;1', ['dtmi:test:Floor;1', 'dtmi:test:Space;1']],
      ['dtmi:test:Room;1', ['dtmi:test:Room;1', 'dtmi:test:Space;1']],
    ]);
    expect(await rows(`SELECT id FROM twins WHERE is_of_model(model, 'dtmi:test:Space;1') ORDER BY id`)).toEqual([['floor-1'], ['room-1']]);
    expect(await rows(`SELECT twin_property('room-1', 'area'), twin_property('room-1', 'thermostat.setpoint')`)).toEqual([[25, 22.5]]);
  });

  it('stores each event exactly once across a reopen and a redelivery', async () => {
    const batch = storyEvents();
    await store.handle(batch);
    store = await fixture.reopen();
    expect(store.position()).toBe(6);
    await store.handle(batch);
    await store.handle([...batch, ...deleteEvents()]);
    expect(store.position()).toBe(8);
    expect(await rows(`SELECT (SELECT count(*) FROM property_events), (SELECT count(*) FROM twin_lifecycle_events), (SELECT count(*) FROM relationship_lifecycle_events)`)).toEqual([[9, 3, 2]]);
  });

  it('leaves nothing behind, position included, when a batch fails midway', async () => {
    await store.handle(storyEvents().slice(0, 2));
    // The mirror rewrite runs before the history inserts; the bad time fails the latter.
    const bad = event(3, 'Microsoft.DigitalTwins.Twin.Update', 'room-1', { modelId: 'dtmi:test:Room;1', patch: [{ op: 'replace', path: '/area', value: 99 }] }, 'not a time');
    await expect(store.handle([bad])).rejects.toThrow(/timestamp/);
    expect(store.position()).toBe(2);
    expect(await rows(`SELECT body->>'$.area', (SELECT count(*) FROM property_events) FROM twins WHERE id = 'room-1'`)).toEqual([['20', 3]]);
    store = await fixture.reopen();
    expect(store.position()).toBe(2);
    await store.handle(storyEvents());
    expect(await rows(`SELECT body->>'$.area' FROM twins WHERE id = 'room-1'`)).toEqual([['25']]);
  });

  it('appends telemetry in batches', async () => {
    const batch = new TelemetryBatch();
    batch.message({ time: '2026-01-01T00:00:00Z', twinId: 'room-1', messageId: 'm1' });
    batch.reading('temperature', 20.5);
    batch.message({ time: '2026-01-01T00:00:01Z', sourceTime: '2026-01-01T00:00:00.900Z', twinId: 'room-1', component: 'thermostat' });
    batch.reading('state', { on: true });
    expect(await store.appendTelemetry(batch)).toBe(2);
    expect(await rows(`SELECT time, source_time, twin_id, component, name, value, value_json, message_id FROM telemetry ORDER BY time`)).toEqual([
      ['2026-01-01T00:00:00.000Z', null, 'room-1', null, 'temperature', 20.5, 20.5, 'm1'],
      ['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:00.900Z', 'room-1', 'thermostat', 'state', null, { on: true }, null],
    ]);
  });

  it('keeps every value of a batch that spans several data chunks exactly, nulls included', async () => {
    // Components are null in half of the first chunk's rows only: no null may leak into later chunks.
    const batch = new TelemetryBatch();
    const values = [7, -0.25, true, false, 'on', 'a longer text than twelve bytes', 'née', '€€€€€', null, { deep: [1, 2] }, Number.NaN];
    const count = 5_000;
    for (let i = 0; i < count; i++) {
      const long = i % 2 === 0;
      batch.message({ time: '2026-01-01T00:00:00Z', sourceTime: long ? '2025-12-31T23:59:59.1234567+01:00' : null, twinId: long ? `a-twin-id-longer-than-twelve-${i % 7}` : `t${i % 7}`, component: long && i < 2048 ? null : 'c', messageId: long ? `message-${i}` : null });
      batch.reading(long ? 'a-name-longer-than-twelve' : 'n', values[i % values.length]);
    }
    expect(batch.size).toBe(count);
    expect(await store.appendTelemetry(batch)).toBe(count);
    expect(await rows(`SELECT count(*), count(DISTINCT twin_id), count(component), count(message_id), count(DISTINCT source_time), min(source_time), count(value), sum(value), count(value_json) FROM telemetry`)).toEqual([
      [count, 14, count - 1024, count / 2, 1, '2025-12-31T22:59:59.123Z', 455 * 4, 455 * (7 - 0.25 + 1), count],
    ]);
    expect(await rows(`SELECT epoch_us(source_time) % 1000000, twin_id, name, value, value_json::VARCHAR, message_id FROM telemetry WHERE rowid IN (0, 1, 4, 5, 6, 7, 8, 10, 2048, 2049, 4999) ORDER BY rowid`)).toEqual([
      [123456, 'a-twin-id-longer-than-twelve-0', 'a-name-longer-than-twelve', 7, '7', 'message-0'],
      [null, 't1', 'n', -0.25, '-0.25', null],
      [123456, 'a-twin-id-longer-than-twelve-4', 'a-name-longer-than-twelve', null, '"on"', 'message-4'],
      [null, 't5', 'n', null, '"a longer text than twelve bytes"', null],
      [123456, 'a-twin-id-longer-than-twelve-6', 'a-name-longer-than-twelve', null, '"née"', 'message-6'],
      [null, 't0', 'n', null, '"€€€€€"', null],
      [123456, 'a-twin-id-longer-than-twelve-1', 'a-name-longer-than-twelve', null, 'null', 'message-8'],
      [123456, 'a-twin-id-longer-than-twelve-3', 'a-name-longer-than-twelve', null, 'null', 'message-10'],
      [123456, 'a-twin-id-longer-than-twelve-4', 'a-name-longer-than-twelve', 1, 'true', 'message-2048'],
      [null, 't5', 'n', 0, 'false', null],
      [null, 't1', 'n', null, '"a longer text than twelve bytes"', null],
    ]);
  });

  it('refuses a reading time that is not ISO 8601 before anything is stored', () => {
    const batch = new TelemetryBatch();
    expect(() => batch.message({ time: 'yesterday-ish', twinId: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as Error);
    expect(() => batch.message({ time: '2026-01-01T00:00:00Z', sourceTime: '1', twinId: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as Error);
    expect(batch.size).toBe(0);
  });
});
