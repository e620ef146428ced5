// Live readings through the rules as a stream: publish → telemetry rules (sensor → room) → derive
// (room comfort) → roll-up (floor, building) → history, against the bare engine taking the same
// stream with no rules (its limit: validation and the DuckDB telemetry append) in the same run.
// The publisher sends batch after batch, each as soon as the previous one is durable, as a device
// source does. Throughput is the stream's readings over the time until every floor shows the last
// batch; latency is, for every batch and floor, from the batch's publish until the floor's comfort
// read through the engine API (`twins.get`) shows that batch (or a later one). The readings are
// chosen so each batch gives every floor an exact, known comfort (see `temperature`).
//
// A third loop does the pipeline's I/O with no engine in between (the limit of this design on this
// machine): per batch, the readings through DuckDB's appender; every room's four properties and
// every floor's and the building's comfort written to graph.sqlite as new bodies, each with its
// Update event in the outbox, in one transaction; and the history's property rows and graph-mirror
// rows in DuckDB. It runs batch after batch on one thread, as the engine's pipeline does, and is
// measured with and without the mirror (the history's copy of the graph for analytics joins).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine, type Engine, type GraphEvent } from '../../src-main/engine';
import { schemaStatements } from '../../src-main/engine/history/schema';
import { openGraphDatabase } from '../../src-main/engine/workspace/graph-database';

const floors = 20;
const roomsPerFloor = 50;
const rooms = floors * roomsPerFloor;
const readingsPerBatch = rooms * 3;
const batchesPerStream = Number(process.env.TWINBENCH_BENCH_LIVE_BATCHES ?? 20);
const root = mkdtempSync(join(tmpdir(), 'twinbench-live-bench-'));
const ctx = ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'];
const property = (name: string, extra: Record<string, unknown> = {}) => ({ '@type': 'Property', name, schema: 'double', writable: true, ...extra });
const models = [
  { '@context': ctx, '@id': 'dtmi:bench:Room;1', '@type': 'Interface', contents: [property('temperature', { '@type': ['Property', 'Temperature'], unit: 'degreeCelsius' }), property('humidity'), property('co2'), property('comfort')] },
  { '@context': ctx, '@id': 'dtmi:bench:Floor;1', '@type': 'Interface', contents: [property('comfort'), { '@type': 'Relationship', name: 'contains', target: 'dtmi:bench:Room;1' }] },
  { '@context': ctx, '@id': 'dtmi:bench:Building;1', '@type': 'Interface', contents: [property('comfort'), { '@type': 'Relationship', name: 'contains', target: 'dtmi:bench:Floor;1' }] },
  {
    '@context': ctx,
    '@id': 'dtmi:bench:Sensor;1',
    '@type': 'Interface',
    contents: [
      { '@type': 'Telemetry', name: 'temperature', schema: 'double' },
      { '@type': 'Telemetry', name: 'humidity', schema: 'double' },
      { '@type': 'Telemetry', name: 'co2', schema: 'double' },
      { '@type': 'Relationship', name: 'observes', target: 'dtmi:bench:Room;1' },
    ],
  },
];

async function openWorld(name: string, withRules: boolean): Promise<Engine> {
  const engine = await createEngine({ workspace: join(root, name) });
  await engine.models.add([{ name: 'bench.json', text: JSON.stringify(models) }]);
  await engine.twins.upsert('b', { $metadata: { $model: 'dtmi:bench:Building;1' } });
  for (let f = 0; f < floors; f++) {
    await engine.twins.upsert(`f${f}`, { $metadata: { $model: 'dtmi:bench:Floor;1' } });
    await engine.relationships.upsert('b', `b-f${f}`, { $targetId: `f${f}`, $relationshipName: 'contains' });
    for (let r = 0; r < roomsPerFloor; r++) {
      const room = `f${f}r${r}`;
      await engine.twins.upsert(room, { $metadata: { $model: 'dtmi:bench:Room;1' } });
      await engine.relationships.upsert(`f${f}`, `f${f}-${room}`, { $targetId: room, $relationshipName: 'contains' });
      await engine.twins.upsert(`${room}s`, { $metadata: { $model: 'dtmi:bench:Sensor;1' } });
      await engine.relationships.upsert(`${room}s`, 'observes', { $targetId: room, $relationshipName: 'observes' });
    }
  }
  if (withRules) {
    for (const name of ['temperature', 'humidity', 'co2']) await engine.rules.put({ id: `room-${name}`, fromModel: 'dtmi:bench:Sensor;1', telemetry: name, via: 'observes', property: name });
    await engine.rules.put({ id: 'comfort', kind: 'derive', model: 'dtmi:bench:Room;1', property: 'comfort', expression: 'round(clamp(100 - 8 * max(0, abs(temperature - 22.5) - 1.5) - 0.5 * max(0, abs(humidity - 45) - 15) - 0.04 * max(0, co2 - 800), 0, 100), 2)' });
    await engine.rules.put({ id: 'floor', kind: 'rollup', model: 'dtmi:bench:Floor;1', property: 'comfort', path: ['contains'], function: 'avg', source: 'comfort' });
    await engine.rules.put({ id: 'building', kind: 'rollup', model: 'dtmi:bench:Building;1', property: 'comfort', path: ['contains'], function: 'avg', source: 'comfort' });
  }
  await engine.settled();
  return engine;
}

