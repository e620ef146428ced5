import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, type Engine, type GraphEvent } from '../../../src-main/engine';
import { campusEngine, roomBody } from './graph-fixture';

let engine: Engine;
let dispose: () => Promise<void>;
let events: GraphEvent[];

beforeEach(async () => {
  ({ engine, dispose } = await campusEngine());
  events = [];
  engine.twins.onDidChange((batch) => events.push(...batch));
});
afterEach(() => dispose());

const etagPattern = /^W\/"[0-9a-f-]{36}"$/;
const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('creating and reading twins', () => {
  it('stores a twin in ADT shape with metadata for each property', async () => {
    const twin = await engine.twins.upsert('room-1', roomBody({ area: 20.5, thermostat: { $metadata: {}, setpoint: 21 } }));
    const stamp = twin.$metadata.$lastUpdateTime;
    expect(stamp).toMatch(time);
    expect(twin.$etag).toMatch(etagPattern);
    expect(twin).toEqual({
      $dtId: 'room-1',
      $etag: twin.$etag,
      $metadata: { $model: 'dtmi:test:campus:Room;1', $lastUpdateTime: stamp, name: { lastUpdateTime: stamp }, area: { lastUpdateTime: stamp } },
      name: 'Room 1',
      thermostat: { $metadata: { $lastUpdateTime: stamp, setpoint: { lastUpdateTime: stamp } }, setpoint: 21 },
      area: 20.5,
    });
    expect(await engine.twins.get('room-1')).toEqual(twin);
    expect(await engine.twins.getComponent('room-1', 'thermostat')).toEqual(twin.thermostat);
    expect(await engine.twins.count()).toBe(1);
  });

  it('keeps a sourceTime given in $metadata', async () => {
    const twin = await engine.twins.upsert('room-1', roomBody({ $metadata: { $model: 'dtmi:test:campus:Room;1', name: { sourceTime: '2026-01-02T03:04:05Z' } } }));
    expect(twin.$metadata.name).toEqual({ lastUpdateTime: twin.$metadata.$lastUpdateTime, sourceTime: '2026-01-02T03:04:05Z' });
  });

  it('replaces a twin with a new ETag and reports the difference', async () => {
    const first = await engine.twins.upsert('room-1', roomBody({ area: 10 }));
    const second = await engine.twins.upsert('room-1', roomBody({ status: 'booked' }));
    expect(second.$etag).not.toBe(first.$etag);
    expect(second).not.toHaveProperty('area');
    await engine.settled();
    expect(events.map((event) => [event.seq, event.type, event.subject])).toEqual([
      [1, 'Microsoft.DigitalTwins.Twin.Create', 'room-1'],
      [2, 'Microsoft.DigitalTwins.Twin.Update', 'room-1'],
    ]);
    expect(events[1]!.data).toEqual({
      modelId: 'dtmi:test:campus:Room;1',
      patch: [
        { op: 'add', path: '/status', value: 'booked' },
        { op: 'remove', path: '/area' },
      ],
    });
    expect(events[0]).toMatchObject({ specversion: '1.0', datacontenttype: 'application/json', dataschema: 'dtmi:test:campus:Room;1', data: first });
  });

  it('honours If-None-Match: * and If-Match', async () => {
    const twin = await engine.twins.upsert('room-1', roomBody(), { ifNoneMatch: '*' });
    await expect(engine.twins.upsert('room-1', roomBody(), { ifNoneMatch: '*' })).rejects.toMatchObject({ code: ErrorCode.PreconditionFailed });
    await expect(engine.twins.upsert('room-1', roomBody(), { ifMatch: 'W/"stale"' })).rejects.toMatchObject({
      code: ErrorCode.PreconditionFailed,
      message: `Twin room-1 has ETag ${twin.$etag}, not W/"stale" (If-Match).`,
    });
    await expect(engine.twins.upsert('room-2', roomBody(), { ifMatch: '*' })).rejects.toMatchObject({ code: ErrorCode.PreconditionFailed });
    expect((await engine.twins.upsert('room-1', roomBody(), { ifMatch: twin.$etag })).$etag).not.toBe(twin.$etag);
  });

  it('answers a missing twin with TwinNotFound', async () => {
    await expect(engine.twins.get('nowhere')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound, message: 'There is no twin nowhere.' });
  });
});

