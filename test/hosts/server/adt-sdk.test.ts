// Azure's own SDK (@azure/digital-twins-core) driving a local Twinbench over HTTPS.
import { DigitalTwinsClient } from '@azure/digital-twins-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src-main/engine';
import { startServer, type RunningServer } from '../../../src-main/hosts/server';

let root: string;
let engine: Engine;
let server: RunningServer;
let client: DigitalTwinsClient;
const rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-sdk-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  server = await startServer({ engine, port: 0, rendererDir: root, token: 'sdk-secret', tls: { cert: pems.cert, key: pems.private } });
  // The certificate is made for this test only; trust it for this process.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  client = new DigitalTwinsClient(server.url.replace(/\/$/, ''), { getToken: async () => ({ token: 'sdk-secret', expiresOnTimestamp: Date.now() + 3_600_000 }) });
});

afterAll(async () => {
  if (rejectUnauthorized === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectUnauthorized;
  await server.close();
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

describe('the official ADT SDK against Twinbench', () => {
  it('works through models, twins, components, relationships and query paging', async () => {
    const models = JSON.parse(await readFile(resolve(import.meta.dirname, '../../fixtures/models/graph/campus.json'), 'utf8')) as unknown[];
    const created = await client.createModels(models);
    expect(created.map((model) => model.id).sort()).toEqual((models as { '@id': string }[]).map((model) => model['@id']).sort());
    expect((await all(client.listModels(undefined, false, 3))).length).toBe(7);
    expect((await all(client.listModels(['dtmi:test:campus:Room;1'], true))).map((model) => model.id).sort()).toEqual(['dtmi:test:campus:Room;1', 'dtmi:test:campus:Space;1', 'dtmi:test:campus:Thermostat;1']);
    expect((await client.getModel('dtmi:test:campus:Room;1', true)).model).toMatchObject({ '@id': 'dtmi:test:campus:Room;1' });

    const floor = await client.upsertDigitalTwin('floor-1', JSON.stringify({ $metadata: { $model: 'dtmi:test:campus:Floor;1' }, level: 1 }));
    expect(floor.body).toMatchObject({ $dtId: 'floor-1', level: 1 });
    expect(floor.etag).toMatch(/^W\/"/);
    for (let i = 0; i < 3; i++) {
      await client.upsertDigitalTwin(`room-${i}`, JSON.stringify({ $metadata: { $model: 'dtmi:test:campus:Room;1' }, area: 10 + i, thermostat: { $metadata: {} } }));
      await client.upsertRelationship('floor-1', `c${i}`, { $relationshipId: `c${i}`, $sourceId: 'floor-1', $relationshipName: 'contains', $targetId: `room-${i}` });
    }
    const room = await client.getDigitalTwin('room-1');
    expect(room.body).toMatchObject({ $dtId: 'room-1', area: 11 });
    await client.updateDigitalTwin('room-1', [{ op: 'replace', path: '/area', value: 12.5 }], { ifMatch: room.etag });
    expect((await client.getDigitalTwin('room-1')).body).toMatchObject({ area: 12.5 });
    await expect(client.updateDigitalTwin('room-1', [{ op: 'replace', path: '/area', value: 1 }], { ifMatch: room.etag })).rejects.toMatchObject({ statusCode: 412 });

    await client.updateComponent('room-1', 'thermostat', [{ op: 'add', path: '/setpoint', value: 22 }]);
    expect((await client.getComponent('room-1', 'thermostat')).body).toMatchObject({ setpoint: 22 });

    expect((await all(client.listRelationships('floor-1'))).map((relationship) => (relationship as { $targetId: string }).$targetId)).toEqual(['room-0', 'room-1', 'room-2']);
    expect((await all(client.listIncomingRelationships('room-2'))).map((relationship) => relationship.sourceId)).toEqual(['floor-1']);

    const pages: unknown[][] = [];
    for await (const page of client.queryTwins("SELECT T.area FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:test:campus:Room;1')", 2).byPage()) pages.push(page.value ?? []);
    expect(pages).toEqual([[{ area: 10 }, { area: 12.5 }], [{ area: 12 }]]);

    await expect(client.getDigitalTwin('nobody')).rejects.toMatchObject({ statusCode: 404, code: 'DigitalTwinNotFound' });
    await client.deleteRelationship('floor-1', 'c0');
    await client.deleteDigitalTwin('room-0');
    await client.publishTelemetry('room-1', JSON.stringify({ temperature: 22.5 }), 'message-1');
    // publishComponentTelemetry of SDK 1.1.0 sends the message id as the body and the payload as
    // the Message-Id header, so component telemetry is tested over plain REST (adt-rest.test.ts).
    expect((await engine.analytics.sql('SELECT twin_id, component, name, value, message_id FROM telemetry')).rows).toEqual([['room-1', null, 'temperature', 22.5, 'message-1']]);

    await engine.routes.putEndpoint({ name: 'archive', type: 'file', path: 'events.ndjson' });
    await client.upsertEventRoute('to-archive', 'archive', "type = 'Microsoft.DigitalTwins.Twin.Create'");
    expect((await client.getEventRoute('to-archive')).filter).toBe("type = 'Microsoft.DigitalTwins.Twin.Create'");
    expect((await all(client.listEventRoutes())).map((route) => route.id)).toEqual(['to-archive']);
    await client.deleteEventRoute('to-archive');
    await expect(client.getEventRoute('to-archive')).rejects.toMatchObject({ statusCode: 404 });

    await client.decomissionModel('dtmi:test:campus:Sensor;1'); // the SDK's own spelling
    await client.deleteModel('dtmi:test:campus:Sensor;1');
    expect((await all(client.listModels())).length).toBe(6);
  });

  it('is refused without the right token', async () => {
    const stranger = new DigitalTwinsClient(server.url.replace(/\/$/, ''), { getToken: async () => ({ token: 'wrong', expiresOnTimestamp: Date.now() + 3_600_000 }) });
    await expect(stranger.getDigitalTwin('floor-1')).rejects.toMatchObject({ statusCode: 401 });
  });
});
