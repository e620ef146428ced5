// History speed against bare DuckDB doing the same work in the same run (the limit):
// - telemetry ingest: engine telemetry.publishBatch (validated against the model, atomic) vs a bare
//   appender loop into the same telemetry table; goal ≥ 1,000,000 points/s and ratio ≥ 0.5;
// - an hourly per-twin rollup over N readings: engine analytics.sql (sandboxed, streamed) vs the
//   same SQL on a bare connection; goal ratio ≤ 1.2 (engine time / bare time);
// - N rows to Parquet: analytics.export vs a bare COPY;
// - ingest-to-queryable latency: publish one reading, then find it with a query; p99.
// N is TWINBENCH_BENCH_READINGS (default 10,000,000; the issue's figure is 100,000,000).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine';

const READINGS = Number(process.env.TWINBENCH_BENCH_READINGS ?? 10_000_000);
const TWINS = 100;
const MESSAGES = 20_000;
const NAMES = ['temperature', 'humidity', 'co2', 'lux', 'occupancy', 'power', 'voltage', 'current', 'pressure', 'noise'];
const POINTS = MESSAGES * NAMES.length;
const root = mkdtempSync(join(tmpdir(), 'twinbench-history-bench-'));
const rollup = `SELECT time_bucket(INTERVAL '1 hour', time) AS hour, twin_id, avg(value) AS mean, min(value) AS low, max(value) AS high, count(*) AS n
  FROM telemetry WHERE name = 'temperature' GROUP BY ALL ORDER BY hour, twin_id`;
const generate = `SELECT TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds(range // ${TWINS}) AS time, NULL::TIMESTAMPTZ AS source_time,
  'room-' || (range % ${TWINS}) AS twin_id, NULL::VARCHAR AS component, 'temperature' AS name, 20 + (range % 1000) / 100.0 AS value,
  to_json(20 + (range % 1000) / 100.0) AS value_json, NULL::VARCHAR AS message_id FROM range(${READINGS})`;

let engine: Engine;
let bareInstance: DuckDBInstance;
let bare: DuckDBConnection;
let clock = 0;

beforeAll(async () => {
  engine = await createEngine({ workspace: join(root, 'engine') });
  await engine.models.add([{ name: 'campus.json', text: readFileSync(resolve(import.meta.dirname, '../fixtures/models/graph/campus.json'), 'utf8') }]);
  for (let i = 0; i < TWINS; i++) await engine.twins.upsert(`room-${i}`, { $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: `Room ${i}`, thermostat: { $metadata: {} } });
  bareInstance = await DuckDBInstance.create(join(root, 'bare.duckdb'));
  bare = await bareInstance.connect();
  await bare.run(`CREATE TABLE telemetry (time TIMESTAMPTZ NOT NULL, source_time TIMESTAMPTZ, twin_id VARCHAR NOT NULL, component VARCHAR, name VARCHAR NOT NULL, value DOUBLE, value_json JSON, message_id VARCHAR)`);
  // The same N readings on both sides: generated on the bare side, imported through the engine.
  let started = performance.now();
  await bare.run(`INSERT INTO telemetry ${generate}`);
  const seed = join(root, 'seed.parquet');
  await bare.run(`COPY telemetry TO '${seed}' (FORMAT parquet)`);
  const generated = performance.now() - started;
  started = performance.now();
  const imported = await engine.telemetry.import({ path: seed });
  console.log(`history bench: ${READINGS.toLocaleString('en-US')} readings of ${TWINS} twins (TWINBENCH_BENCH_READINGS); bare generate ${(generated / 1000).toFixed(1)} s, engine import ${((performance.now() - started) / 1000).toFixed(1)} s (${imported.stored.toLocaleString('en-US')} rows, ${((imported.stored / (performance.now() - started)) * 1000).toFixed(0)} rows/s)`);
}, 3_600_000);