describe('validating twins against their model', () => {
  const refused = async (body: Record<string, unknown>, message: string, path?: string) => {
    const error = await engine.twins.upsert('room-1', body).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.InvalidArgument, message });
    if (path !== undefined) expect((error as { details: { path: string } }).details.path).toBe(path);
    expect(await engine.twins.count()).toBe(0);
  };

  it('refuses an unknown property, naming what the model has', () =>
    refused(roomBody({ colour: 'red' }), 'Twin room-1: dtmi:test:campus:Room;1 has no property colour (it has status, tags, location, openedOn, name, area, thermostat).', '/colour'));

  it('refuses a value of the wrong type', () => refused(roomBody({ area: 'big' }), 'Twin room-1: /area must be double; got "big".', '/area'));

  it('refuses a value outside an enum', () => refused(roomBody({ status: 'lost' }), 'Twin room-1: /status must be one of Enum("free" | "booked"); got "lost".', '/status'));

  it('checks map values and object fields', async () => {
    await refused(roomBody({ tags: { wing: 3 } }), 'Twin room-1: /tags/wing must be string; got 3.', '/tags/wing');
    await refused(roomBody({ location: { x: 1, z: 2 } }), 'Twin room-1: /location/z is not a field of Object{x, y}.', '/location/z');
    await refused(roomBody({ openedOn: '2026-13-01' }), 'Twin room-1: /openedOn must be date; got "2026-13-01".', '/openedOn');
  });

  it('refuses telemetry and commands as properties', async () => {
    await refused(roomBody({ temperature: 21 }), 'Twin room-1: temperature is telemetry in dtmi:test:campus:Room;1; a twin does not store telemetry: publish it as a reading instead.');
    await refused(roomBody({ reboot: true }), 'Twin room-1: reboot is a command in dtmi:test:campus:Room;1, not a property.');
  });

  it('requires every component', () => refused({ $metadata: { $model: 'dtmi:test:campus:Room;1' } }, 'Twin room-1: component thermostat is required by dtmi:test:campus:Room;1; give it at least { "$metadata": {} }.', '/thermostat'));

  it('checks component properties', () => refused(roomBody({ thermostat: { $metadata: {}, setpoint: 'warm' } }), 'Twin room-1: /thermostat/setpoint must be double; got "warm".'));

  it('refuses a missing or decommissioned model', async () => {
    await expect(engine.twins.upsert('x', { $metadata: { $model: 'dtmi:test:campus:Nope;1' } })).rejects.toMatchObject({ code: ErrorCode.ModelNotFound });
    await expect(engine.twins.upsert('x', { name: 'no model' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: 'Twin x: "$metadata": { "$model": "<DTMI>" } is required.' });
    await engine.models.decommission('dtmi:test:campus:Sensor;1');
    await expect(engine.twins.upsert('s', { $metadata: { $model: 'dtmi:test:campus:Sensor;1' } })).rejects.toMatchObject({
      message: 'Twin s: model dtmi:test:campus:Sensor;1 is decommissioned; new twins cannot use it.',
    });
  });

  it('refuses a 10 MB property value', () => refused(roomBody({ name: 'x'.repeat(10 * 1024 * 1024) }), /the twin is \d+ bytes of JSON; the largest accepted is 1048576 bytes\./ as unknown as string));

  it('refuses ids that are empty, too long or hold control characters or broken Unicode', async () => {
    for (const id of ['', 'a'.repeat(1025), 'bad\u0007id', 'half\ud800']) {
      await expect(engine.twins.upsert(id, roomBody())).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    }
    expect((await engine.twins.upsert('Raum-Ü-東京-🙂', roomBody())).$dtId).toBe('Raum-Ü-東京-🙂');
  });
});

/** Runs `work` with the clock at 2030-01-01T00:00:00Z. */
async function atNewYear2030(work: (now: string) => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
  try {
    await work('2030-01-01T00:00:00.000Z');
  } finally {
    vi.useRealTimers();
  }
}

