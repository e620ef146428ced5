import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphEvent, GraphEventType } from '../../../src-shared/contract';
import { HistoryStore } from '../../../src-main/engine/history';

/** A fresh history store in a temporary folder. */
export async function tempStore(): Promise<{ store: HistoryStore; root: string; path: string; reopen: () => Promise<HistoryStore>; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'twinbench-history-test-'));
  const path = join(root, 'history.duckdb');
  const fixture = {
    store: await HistoryStore.open({ path, serviceId: 'local' }),
    root,
    path,
    reopen: async () => {
      await fixture.store.close();
      fixture.store = await HistoryStore.open({ path, serviceId: 'local' });
      return fixture.store;
    },
    dispose: async () => {
      await fixture.store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** A synthetic outbox event. */
export function event(seq: number, type: GraphEventType, subject: string, data: unknown, time = `2026-01-01T00:00:0${seq}.000Z`): GraphEvent {
  return { seq, specversion: '1.0', id: `e${seq}`, type, source: 'twinbench://test', subject, time, datacontenttype: 'application/json', data };
}

const room = 'dtmi:test:Room;1';

/** Create room-1 (with a component), update it, relate it, unrelate it, delete it. */
export function storyEvents(): GraphEvent[] {
  return [
    event(1, 'Microsoft.DigitalTwins.Twin.Create', 'room-1', {
      $dtId: 'room-1',
      $etag: 'W/"a"',
      $metadata: { $model: room, $lastUpdateTime: '2026-01-01T00:00:01.000Z', area: { lastUpdateTime: '2026-01-01T00:00:01.000Z', sourceTime: '2025-12-31T23:59:00.000Z' } },
      area: 20,
      tags: { wing: 'A' },
      thermostat: { $metadata: { $lastUpdateTime: '2026-01-01T00:00:01.000Z' }, setpoint: 21 },
    }),
    event(2, 'Microsoft.DigitalTwins.Twin.Create', 'floor-1', { $dtId: 'floor-1', $etag: 'W/"b"', $metadata: { $model: 'dtmi:test:Floor;1', $lastUpdateTime: '2026-01-01T00:00:02.000Z' } }),
    event(3, 'Microsoft.DigitalTwins.Twin.Update', 'room-1', {
      modelId: room,
      patch: [
        { op: 'replace', path: '/area', value: 25 },
        { op: 'add', path: '/$metadata/area/sourceTime', value: '2026-01-01T00:00:00.500Z' },
        { op: 'replace', path: '/thermostat/setpoint', value: 22.5 },
        { op: 'add', path: '/tags/floor', value: '1' },
      ],
    }),
    event(4, 'Microsoft.DigitalTwins.Relationship.Create', 'floor-1/relationships/r1', { $relationshipId: 'r1', $etag: 'W/"c"', $sourceId: 'floor-1', $relationshipName: 'contains', $targetId: 'room-1', since: 2020 }),
    event(5, 'Microsoft.DigitalTwins.Relationship.Update', 'floor-1/relationships/r1', { modelId: 'dtmi:test:Floor;1', patch: [{ op: 'replace', path: '/since', value: 2021 }] }),
    event(6, 'Microsoft.DigitalTwins.Twin.Update', 'room-1', { modelId: room, patch: [{ op: 'remove', path: '/tags' }] }),
  ];
}

/** Deletes of the story's relationship and room, after `storyEvents`. */
export function deleteEvents(): GraphEvent[] {
  return [
    event(7, 'Microsoft.DigitalTwins.Relationship.Delete', 'floor-1/relationships/r1', { $relationshipId: 'r1', $etag: 'W/"d"', $sourceId: 'floor-1', $relationshipName: 'contains', $targetId: 'room-1', since: 2021 }),
    event(8, 'Microsoft.DigitalTwins.Twin.Delete', 'room-1', { $dtId: 'room-1', $etag: 'W/"e"', $metadata: { $model: room, $lastUpdateTime: '2026-01-01T00:00:06.000Z' }, area: 25, thermostat: { $metadata: {}, setpoint: 22.5 } }),
  ];
}