let bare: Engine;
let live: Engine;
let batchNumber = 0;
let missed = 0;
const figures = {
  bare: [] as number[],
  live: [] as number[],
  latency: [] as number[],
  bareCpu: [] as number[],
  liveCpu: [] as number[],
  sameIo: [] as number[],
  sameIoCpu: [] as number[],
  noMirror: [] as number[],
  noMirrorCpu: [] as number[],
};

/** Processor time (all threads of the process: JavaScript, SQLite, DuckDB) in µs per reading since `start`, a figure a loaded machine disturbs less than wall time. */
const cpuPerReading = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (batchesPerStream * readingsPerBatch);
};

// Batch n gives every room of floor f the temperature 21 − k/8 °C with k = (n + f) mod 40: its comfort is exactly 100 − k (humidity
// and CO2 stay inside the comfortable band, yet change with every batch), so the floor's average is exactly 100 − k, and 40
// batches in a row give a floor 40 different values.
const comfortOf = (n: number, floor: number) => 100 - ((n + floor) % 40);
const batch = (n: number) => {
  const messages = [];
  for (let f = 0; f < floors; f++) {
    const temperature = 21 - ((n + f) % 40) / 8;
    for (let r = 0; r < roomsPerFloor; r++) messages.push({ twinId: `f${f}r${r}s`, payload: { temperature, humidity: 30 + ((n * 3 + r) % 31), co2: 400 + ((n * 37 + r * 11) % 400) } });
  }
  return messages;
};

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/**
 * Watches the floors while a stream runs: on each update of a floor's comfort it reads the floor through the engine API and
 * marks as visible the oldest published batch whose comfort it shows, and every batch before it.
 */
class FloorWatch {
  readonly published: { n: number; at: number }[] = [];
  private readonly seen = new Array<number>(floors).fill(0);
  private lastVisible = 0;
  private finished: (() => void) | null = null;
  private readonly subscription;

  constructor(engine: Engine) {
    this.subscription = engine.twins.onDidChange((events: readonly GraphEvent[]) => {
      for (const event of events) {
        if (event.type !== 'Microsoft.DigitalTwins.Twin.Update' || !/^f\d+$/.test(event.subject)) continue;
        if (!(event.data as { patch: { path: string }[] }).patch.some((operation) => operation.path === '/comfort')) continue;
        void engine.twins.get(event.subject).then((twin) => this.saw(Number(event.subject.slice(1)), twin.comfort, performance.now()));
      }
    });
  }

  private saw(floor: number, comfort: unknown, at: number): void {
    let index = this.seen[floor]!;
    while (index < this.published.length && comfortOf(this.published[index]!.n, floor) !== comfort) index++;
    if (index === this.published.length) return;
    for (let i = this.seen[floor]!; i <= index; i++) figures.latency.push(at - this.published[i]!.at);
    this.seen[floor] = index + 1;
    this.lastVisible = at;
    if (this.finished && this.seen.every((count) => count === this.published.length)) this.finished();
  }

  /** Resolves with the time the last floor showed the last batch (or after 30 s, counted as missed). */
  async done(): Promise<number> {
    if (!this.seen.every((count) => count === this.published.length)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          missed++;
          resolve();
        }, 30_000);
        this.finished = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.subscription.dispose();
    return this.lastVisible;
  }
}