afterAll(async () => {
  await engine.close();
  bare.disconnectSync();
  bareInstance.closeSync();
  rmSync(root, { recursive: true, force: true });
  const ingestBare = best.get('ingest-bare')!;
  const ingestEngine = best.get('ingest-engine')!;
  const rollupBare = best.get('rollup-bare')!;
  const rollupEngine = best.get('rollup-engine')!;
  const parquetBare = best.get('parquet-bare')!;
  const parquetEngine = best.get('parquet-engine')!;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(
    [
      `ingest (best run): bare appender ${perSecond(POINTS, ingestBare)} points/s, publishBatch ${perSecond(POINTS, ingestEngine)} points/s; ratio ${(ingestBare / ingestEngine).toFixed(2)} (goal ≥ 0.5, ≥ 1,000,000 points/s)`,
      `hourly per-twin rollup over ${READINGS.toLocaleString('en-US')} readings (best run): bare ${ms(rollupBare)}, analytics.sql ${ms(rollupEngine)}; ratio ${(rollupEngine / rollupBare).toFixed(2)} (goal ≤ 1.2)`,
      `${READINGS.toLocaleString('en-US')} rows to Parquet (best run): bare COPY ${ms(parquetBare)}, analytics.export ${ms(parquetEngine)}; ratio ${(parquetEngine / parquetBare).toFixed(2)}`,
      `ingest-to-queryable latency over ${latencies.length} readings: p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms (goal p99 < 1,000 ms)`,
    ].join('\n'),
  );
});

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(0)} ms`;

// Own wall-clock timings (best run) alongside vitest's table: DuckDB works on several threads, so
// CPU time would not compare the two sides fairly.
const best = new Map<string, number>();
function timed(name: string, run: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    const start = performance.now();
    await run();
    const elapsed = performance.now() - start;
    best.set(name, Math.min(best.get(name) ?? Infinity, elapsed));
  };
}

/** The next second of the bench's own clock, so that every batch has distinct times. */
const nextTime = () => new Date(Date.UTC(2026, 0, 2) + clock++ * 1000).toISOString();

/** One batch of MESSAGES messages of every name, as a device gateway would publish them. */
function messages() {
  const sourceTime = nextTime();
  return Array.from({ length: MESSAGES }, (_, i) => ({
    twinId: `room-${i % TWINS}`,
    payload: Object.fromEntries(NAMES.map((name, n) => [name, i + n])),
    options: { sourceTime },
  }));
}

async function bareIngest(): Promise<void> {
  const time = nextTime();
  await bare.run('BEGIN TRANSACTION');
  const appender = await bare.createAppender('telemetry');
  for (let i = 0; i < MESSAGES; i++) {
    for (let n = 0; n < NAMES.length; n++) {
      appender.appendVarchar(time);
      appender.appendVarchar(time);
      appender.appendVarchar(`room-${i % TWINS}`);
      appender.appendNull();
      appender.appendVarchar(NAMES[n]!);
      appender.appendDouble(i + n);
      appender.appendVarchar(JSON.stringify(i + n));
      appender.appendNull();
      appender.endRow();
    }
  }
  appender.flushSync();
  appender.closeSync();
  await bare.run('COMMIT');
}

const options = { time: 0, iterations: 3, warmupIterations: 1, warmupTime: 0 };
const latencies: number[] = [];
let exportRun = 0;

describe(`telemetry ingest, ${POINTS.toLocaleString('en-US')} points per op (${MESSAGES.toLocaleString('en-US')} messages × ${NAMES.length} names)`, () => {
  bench('bare DuckDB appender loop (the limit)', timed('ingest-bare', bareIngest), options);
  const prepared: ReturnType<typeof messages>[] = [];
  bench('engine telemetry.publishBatch', timed('ingest-engine', () => engine.telemetry.publishBatch(prepared.pop() ?? messages())), {
    ...options,
    setup: () => {
      prepared.push(messages());
    },
  });
});

describe(`hourly per-twin rollup over ${READINGS.toLocaleString('en-US')} readings`, () => {
  bench('bare DuckDB (the limit)', timed('rollup-bare', () => bare.runAndReadAll(rollup)), options);
  bench('engine analytics.sql', timed('rollup-engine', () => engine.analytics.sql(rollup, { rowLimit: 1_000_000 })), options);
});

describe(`${READINGS.toLocaleString('en-US')} rows to Parquet (zstd)`, () => {
  const select = `SELECT * FROM telemetry WHERE time < TIMESTAMPTZ '2026-01-02 00:00:00+00'`;
  bench('bare COPY (the limit)', timed('parquet-bare', () => bare.run(`COPY (${select}) TO '${join(root, `bare-${exportRun++}.parquet`)}' (FORMAT parquet, COMPRESSION zstd)`)), { ...options, iterations: 2 });
  bench('engine analytics.export', timed('parquet-engine', () => engine.analytics.export(select, { path: join(root, `engine-${exportRun++}.parquet`), format: 'parquet' })), { ...options, iterations: 2 });
});

describe('ingest-to-queryable latency (publish one reading, then find it)', () => {
  let n = 0;
  bench(
    'publish + query',
    async () => {
      const messageId = `latency-${n++}`;
      const start = performance.now();
      await engine.telemetry.publish('room-0', { temperature: 21 }, { messageId });
      const found = await engine.analytics.sql(`SELECT count(*) FROM telemetry WHERE message_id = '${messageId}'`);
      latencies.push(performance.now() - start);
      if (found.rows[0]![0] !== 1) throw new Error(`reading ${messageId} is not queryable`);
    },
    { time: 0, iterations: 200, warmupIterations: 5, warmupTime: 0 },
  );
});