describe('patching twins', () => {
  beforeEach(async () => {
    await engine.twins.upsert('room-1', roomBody({ area: 10, tags: { wing: 'east' }, location: { x: 1, y: 2 } }));
  });

  it('adds, replaces and removes properties, stamping only what changed', () =>
    atNewYear2030(async () => {
      const twin = await engine.twins.update('room-1', [
        { op: 'replace', path: '/area', value: 12.5 },
        { op: 'add', path: '/status', value: 'free' },
        { op: 'remove', path: '/location' },
        { op: 'add', path: '/tags/floor', value: '2' },
        { op: 'add', path: '/thermostat/setpoint', value: 23 },
      ]);
      expect(twin).toMatchObject({ area: 12.5, status: 'free', tags: { wing: 'east', floor: '2' }, thermostat: { setpoint: 23 } });
      expect(twin).not.toHaveProperty('location');
      expect(twin.$metadata.area).toEqual({ lastUpdateTime: '2030-01-01T00:00:00.000Z' });
      expect(twin.$metadata.tags).toEqual({ lastUpdateTime: '2030-01-01T00:00:00.000Z' });
      expect((twin.$metadata.name as { lastUpdateTime: string }).lastUpdateTime).not.toBe('2030-01-01T00:00:00.000Z');
      expect((twin.thermostat as { $metadata: unknown }).$metadata).toEqual({
        $lastUpdateTime: '2030-01-01T00:00:00.000Z',
        setpoint: { lastUpdateTime: '2030-01-01T00:00:00.000Z' },
      });
    }));

  it('sets declared properties, keeping the rest of the twin, its order and its other metadata as stored', async () => {
    await engine.twins.update('room-1', [{ op: 'add', path: '/$metadata/name/sourceTime', value: '2026-05-05T05:05:05Z' }, { op: 'add', path: '/$metadata/area/sourceTime', value: '2026-05-05T05:05:05Z' }]);
    const before = await engine.twins.get('room-1');
    await atNewYear2030(async (now) => {
      const twin = await engine.twins.update('room-1', [
        { op: 'replace', path: '/area', value: 12.5 },
        { op: 'add', path: '/status', value: 'free' },
        { op: 'add', path: '/area', value: 13 },
      ]);
      expect(Object.keys(twin)).toEqual([...Object.keys(before), 'status']);
      expect(Object.keys(twin.$metadata)).toEqual([...Object.keys(before.$metadata), 'status']);
      expect(twin).toEqual({
        ...before,
        $etag: twin.$etag,
        $metadata: { ...before.$metadata, $lastUpdateTime: now, area: { lastUpdateTime: now }, status: { lastUpdateTime: now } },
        area: 13,
        status: 'free',
      });
      expect(twin.$etag).not.toBe(before.$etag);
      expect(await engine.twins.get('room-1')).toEqual(twin);
    });
  });

  it('reports the patch in its Update event', async () => {
    const patch = [{ op: 'replace' as const, path: '/location/x', value: 5 }];
    await engine.twins.update('room-1', patch);
    await engine.settled();
    expect(events.at(-1)).toMatchObject({ type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'room-1', data: { modelId: 'dtmi:test:campus:Room;1', patch } });
  });

  it('patches a component with paths relative to it', async () => {
    const twin = await engine.twins.updateComponent('room-1', 'thermostat', [{ op: 'add', path: '/mode', value: 'eco' }]);
    expect(twin.thermostat).toMatchObject({ mode: 'eco' });
  });

  it('changes the model through /$metadata/$model, validating against the new one', async () => {
    const twin = await engine.twins.update('room-1', [
      { op: 'replace', path: '/$metadata/$model', value: 'dtmi:test:campus:ConferenceRoom;1' },
      { op: 'add', path: '/seats', value: 12 },
    ]);
    expect(twin.$metadata.$model).toBe('dtmi:test:campus:ConferenceRoom;1');
    await expect(engine.twins.update('room-1', [{ op: 'replace', path: '/$metadata/$model', value: 'dtmi:test:campus:Floor;1' }])).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      message: expect.stringContaining('dtmi:test:campus:Floor;1 has no property') as unknown as string,
    });
  });

  it('sets a sourceTime through /$metadata/<property>/sourceTime', async () => {
    const twin = await engine.twins.update('room-1', [{ op: 'add', path: '/$metadata/area/sourceTime', value: '2026-05-05T05:05:05Z' }]);
    expect(twin.$metadata.area).toMatchObject({ sourceTime: '2026-05-05T05:05:05Z' });
  });

  it('refuses paths that are missing, system-maintained or mistyped, changing nothing', async () => {
    const before = await engine.twins.get('room-1');
    const refusals: [unknown, string][] = [
      [[{ op: 'replace', path: '/status', value: 'free' }], 'Patch operation 0 (/status): there is no value at this path to replace.'],
      [[{ op: 'remove', path: '/nothing' }], 'Patch operation 0 (/nothing): there is no value at this path to remove.'],
      [[{ op: 'add', path: '/missing/deep', value: 1 }], 'Patch operation 0 (/missing/deep): "missing" does not exist or is not an object, so nothing can be set under it.'],
      [[{ op: 'replace', path: '/$dtId', value: 'x' }], 'Twin room-1: /$dtId is maintained by Twinbench and cannot be patched.'],
      [[{ op: 'replace', path: '/$metadata/$lastUpdateTime', value: 'x' }], 'Twin room-1: /$metadata/$lastUpdateTime is maintained by Twinbench and cannot be patched.'],
      [[{ op: 'replace', path: '/area', value: 'wide' }], 'Twin room-1: /area must be double; got "wide".'],
      [[{ op: 'move', path: '/area', from: '/x' }], 'Patch operation 0 (/area): "op" must be "add", "replace" or "remove"; got "move".'],
      [{ op: 'add' }, 'A patch must be a JSON array of operations (RFC 6902).'],
      [[{ op: 'add', path: 'area', value: 1 }], 'Patch operation 0 (area): "area" is not a JSON Pointer: it must start with "/".'],
    ];
    for (const [patch, message] of refusals) {
      await expect(engine.twins.update('room-1', patch as never), message).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message });
    }
    expect(await engine.twins.get('room-1')).toEqual(before);
  });

  it('honours If-Match on a patch', async () => {
    await expect(engine.twins.update('room-1', [{ op: 'add', path: '/status', value: 'free' }], { ifMatch: 'W/"old"' })).rejects.toMatchObject({ code: ErrorCode.PreconditionFailed });
  });
});

