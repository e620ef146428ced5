// Events in ADT's notification shapes (graph.md): twin and relationship life-cycle, a twin update
// patch, and a telemetry message as ADT routes it.
import type { RouteFilterEvent } from '../../../../src-main/engine/events/filter';

const host = 'mydt.api.wcus.digitaltwins.azure.net';

export const events = {
  twinCreate: {
    specversion: '1.0',
    id: 'e-1',
    type: 'Microsoft.DigitalTwins.Twin.Create',
    source: host,
    subject: 'room1',
    time: '2024-01-03T10:00:00Z',
    datacontenttype: 'application/json',
    data: {
      $dtId: 'room1',
      $etag: 'W/"1"',
      $metadata: { $model: 'dtmi:example:com:floor4;2', temperature: { lastUpdateTime: '2024-01-03T10:00:00Z' } },
      temperature: 4.5,
      errorCode: 404,
      poweredOn: true,
      prop: 'set',
      name: "O'Brien's room",
      tags: ['a', 'b'],
    },
  },
  twinUpdate: {
    specversion: '1.0',
    id: 'e-2',
    type: 'Microsoft.DigitalTwins.Twin.Update',
    source: host,
    subject: 'room1',
    time: '2024-01-03T10:01:00Z',
    datacontenttype: 'application/json',
    data: { modelId: 'dtmi:example:com:floor4;2', patch: [{ op: 'replace', path: '/temperature', value: 7 }] },
  },
  twinDelete: {
    specversion: '1.0',
    id: 'e-3',
    type: 'Microsoft.DigitalTwins.Twin.Delete',
    source: host,
    subject: 'floor2',
    time: '2024-01-03T10:02:00Z',
    datacontenttype: 'application/json',
    data: { $dtId: 'floor2', $etag: 'W/"4"', $metadata: { $model: 'dtmi:example:com:floor;1' }, prop: null, errorCode: 100 },
  },
  relationshipCreate: {
    specversion: '1.0',
    id: 'e-4',
    type: 'Microsoft.DigitalTwins.Relationship.Create',
    source: host,
    subject: 'floor2/relationships/rel-room1',
    time: '2024-01-03T10:03:00Z',
    datacontenttype: 'application/json',
    data: { $relationshipId: 'rel-room1', $sourceId: 'floor2', $targetId: 'room1', $relationshipName: 'contains' },
  },
  telemetry: {
    specversion: '1.0',
    id: 'e-5',
    type: 'microsoft.iot.telemetry',
    source: `${host}/room1`,
    subject: 'comp1.comp2',
    time: '2024-01-03T10:04:00Z',
    datacontenttype: 'application/json',
    dataschema: 'dtmi:example:com:floor4;2',
    data: { temperature: 5.5, poweredOn: false, errorCode: 201 },
  },
} as const satisfies Record<string, RouteFilterEvent>;

/** The fixture names, in a stable order. */
export type EventName = keyof typeof events;

/** Every fixture event by name. */
export const eventNames = Object.keys(events) as EventName[];

/** The names of the events `predicate` accepts, in fixture order. */
export function matching(predicate: (event: RouteFilterEvent) => boolean): EventName[] {
  return eventNames.filter((name) => predicate(events[name]));
}
