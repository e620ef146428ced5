import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine, type GraphEvent } from '../../../src-main/engine';
import { campusEngine, roomBody } from './graph-fixture';

let engine: Engine;
let dispose: () => Promise<void>;
let events: GraphEvent[];

beforeEach(async () => {
  ({ engine, dispose } = await campusEngine());
  await engine.twins.upsert('building', { $metadata: { $model: 'dtmi:test:campus:Building;1' } });
  await engine.twins.upsert('floor-1', { $metadata: { $model: 'dtmi:test:campus:Floor;1' }, level: 1 });
  await engine.twins.upsert('room-1', roomBody());
  await engine.twins.upsert('room-2', roomBody());
  await engine.twins.upsert('conf-1', roomBody({ $metadata: { $model: 'dtmi:test:campus:ConferenceRoom;1' }, seats: 8 }));
  await engine.twins.upsert('sensor-1', { $metadata: { $model: 'dtmi:test:campus:Sensor;1' }, kind: 'co2' });
  events = [];
  engine.twins.onDidChange((batch) => events.push(...batch));
});
afterEach(() => dispose());

describe('relationships', () => {
  it('creates a relationship in ADT shape and lists it both ways', async () => {
    const relationship = await engine.relationships.upsert('floor-1', 'f1-r1', { $relationshipName: 'contains', $targetId: 'room-1' });
    expect(relationship).toEqual({
      $relationshipId: 'f1-r1',
      $etag: relationship.$etag,
      $sourceId: 'floor-1',
      $relationshipName: 'contains',
      $targetId: 'room-1',
    });
    expect(relationship.$etag).toMatch(/^W\/"[0-9a-f-]{36}"$/);
    expect(await engine.relationships.get('floor-1', 'f1-r1')).toEqual(relationship);
    expect(await engine.relationships.list('floor-1')).toEqual([relationship]);
    expect(await engine.relationships.list('floor-1', { relationshipName: 'observes' })).toEqual([]);
    expect(await engine.relationships.listIncoming('room-1')).toEqual([
      { $relationshipId: 'f1-r1', $sourceId: 'floor-1', $relationshipName: 'contains', $relationshipLink: '/digitaltwins/floor-1/relationships/f1-r1' },
    ]);
    await engine.settled();
    expect(events).toMatchObject([{ type: 'Microsoft.DigitalTwins.Relationship.Create', subject: 'floor-1/relationships/f1-r1', data: relationship }]);
  });

  it('accepts a target whose model extends the relationship target', async () => {
    expect((await engine.relationships.upsert('floor-1', 'f1-c1', { $relationshipName: 'contains', $targetId: 'conf-1' })).$targetId).toBe('conf-1');
  });

  it('refuses a target of the wrong model', async () => {
    await expect(engine.relationships.upsert('building', 'b-r1', { $relationshipName: 'contains', $targetId: 'room-1' })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      message: 'Relationship b-r1 of building: contains must target a dtmi:test:campus:Floor;1; twin room-1 is a dtmi:test:campus:Room;1.',
    });
  });

  it('refuses a relationship name the model does not define', async () => {
    await expect(engine.relationships.upsert('floor-1', 'x', { $relationshipName: 'feeds', $targetId: 'room-1' })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      message: 'Relationship x of floor-1: model dtmi:test:campus:Floor;1 has no relationship "feeds" (it has contains).',
    });
  });

  it('refuses a missing source or target twin', async () => {
    await expect(engine.relationships.upsert('ghost', 'x', { $relationshipName: 'contains', $targetId: 'room-1' })).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(engine.relationships.upsert('floor-1', 'x', { $relationshipName: 'contains', $targetId: 'ghost' })).rejects.toMatchObject({
      code: ErrorCode.TwinNotFound,
      message: 'Relationship x of floor-1: there is no target twin ghost.',
    });
    await expect(engine.relationships.upsert('floor-1', 'x', { $relationshipName: 'contains' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('enforces maxMultiplicity, counting a replace once', async () => {
    await engine.twins.upsert('room-3', roomBody());
    for (const [id, target] of [['a', 'room-1'], ['b', 'room-2'], ['c', 'room-3']]) {
      await engine.relationships.upsert('floor-1', id!, { $relationshipName: 'contains', $targetId: target });
    }
    await expect(engine.relationships.upsert('floor-1', 'd', { $relationshipName: 'contains', $targetId: 'conf-1' })).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: "Relationship d of floor-1: twin floor-1 already has 3 contains relationships, the model's maxMultiplicity.",
    });
    expect((await engine.relationships.upsert('floor-1', 'c', { $relationshipName: 'contains', $targetId: 'conf-1' })).$targetId).toBe('conf-1');
  });

  it('validates relationship properties and patches them', async () => {
    await expect(engine.relationships.upsert('sensor-1', 'o1', { $relationshipName: 'observes', $targetId: 'room-1', since: 'yesterday' })).rejects.toMatchObject({
      message: 'Relationship o1 of sensor-1: /since must be dateTime; got "yesterday".',
    });
    await expect(engine.relationships.upsert('sensor-1', 'o1', { $relationshipName: 'observes', $targetId: 'room-1', weight: 1 })).rejects.toMatchObject({
      message: 'Relationship o1 of sensor-1: observes has no property weight (it has since, primary).',
    });
    const created = await engine.relationships.upsert('sensor-1', 'o1', { $relationshipName: 'observes', $targetId: 'room-1', since: '2026-01-01T00:00:00Z' });
    const patched = await engine.relationships.update('sensor-1', 'o1', [{ op: 'add', path: '/primary', value: true }], { ifMatch: created.$etag });
    expect(patched).toEqual({ ...created, $etag: patched.$etag, primary: true });
    await expect(engine.relationships.update('sensor-1', 'o1', [{ op: 'replace', path: '/$targetId', value: 'room-2' }])).rejects.toMatchObject({
      message: 'Relationship o1 of sensor-1: /$targetId cannot be patched; only properties can.',
    });
    await expect(engine.relationships.update('sensor-1', 'o1', [{ op: 'replace', path: '/primary', value: 'yes' }])).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await engine.settled();
    expect(events.map((event) => event.type)).toEqual(['Microsoft.DigitalTwins.Relationship.Create', 'Microsoft.DigitalTwins.Relationship.Update']);
    expect(events[1]!.data).toEqual({ modelId: 'dtmi:test:campus:Sensor;1', patch: [{ op: 'add', path: '/primary', value: true }] });
  });

  it('deletes a relationship, honouring If-Match, and then the twins', async () => {
    const relationship = await engine.relationships.upsert('floor-1', 'f1-r1', { $relationshipName: 'contains', $targetId: 'room-1' });
    await expect(engine.relationships.delete('floor-1', 'f1-r1', { ifMatch: 'W/"old"' })).rejects.toMatchObject({ code: ErrorCode.PreconditionFailed });
    await engine.relationships.delete('floor-1', 'f1-r1', { ifMatch: relationship.$etag });
    await expect(engine.relationships.get('floor-1', 'f1-r1')).rejects.toMatchObject({
      code: ErrorCode.RelationshipNotFound,
      message: 'There is no relationship f1-r1 from twin floor-1.',
    });
    await engine.twins.delete('room-1');
    await engine.settled();
    expect(events.map((event) => event.type)).toEqual([
      'Microsoft.DigitalTwins.Relationship.Create',
      'Microsoft.DigitalTwins.Relationship.Delete',
      'Microsoft.DigitalTwins.Twin.Delete',
    ]);
  });

  it('answers listing for a missing twin with TwinNotFound', async () => {
    await expect(engine.relationships.list('ghost')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(engine.relationships.listIncoming('ghost')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
  });
});