/** Appends rows of text, number or null cells through DuckDB's appender, as the history does. */
async function appendRows(connection: DuckDBConnection, table: string, rows: readonly (readonly (string | number | null)[])[]): Promise<void> {
  const appender = await connection.createAppender(table);
  for (const row of rows) {
    for (const cell of row) {
      if (cell === null) appender.appendNull();
      else if (typeof cell === 'number') appender.appendDouble(cell);
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

const eventsPerInsert = 64;

/** The pipeline's I/O without the engine: the workspace's own schemas, the readings, twin bodies, events and history rows of each batch. */
class BareIo {
  private readonly update;
  /** Events 64 to an INSERT, as the outbox writes them; the rest one by one. */
  private readonly events;
  private readonly event;

  private constructor(
    private readonly db: Database,
    private readonly duck: DuckDBConnection,
    private readonly instance: DuckDBInstance,
  ) {
    this.update = db.prepare<[string, string, string]>('UPDATE twins SET etag = ?, body = ? WHERE id = ?');
    this.events = db.prepare<string[]>(`INSERT INTO outbox (time, type, event) VALUES ${Array.from({ length: eventsPerInsert }, () => '(?, ?, ?)').join(', ')}`);
    this.event = db.prepare<[string, string, string]>('INSERT INTO outbox (time, type, event) VALUES (?, ?, ?)');
  }

  static async open(): Promise<BareIo> {
    const db = await openGraphDatabase(join(root, 'bare-io.sqlite'));
    const insert = db.prepare('INSERT INTO twins (id, model, etag, body) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      insert.run('b', 'dtmi:bench:Building;1', 'W/"0"', '{}');
      for (let f = 0; f < floors; f++) {
        insert.run(`f${f}`, 'dtmi:bench:Floor;1', 'W/"0"', '{}');
        for (let r = 0; r < roomsPerFloor; r++) insert.run(`f${f}r${r}`, 'dtmi:bench:Room;1', 'W/"0"', '{}');
      }
    })();
    const instance = await DuckDBInstance.create(join(root, 'bare-io.duckdb'));
    const duck = await instance.connect();
    for (const statement of schemaStatements) await duck.run(statement);
    return new BareIo(db, duck, instance);
  }

  /** Stores batch `n` as the pipeline would: readings, then the rules' writes with their events, then the history's rows. */
  async store(n: number, withMirror: boolean): Promise<void> {
    const time = new Date().toISOString();
    const readings: (string | number | null)[][] = [];
    for (const { twinId, payload } of batch(n)) for (const [name, value] of Object.entries(payload)) readings.push([time, null, twinId, null, name, value, null, null]);
    await this.duck.run('BEGIN TRANSACTION');
    await appendRows(this.duck, 'telemetry', readings);
    await this.duck.run('COMMIT');
    const properties: (string | null)[][] = [];
    const mirror: string[][] = [];
    let pending: string[] = [];
    this.db.transaction(() => {
      const write = (id: string, model: string, values: Record<string, number>) => {
        const etag = `W/"${n}-${id}"`;
        const metadata = Object.fromEntries(Object.keys(values).map((name) => [name, { lastUpdateTime: time }]));
        const body = JSON.stringify({ $dtId: id, $etag: etag, $metadata: { $model: model, $lastUpdateTime: time, ...metadata }, ...values });
        this.update.run(etag, body, id);
        const patch = Object.entries(values).map(([name, value]) => ({ op: 'add', path: `/${name}`, value }));
        const envelope = { specversion: '1.0', id: etag, type: 'Microsoft.DigitalTwins.Twin.Update', source: 'twinbench://bench', subject: id, time, datacontenttype: 'application/json', dataschema: model };
        pending.push(time, envelope.type, JSON.stringify({ ...envelope, data: { modelId: model, patch } }));
        if (pending.length === 3 * eventsPerInsert) {
          this.events.run(...pending);
          pending = [];
        }
        for (const [name, value] of Object.entries(values)) properties.push([time, null, 'bench', id, model, name, JSON.stringify(value), null, null]);
        mirror.push([id, model, body]);
      };
      for (let f = 0; f < floors; f++) {
        for (let r = 0; r < roomsPerFloor; r++) write(`f${f}r${r}`, 'dtmi:bench:Room;1', { temperature: 21 - ((n + f) % 40) / 8, humidity: 30 + ((n * 3 + r) % 31), co2: 400 + ((n * 37 + r * 11) % 400), comfort: comfortOf(n, f) });
        write(`f${f}`, 'dtmi:bench:Floor;1', { comfort: comfortOf(n, f) });
      }
      write('b', 'dtmi:bench:Building;1', { comfort: 100 - (n % 40) });
      for (let i = 0; i < pending.length; i += 3) this.event.run(pending[i]!, pending[i + 1]!, pending[i + 2]!);
    })();
    await this.duck.run('BEGIN TRANSACTION');
    await appendRows(this.duck, 'property_events', properties);
    if (withMirror) {
      await this.duck.run('DELETE FROM twins WHERE id IN (SELECT unnest(?::JSON::VARCHAR[]))', [JSON.stringify(mirror.map((row) => row[0]))]);
      await appendRows(this.duck, 'twins', mirror);
    }
    await this.duck.run('COMMIT');
  }

  close(): void {
    this.db.close();
    this.duck.closeSync();
    this.instance.closeSync();
  }
}

let bareIo: BareIo;

beforeAll(async () => {
  bareIo = await BareIo.open();
  bare = await openWorld('bare', false);
  live = await openWorld('live', true);
}, 600_000);

afterAll(async () => {
  const best = (values: number[]) => Math.max(...values);
  const bareRate = best(figures.bare);
  const liveRate = best(figures.live);
  const least = (values: number[]) => Math.min(...values);
  /** A stream's time from its best rate. */
  const bestTime = (rates: number[]) => 1 / best(rates);
  console.log(`\nlive: ${rooms} rooms on ${floors} floors, streams of ${batchesPerStream} batches of ${readingsPerBatch.toLocaleString('en')} readings (best stream)`);
  console.log(`  bare engine, publish only (baseline):                   ${Math.round(bareRate).toLocaleString('en')} readings/s`);
  console.log(`  publish → derive → roll-up → history, floors visible:  ${Math.round(liveRate).toLocaleString('en')} readings/s (${(liveRate / bareRate).toFixed(2)} × the bare engine; goal 100,000/s)`);
  console.log(`  latency publish → floor comfort read back (${figures.latency.length} batch × floor): p50 ${percentile(figures.latency, 50).toFixed(1)} ms, p95 ${percentile(figures.latency, 95).toFixed(1)} ms, p99 ${percentile(figures.latency, 99).toFixed(1)} ms (goal p95 ≤ 50, p99 ≤ 100)`);
  console.log(`  processor time per reading (least of the streams, every thread, until history is stored): bare ${least(figures.bareCpu).toFixed(1)} µs, live ${least(figures.liveCpu).toFixed(1)} µs (${(least(figures.liveCpu) / least(figures.bareCpu)).toFixed(2)} × the bare engine)`);
  console.log(
    `  bare loop of the same I/O, no engine (the limit of this design): ${Math.round(best(figures.sameIo)).toLocaleString('en')} readings/s, ${least(figures.sameIoCpu).toFixed(1)} µs per reading; ` +
      `without the history's graph mirror ${Math.round(best(figures.noMirror)).toLocaleString('en')} readings/s, ${least(figures.noMirrorCpu).toFixed(1)} µs (the engine takes ${(bestTime(figures.live) / bestTime(figures.sameIo)).toFixed(2)} × the time of the first)`,
  );
  console.log(`  streams that timed out: ${missed}`);
  console.log(`  rules: ${JSON.stringify((await live.rules.status()).perRule?.map((rule) => [rule.id, rule.writes, rule.errors]))}`);
  bareIo.close();
  await bare.close();
  await live.close();
  rmSync(root, { recursive: true, force: true });
}, 600_000);

describe(`streams of ${batchesPerStream} × ${readingsPerBatch} readings`, () => {
  const options = { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 };
  bench(
    'bare engine: publishBatch stream, no rules (the baseline)',
    async () => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < batchesPerStream; i++) await bare.telemetry.publishBatch(batch(++batchNumber));
      figures.bare.push((batchesPerStream * readingsPerBatch) / ((performance.now() - start) / 1000));
      await bare.settled();
      figures.bareCpu.push(cpuPerReading(cpu));
    },
    options,
  );
  bench(
    'publishBatch stream → telemetry rules → derive → roll-up, until every floor shows the last batch',
    async () => {
      const watch = new FloorWatch(live);
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < batchesPerStream; i++) {
        const n = ++batchNumber;
        const messages = batch(n);
        watch.published.push({ n, at: performance.now() });
        await live.telemetry.publishBatch(messages);
      }
      const end = await watch.done();
      figures.live.push((batchesPerStream * readingsPerBatch) / ((end - start) / 1000));
      await live.settled();
      figures.liveCpu.push(cpuPerReading(cpu));
    },
    options,
  );
  for (const withMirror of [true, false]) {
    bench(
      `bare loop of the same I/O, no engine${withMirror ? '' : ', without the graph mirror'} (the limit)`,
      async () => {
        const cpu = process.cpuUsage();
        const start = performance.now();
        for (let i = 0; i < batchesPerStream; i++) await bareIo.store(++batchNumber, withMirror);
        (withMirror ? figures.sameIo : figures.noMirror).push((batchesPerStream * readingsPerBatch) / ((performance.now() - start) / 1000));
        (withMirror ? figures.sameIoCpu : figures.noMirrorCpu).push(cpuPerReading(cpu));
      },
      options,
    );
  }
});
