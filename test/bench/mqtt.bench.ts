// MQTT QoS 1 ingestion: messages per second from local publishers through the embedded broker
// into the engine (binding → telemetry → history; a PUBACK only after the reading is durable),
// against a bare aedes broker with no engine (the baseline) and the engine alone taking the same
// readings through its API without a broker, in the same run. Goal: ≥ 20,000 msg/s.
import { Aedes } from 'aedes';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine';

const MESSAGES = 20_000;
const PUBLISHERS = 4;
const DEVICES = 200;

let root: string;
let engine: Engine;
let bare: { broker: Aedes; server: Server };
let toEngine: Publisher[];
let toBare: Publisher[];
const figures = new Map<string, number[]>();

// A lean MQTT 3.1.1 publisher on a raw socket, so the figures measure the broker and the engine
// rather than a client library: it pipelines QoS 1 PUBLISH packets and counts PUBACKs.
const varint = (n: number) => {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 128;
    bytes.push(byte);
  } while (n > 0);
  return bytes;
};
const utf8 = (text: string) => {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([body.length >> 8, body.length & 255]), body]);
};
const packet = (type: number, body: Buffer) => Buffer.concat([Buffer.from([type, ...varint(body.length)]), body]);

interface Publisher {
  readonly socket: Socket;
  acks: number;
  onAck: (() => void) | null;
}

async function publisher(port: number, id: string): Promise<Publisher> {
  const socket = connect(port, '127.0.0.1');
  const self: Publisher = { socket, acks: 0, onAck: null };
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.setNoDelay(true);
  let connected: () => void;
  const connack = new Promise<void>((resolve) => (connected = resolve));
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    while (pending.length - at >= 2) {
      const type = pending[at]! >> 4;
      const length = pending[at + 1]!;
      if (pending.length - at < 2 + length) break;
      if (type === 2) connected();
      if (type === 4) self.acks++;
      at += 2 + length;
    }
    pending = pending.subarray(at);
    self.onAck?.();
  });
  const connectBody = Buffer.concat([utf8('MQTT'), Buffer.from([4, 2, 0, 60]), utf8(id)]);
  socket.write(packet(0x10, connectBody));
  await connack;
  return self;
}

/** Publishes MESSAGES QoS 1 messages spread over the publishers and devices; resolves when every PUBACK is in. */
async function publishAll(publishers: readonly Publisher[], label: string): Promise<void> {
  const started = performance.now();
  await Promise.all(
    publishers.map(async (p, index) => {
      const first = p.acks;
      const chunks: Buffer[] = [];
      let count = 0;
      for (let i = index; i < MESSAGES; i += publishers.length) {
        const messageId = (count % 65_535) + 1;
        const payload = Buffer.from(JSON.stringify({ t: 20 + (i % 50) / 10, o: i % 12 }));
        chunks.push(packet(0x32, Buffer.concat([utf8(`devices/dev-${i % DEVICES}/messages`), Buffer.from([messageId >> 8, messageId & 255]), payload])));
        count++;
      }
      await new Promise<void>((resolve) => {
        p.onAck = () => p.acks - first >= count && resolve();
        for (let i = 0; i < chunks.length; i += 500) p.socket.write(Buffer.concat(chunks.slice(i, i + 500)));
      });
      p.onAck = null;
    }),
  );
  const rate = MESSAGES / ((performance.now() - started) / 1000);
  figures.set(label, [...(figures.get(label) ?? []), rate]);
}

/** The same readings straight into the engine's telemetry API in batches of 1,000, with no broker: the engine alone. */
async function publishDirect(): Promise<void> {
  const started = performance.now();
  for (let start = 0; start < MESSAGES; start += 1000) {
    const messages = [];
    for (let i = start; i < Math.min(MESSAGES, start + 1000); i++) messages.push({ twinId: `room-${i % DEVICES}`, payload: { temperature: 20 + (i % 50) / 10, occupancy: i % 12 } });
    await engine.telemetry.publishBatch(messages);
  }
  figures.set('direct', [...(figures.get('direct') ?? []), MESSAGES / ((performance.now() - started) / 1000)]);
}

const connectAll = (port: number, name: string) => Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => publisher(port, `${name}-${i}`)));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-mqtt-bench-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
  const context = ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'];
  const room = {
    '@context': context,
    '@id': 'dtmi:bench:Room;1',
    '@type': 'Interface',
    contents: [
      { '@type': ['Telemetry', 'Temperature'], name: 'temperature', schema: 'double', unit: 'degreeCelsius' },
      { '@type': 'Telemetry', name: 'occupancy', schema: 'integer' },
    ],
  };
  await engine.models.add([{ name: 'room.json', text: JSON.stringify(room) }]);
  for (let i = 0; i < DEVICES; i++) {
    await engine.twins.upsert(`room-${i}`, { $metadata: { $model: 'dtmi:bench:Room;1' } });
    await engine.ingest.putBinding({ deviceId: `dev-${i}`, twinId: `room-${i}`, fields: { t: { to: 'telemetry', name: 'temperature' }, o: { to: 'telemetry', name: 'occupancy' } } });
  }
  await engine.ingest.putSource({ name: 'devices', type: 'mqtt-broker', port: 0 });
  const started = await engine.ingest.startSource('devices');
  toEngine = await connectAll(Number(new URL(started.address!).port), 'engine');

  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  bare = { broker, server };
  toBare = await connectAll((server.address() as AddressInfo).port, 'bare');
});

afterAll(async () => {
  const best = (label: string) => Math.max(...(figures.get(label) ?? [0]));
  const engineRate = best('engine');
  const bareRate = best('bare');
  const directRate = best('direct');
  const status = (await engine.ingest.sources())[0]!;
  console.log(
    [
      `MQTT QoS 1, ${MESSAGES.toLocaleString('en-US')} messages from ${PUBLISHERS} local publishers over ${DEVICES} devices (best run):`,
      `  bare aedes broker (baseline): ${Math.round(bareRate).toLocaleString('en-US')} msg/s`,
      `  engine alone, publishBatch of 1,000 (no broker): ${Math.round(directRate).toLocaleString('en-US')} msg/s`,
      `  embedded broker → engine:     ${Math.round(engineRate).toLocaleString('en-US')} msg/s (goal ≥ 20,000)`,
      `  engine via broker / bare aedes: ${(engineRate / bareRate).toFixed(2)}×; / engine alone: ${(engineRate / directRate).toFixed(2)}×; stored ${status.messages.toLocaleString('en-US')} messages, ${status.errors} errors`,
    ].join('\n'),
  );
  for (const p of [...toEngine, ...toBare]) p.socket.destroy();
  await engine.close();
  await new Promise<void>((resolve) => bare.broker.close(() => resolve()));
  await new Promise<void>((resolve) => bare.server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

describe(`MQTT QoS 1, ${MESSAGES} messages`, () => {
  const options = { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 };
  bench('bare aedes broker, no engine (baseline)', () => publishAll(toBare, 'bare'), options);
  bench('engine alone: telemetry.publishBatch, no broker', publishDirect, options);
  bench('embedded broker into the engine (durable before PUBACK)', () => publishAll(toEngine, 'engine'), options);
});
