import { describe, expect, it } from 'vitest';
import type { GraphEvent } from '../../../../src-shared/contract';
import { alertEntry, EventRing, failureEntry, graphEntry, readingEntry, type EventCategory, type LogFilter } from '../../../../src-renderer/features/event-flow/event-log';

const everything: LogFilter = { categories: ['twin', 'relationship', 'telemetry', 'alert'] as EventCategory[], subject: '', text: '' };
const reading = (twinId: string, value: number) => readingEntry({ time: '2026-01-05T08:00:00.000Z', twinId, name: 'temperature', value });

describe('event log entries', () => {
  it('summarises a twin update by its patch and a relationship by its name and target', () => {
    const update: GraphEvent = {
      seq: 7,
      specversion: '1.0',
      id: 'e7',
      type: 'Microsoft.DigitalTwins.Twin.Update',
      source: 'twinbench',
      subject: 'room-1',
      time: '2026-01-05T08:00:00.000Z',
      datacontenttype: 'application/json',
      data: { modelId: 'dtmi:x;1', patch: [{ op: 'replace', path: '/area', value: 20 }] },
    };
    expect(graphEntry(update)).toMatchObject({ category: 'twin', type: 'Twin.Update', subject: 'room-1', text: '[{"op":"replace","path":"/area","value":20}]' });
    const link = { ...update, type: 'Microsoft.DigitalTwins.Relationship.Create' as const, subject: 'f1/relationships/r1', data: { $relationshipName: 'contains', $targetId: 'room-1' } };
    expect(graphEntry(link)).toMatchObject({ category: 'relationship', type: 'Relationship.Create', text: 'contains → room-1' });
  });

  it('names a reading by twin and component, and an alert by its state and rule', () => {
    expect(readingEntry({ time: 't', twinId: 'r1', component: 'thermostat', name: 'setpoint', value: 21.5 })).toMatchObject({ subject: 'r1/thermostat', text: 'setpoint = 21.5', type: 'Telemetry' });
    expect(alertEntry({ time: 't', ruleId: 'co2', twinId: 'r1', state: 'raised', severity: 'warning', message: 'CO2 is high' })).toMatchObject({ category: 'alert', type: 'Alert raised', text: 'warning: CO2 is high (rule co2)' });
  });

  it('says which route could not deliver which event, why, and where it was kept', () => {
    const failure = { time: 't', routeId: 'all', endpointName: 'hook', error: 'http://x/: HTTP 503 Service Unavailable after 3 attempts', eventType: 'Microsoft.DigitalTwins.Twin.Create', subject: 'r1', deadLetterFile: 'deadletters/hook.ndjson' };
    expect(failureEntry(failure)).toEqual({
      time: 't',
      category: 'delivery',
      type: 'Delivery failed',
      subject: 'r1',
      text: 'Twin.Create by route all to hook: http://x/: HTTP 503 Service Unavailable after 3 attempts (kept in deadletters/hook.ndjson)',
      data: failure,
    });
  });
});

describe('the event ring', () => {
  it('keeps the newest entries up to its capacity, newest first, numbered in arrival order', () => {
    const ring = new EventRing(3);
    ring.push([reading('a', 1), reading('b', 2)]);
    ring.push([reading('c', 3), reading('d', 4)]);
    expect(ring.received).toBe(4);
    expect(ring.newestFirst(everything).map((entry) => [entry.seq, entry.subject])).toEqual([
      [4, 'd'],
      [3, 'c'],
      [2, 'b'],
    ]);
  });

  it('takes only the last capacity entries of a batch bigger than the ring, and counts them all', () => {
    const ring = new EventRing(2);
    ring.push(Array.from({ length: 1_000 }, (_, index) => reading(`t${index + 99_000}`, index)), 99_000);
    expect(ring.received).toBe(100_000);
    expect(ring.newestFirst(everything).map((entry) => entry.subject)).toEqual(['t99999', 't99998']);
  });

  it('filters by category, subject and text, case-insensitively, and up to a paused sequence number', () => {
    const ring = new EventRing(10);
    ring.push([reading('Room-1', 20), reading('room-2', 21), alertEntry({ time: 't', ruleId: 'hot', twinId: 'room-1', state: 'raised', severity: 'critical', message: 'Too hot' })]);
    expect(ring.newestFirst({ ...everything, subject: 'ROOM-1' }).map((entry) => entry.type)).toEqual(['Alert raised', 'Telemetry']);
    expect(ring.newestFirst({ ...everything, categories: ['telemetry'] }).map((entry) => entry.subject)).toEqual(['room-2', 'Room-1']);
    expect(ring.newestFirst({ ...everything, text: 'too HOT' }).map((entry) => entry.seq)).toEqual([3]);
    expect(ring.newestFirst(everything, 2).map((entry) => entry.seq)).toEqual([2, 1]);
    ring.clear();
    expect(ring.newestFirst(everything)).toEqual([]);
  });
});