describe('patching many twins at once', () => {
  it('applies valid patches in one transaction, in order, and reports each refused one', async () => {
    await engine.twins.upsert('room-1', roomBody({ area: 1 }));
    await engine.twins.upsert('room-2', roomBody({ area: 2 }));
    const results = await engine.twins.updateMany([
      { id: 'room-1', patch: [{ op: 'replace', path: '/area', value: 10 }] },
      { id: 'room-2', patch: [{ op: 'replace', path: '/area', value: 'wide' }] },
      { id: 'room-1', patch: [{ op: 'replace', path: '/area', value: 11 }] },
      { id: 'ghost', patch: [{ op: 'add', path: '/area', value: 1 }] },
      { id: 'room-2', patch: [{ op: 'add', path: '/setpoint', value: 20 }], component: 'thermostat' },
    ]);
    expect(results.map((result) => ('error' in result ? result.error.code : 'ok'))).toEqual(['ok', ErrorCode.InvalidArgument, 'ok', ErrorCode.TwinNotFound, 'ok']);
    expect('error' in results[1]! && results[1].error.message).toBe('Twin room-2: /area must be double; got "wide".');
    expect(await engine.twins.get('room-1')).toMatchObject({ area: 11, $etag: 'etag' in results[2]! ? results[2].etag : '' });
    expect(await engine.twins.get('room-2')).toMatchObject({ area: 2, thermostat: { setpoint: 20 } });
    await engine.settled();
    expect(events.filter((event) => event.type === 'Microsoft.DigitalTwins.Twin.Update').map((event) => event.subject)).toEqual(['room-1', 'room-1', 'room-2']);
  });
});

describe('deleting twins', () => {
  it('deletes a twin and reports it', async () => {
    const twin = await engine.twins.upsert('room-1', roomBody());
    await engine.twins.delete('room-1', { ifMatch: twin.$etag });
    await expect(engine.twins.get('room-1')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await engine.settled();
    expect(events.at(-1)).toMatchObject({ type: 'Microsoft.DigitalTwins.Twin.Delete', subject: 'room-1', data: twin });
  });

  it('refuses to delete a twin with relationships', async () => {
    await engine.twins.upsert('floor-1', { $metadata: { $model: 'dtmi:test:campus:Floor;1' } });
    await engine.twins.upsert('room-1', roomBody());
    await engine.relationships.upsert('floor-1', 'r1', { $relationshipName: 'contains', $targetId: 'room-1' });
    await expect(engine.twins.delete('room-1')).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: 'Twin room-1 still has relationships; delete its incoming and outgoing relationships first.',
    });
    await expect(engine.twins.delete('floor-1')).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });
});
