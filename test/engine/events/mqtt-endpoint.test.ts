import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine } from '../../../src-main/engine';
import { eventTopic } from '../../../src-main/engine/events/endpoints/mqtt-endpoint';

let root: string;
let engine: Engine;
let broker: Aedes;
let server: Server;
let url: string;
let listener: MqttClient;

const room = { $metadata: { $model: 'dtmi:test:campus:Room;1' }, area: 20, thermostat: { $metadata: {} } };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-mqtt-endpoint-'));
  engine = await createEngine({ workspace: join(root, 'ws'), retryPolicy: { delaysMs: [], timeoutMs: 1_000 } });
  await engine.models.add([{ name: 'campus.json', text: await readFile(resolve(import.meta.dirname, '../../fixtures/models/graph/campus.json'), 'utf8') }]);
  broker = await Aedes.createBroker();
  server = createServer(broker.handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  listener = await connectAsync(url);
});

afterEach(async () => {
  await listener.endAsync(true);
  await engine.close();
  await new Promise<void>((done) => broker.close(() => done()));
  await new Promise<void>((done) => server.close(() => done()));
  await rm(root, { recursive: true, force: true });
});

describe('MQTT endpoints', () => {
  it('publish matching events as CloudEvents to a topic filled from each event', async () => {
    const received: { topic: string; event: Record<string, unknown> }[] = [];
    await listener.subscribeAsync('twins/#', { qos: 1 });
    listener.on('message', (topic, payload) => received.push({ topic, event: JSON.parse(payload.toString()) as Record<string, unknown> }));
    await engine.routes.putEndpoint({ name: 'bus', type: 'mqtt', url, topic: 'twins/{subject}/{type}' });
    await engine.routes.put('all', { endpointName: 'bus', filter: "type = 'Microsoft.DigitalTwins.Twin.Create'" });
    await engine.twins.upsert('room-1', room);
    await engine.settled();
    for (let waited = 0; received.length === 0 && waited < 5_000; waited += 20) await new Promise((done) => setTimeout(done, 20));
    expect(received).toHaveLength(1);
    expect(received[0]!.topic).toBe('twins/room-1/Microsoft.DigitalTwins.Twin.Create');
    expect(received[0]!.event).toMatchObject({ specversion: '1.0', type: 'Microsoft.DigitalTwins.Twin.Create', subject: 'room-1', data: { $dtId: 'room-1' } });
  });

  it('dead-letters an event the broker does not take in time', async () => {
    await engine.routes.putEndpoint({ name: 'gone', type: 'mqtt', url: 'mqtt://127.0.0.1:1', topic: 'events' });
    await engine.routes.put('all', { endpointName: 'gone' });
    await engine.twins.upsert('room-2', room);
    await engine.settled();
    const lines = (await readFile(join(root, 'ws', 'deadletters', 'gone.ndjson'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: 'all', endpoint: 'gone', error: 'mqtt://127.0.0.1:1: the broker did not take the event within 1000 ms', event: { subject: 'room-2' } });
  });

  it('are checked: a broker address, a topic without wildcards, QoS 0 or 1', async () => {
    await expect(engine.routes.putEndpoint({ name: 'x', type: 'mqtt', url: 'http://a', topic: 't' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.routes.putEndpoint({ name: 'x', type: 'mqtt', url, topic: 'a/#' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.routes.putEndpoint({ name: 'x', type: 'mqtt', url, topic: 'a', qos: 2 as never })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    expect(eventTopic('e/{subject}', { subject: 'a+b#c' })).toBe('e/a_b_c');
  });
});
