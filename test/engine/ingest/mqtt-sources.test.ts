import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine, type SourceStatus } from '../../../src-main/engine';
import { ingestEngine, storedTelemetry, until } from './fixtures';

let engine: Engine;
let dispose: () => Promise<void>;
const clients: MqttClient[] = [];

beforeEach(async () => {
  ({ engine, dispose } = await ingestEngine());
  await engine.ingest.putBinding({ deviceId: 'dev-1', twinId: 'r1', fields: { t: { to: 'telemetry', name: 'airTemperature' }, s: { to: 'property', name: 'status' } } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  await dispose();
});

const statusOf = async (name: string): Promise<SourceStatus> => (await engine.ingest.sources()).find((status) => status.name === name)!;

describe('the embedded MQTT broker', () => {
  it('stores a QoS 1 message before it acknowledges it, with the device taken from the topic', async () => {
    await engine.ingest.putSource({ name: 'broker', type: 'mqtt-broker', port: 0 });
    const started = await engine.ingest.startSource('broker');
    expect(started.address).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const client = await connectAsync(started.address!);
    clients.push(client);
    await client.publishAsync('devices/dev-1/messages', JSON.stringify({ t: 21.5, s: 'fine', $sourceTime: '2026-11-28T09:00:00Z' }), { qos: 1 });
    // The PUBACK has arrived: the reading must already be in history and the property on the twin.
    expect(await storedTelemetry(engine, 'r1')).toEqual([{ name: 'airTemperature', value: 21.5, sourceTime: '2026-11-28T09:00:00.000Z' }]);
    expect((await engine.twins.get('r1')).status).toBe('fine');
    expect(await statusOf('broker')).toMatchObject({ running: true, messages: 1, errors: 0 });
  });

  it('counts malformed payloads and unknown devices with reasons and keeps serving', async () => {
    await engine.ingest.putSource({ name: 'broker', type: 'mqtt-broker', port: 0, topics: ['site/+/{deviceId}/up'] });
    const client = await connectAsync((await engine.ingest.startSource('broker')).address!);
    clients.push(client);
    await client.publishAsync('site/a/dev-1/up', 'not json', { qos: 1 });
    await client.publishAsync('site/a/ghost/up', JSON.stringify({ t: 1 }), { qos: 1 });
    await client.publishAsync('other/topic', 'ignored: not a device topic', { qos: 1 });
    await client.publishAsync('site/b/dev-1/up', JSON.stringify({ t: 19 }), { qos: 1 });
    const status = await statusOf('broker');
    expect(status).toMatchObject({ messages: 1, errors: 2, reasons: { malformedPayload: 1, unknownDevice: 1 } });
    expect(await storedTelemetry(engine, 'r1')).toMatchObject([{ name: 'airTemperature', value: 19 }]);
  });

  it('refuses a port that is taken, with a clear error, and stops cleanly', async () => {
    await engine.ingest.putSource({ name: 'a', type: 'mqtt-broker', port: 0 });
    const port = Number(new URL((await engine.ingest.startSource('a')).address!).port);
    await engine.ingest.putSource({ name: 'b', type: 'mqtt-broker', port });
    await expect(engine.ingest.startSource('b')).rejects.toMatchObject({ code: ErrorCode.Unavailable, message: `The MQTT broker cannot listen on 127.0.0.1:${port}: the port is taken.` });
    expect(await engine.ingest.stopSource('a')).toMatchObject({ running: false });
  });

  it('rejects topic patterns without exactly one {deviceId} level', async () => {
    await expect(engine.ingest.putSource({ name: 'x', type: 'mqtt-broker', port: 0, topics: ['devices/+/up'] })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      message: 'Topic pattern "devices/+/up": it must have exactly one level that is {deviceId}.',
    });
  });
});

describe('the MQTT client source', () => {
  let broker: Aedes;
  let server: Server;
  let port: number;
  const startBroker = async (at = 0) => {
    broker = await Aedes.createBroker();
    server = createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(at, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  const stopBroker = async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  beforeEach(() => startBroker());
  afterEach(() => stopBroker());

  it('subscribes with topic patterns, stores what it receives, and reconnects after the broker drops it', async () => {
    await engine.ingest.putSource({ name: 'ext', type: 'mqtt-client', url: `mqtt://127.0.0.1:${port}`, topics: ['plant/{deviceId}/telemetry'] });
    await engine.ingest.startSource('ext');
    await until(async () => (await statusOf('ext')).connected === true && broker.connectedClients === 1);
    const device = await connectAsync(`mqtt://127.0.0.1:${port}`);
    clients.push(device);
    await until(async () => {
      await device.publishAsync('plant/dev-1/telemetry', JSON.stringify({ t: 20 }), { qos: 1 });
      return (await statusOf('ext')).messages > 0;
    });
    for (const client of Object.values((broker as unknown as { clients: Record<string, { id: string; close: () => void }> }).clients)) if (client.id.startsWith('twinbench-')) client.close();
    await until(async () => (await statusOf('ext')).connected === false || ((await statusOf('ext')).reconnects ?? 0) > 0);
    await until(async () => (await statusOf('ext')).connected === true);
    // Messages redelivered from the persistent session may arrive first: wait for the new reading itself.
    await until(async () => {
      await device.publishAsync('plant/dev-1/telemetry', JSON.stringify({ t: 23 }), { qos: 1 });
      return (await storedTelemetry(engine, 'r1')).some((row) => row.value === 23);
    });
    const status = await statusOf('ext');
    expect(status.reconnects).toBeGreaterThanOrEqual(1);
    expect(status.reasons.connection).toBeGreaterThanOrEqual(1);
    expect(status.lastError).toMatch(/connection|closed|reconnect/i);
    expect((await storedTelemetry(engine, 'r1')).map((row) => row.value)).toContain(23);
    await engine.ingest.stopSource('ext');
    expect(await statusOf('ext')).toMatchObject({ running: false });
  });
});
