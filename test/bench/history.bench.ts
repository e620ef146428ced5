// History speed against bare DuckDB doing the same work in the same run (the limit):
// - an hourly per-twin rollup over N readings: engine analytics.sql (sandboxed, streamed) vs the
//   same SQL on a bare connection to a copy of the same database; goal ratio ≤ 1.2 (engine / bare);
// - N rows to Parquet (zstd): analytics.export vs DuckDB's own COPY of the same rows;
// - telemetry ingest: engine telemetry.publishBatch (checked against the model, atomic, durable)
//   vs a bare appender loop writing the same rows as whole data chunks (typed column buffers,
//   strings in DuckDB's inline form); goal ≥ 1,000,000 points/s and ratio ≥ 0.5 (bare / engine time);
// - ingest-to-queryable latency: publish one reading, then find it with a query; p99 < 1 s.
// N is TWINBENCH_BENCH_READINGS (default 10,000,000; the figure is 100,000,000). The fixture
// is generated with DuckDB's range() into the engine's history, then the file is copied for the
// bare side; everything lives under os.tmpdir() and is removed at the end.
import { DuckDBDataChunk, DuckDBDoubleType, DuckDBInstance, DuckDBTimestampTZType, DuckDBVarCharType, type DuckDBConnection } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine';

const READINGS = Number(process.env.TWINBENCH_BENCH_READINGS ?? 10_000_000);
const TWINS = 100;
const MESSAGES = 20_000;
const NAMES = ['temperature', 'humidity', 'co2', 'lux', 'occupancy', 'power', 'voltage', 'current', 'pressure', 'noise'];
const POINTS = MESSAGES * NAMES.length;
/** Batches of the sustained-ingest stream (TWINBENCH_BENCH_SUSTAINED_BATCHES). */
const SUSTAINED = Number(process.env.TWINBENCH_BENCH_SUSTAINED_BATCHES ?? 10);
const root = mkdtempSync(join(tmpdir(), 'twinbench-history-bench-'));
const workspace = join(root, 'engine');
const rollup = `SELECT time_bucket(INTERVAL '1 hour', time) AS hour, twin_id, avg(value) AS mean, min(value) AS low, max(value) AS high, count(*) AS n
  FROM telemetry WHERE name = 'temperature' GROUP BY ALL ORDER BY hour, twin_id`;
const generate = `INSERT INTO telemetry SELECT TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds(range // ${TWINS}) AS time, NULL::TIMESTAMPTZ AS source_time,
  'room-' || (range % ${TWINS}) AS twin_id, NULL::VARCHAR AS component, 'temperature' AS name, 20 + (range % 1000) / 100.0 AS value,
  to_json(20 + (range % 1000) / 100.0) AS value_json, NULL::VARCHAR AS message_id FROM range(${READINGS})`;

let engine: Engine;
let bareInstance: DuckDBInstance;
let bare: DuckDBConnection;
let clock = 0;

beforeAll(async () => {
  const twins = await createEngine({ workspace });
  await twins.models.add([{ name: 'campus.json', text: readFileSync(resolve(import.meta.dirname, '../fixtures/models/graph/campus.json'), 'utf8') }]);
  for (let i = 0; i < TWINS; i++) await twins.twins.upsert(`room-${i}`, { $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: `Room ${i}`, thermostat: { $metadata: {} } });
  await twins.close();
  // The same N readings on both sides: generated into the engine's history, then the file copied.
  const started = performance.now();
  const fixture = await DuckDBInstance.create(join(workspace, 'history.duckdb'));
  const filling = await fixture.connect();
  await filling.run(generate);
  await filling.run('CHECKPOINT');
  filling.disconnectSync();
  fixture.closeSync();
  copyFileSync(join(workspace, 'history.duckdb'), join(root, 'bare.duckdb'));
  console.log(`history bench: ${READINGS.toLocaleString('en-US')} readings of ${TWINS} twins (TWINBENCH_BENCH_READINGS), generated with range() in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  engine = await createEngine({ workspace });
  bareInstance = await DuckDBInstance.create(join(root, 'bare.duckdb'));
  bare = await bareInstance.connect();
}, 3_600_000);

afterAll(async () => {
  await engine.close();
  bare.disconnectSync();
  bareInstance.closeSync();
  rmSync(root, { recursive: true, force: true });
  const [ingestBare, ingestEngine] = [runs('ingest-bare'), runs('ingest-engine')];
  const [sustainedBare, sustainedEngine] = [runs('sustained-bare'), runs('sustained-engine')];
  const [rollupBare, rollupEngine] = [best('rollup-bare'), best('rollup-engine')];
  const [parquetBare, parquetEngine] = [best('parquet-bare'), best('parquet-engine')];
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(
    [
      `hourly per-twin rollup over ${READINGS.toLocaleString('en-US')} readings (best run): bare ${ms(rollupBare)}, analytics.sql ${ms(rollupEngine)}; ratio ${(rollupEngine / rollupBare).toFixed(2)} (goal ≤ 1.2)`,
      `${READINGS.toLocaleString('en-US')} rows to Parquet zstd (best run): bare COPY ${ms(parquetBare)}, analytics.export ${ms(parquetEngine)}; ratio ${(parquetEngine / parquetBare).toFixed(2)}`,
      `ingest of ${POINTS.toLocaleString('en-US')} points per batch (best / median run): bare data-chunk appender ${perSecond(POINTS, ingestBare.best)} / ${perSecond(POINTS, ingestBare.median)} points/s, publishBatch ${perSecond(POINTS, ingestEngine.best)} / ${perSecond(POINTS, ingestEngine.median)} points/s; ratio ${(ingestBare.best / ingestEngine.best).toFixed(2)} / ${(ingestBare.median / ingestEngine.median).toFixed(2)} (goal ≥ 0.5, ≥ 1,000,000 points/s)`,
      `sustained ingest, ${SUSTAINED} batches (${(SUSTAINED * POINTS).toLocaleString('en-US')} points) back to back (best / median run): bare ${perSecond(SUSTAINED * POINTS, sustainedBare.best)} / ${perSecond(SUSTAINED * POINTS, sustainedBare.median)} points/s, publishBatch ${perSecond(SUSTAINED * POINTS, sustainedEngine.best)} / ${perSecond(SUSTAINED * POINTS, sustainedEngine.median)} points/s; ratio ${(sustainedBare.best / sustainedEngine.best).toFixed(2)} / ${(sustainedBare.median / sustainedEngine.median).toFixed(2)}`,
      `ingest CPU time per batch (least, all threads): bare ${ms(best('ingest-bare', cpuTimes))}, publishBatch ${ms(best('ingest-engine', cpuTimes))}: ${perSecond(POINTS, best('ingest-bare', cpuTimes))} and ${perSecond(POINTS, best('ingest-engine', cpuTimes))} points per CPU-second; ratio ${(best('ingest-bare', cpuTimes) / best('ingest-engine', cpuTimes)).toFixed(2)}`,
      `ingest-to-queryable latency over ${latencies.length} readings: p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms (goal p99 < 1,000 ms)`,
    ].join('\n'),
  );
});

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(0)} ms`;

// Own wall-clock timings alongside vitest's table, and the process's CPU time (all threads, DuckDB's
// included) for ingest, the steadier figure on a machine shared with other work.
const timings = new Map<string, number[]>();
const cpuTimes = new Map<string, number[]>();
interface Hooks<T> {
  /** Untimed work before the run (preparing its input). */
  readonly before?: () => void;
  /** Untimed check of the run's result. */
  readonly check?: (result: T) => void;
  /** Untimed clean-up after the run. */
  readonly after?: () => void;
}
function timed<T>(name: string, run: () => Promise<T>, hooks: Hooks<T> = {}): () => Promise<void> {
  return async () => {
    hooks.before?.();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const result = await run();
    const elapsed = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    hooks.check?.(result);
    hooks.after?.();
    timings.set(name, [...(timings.get(name) ?? []), elapsed]);
    cpuTimes.set(name, [...(cpuTimes.get(name) ?? []), (cpu.user + cpu.system) / 1000]);
  };
}
const best = (name: string, of = timings) => Math.min(...(of.get(name) ?? [Number.NaN]));
function runs(name: string): { best: number; median: number } {
  const sorted = [...(timings.get(name) ?? [Number.NaN])].sort((a, b) => a - b);
  return { best: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}
function expectRows(expected: number): (result: { rows: number }) => void {
  return (result) => {
    if (result.rows !== expected) throw new Error(`expected ${expected} rows, got ${result.rows}`);
  };
}

type Message = { twinId: string; payload: Record<string, number>; options: { sourceTime: string } };

/** One batch of MESSAGES messages of every name, as a device gateway would publish them. */
function messages(): Message[] {
  const sourceTime = new Date(Date.UTC(2026, 0, 2) + clock++ * 1000).toISOString();
  return Array.from({ length: MESSAGES }, (_, i) => ({ twinId: `room-${i % TWINS}`, payload: Object.fromEntries(NAMES.map((name, n) => [name, i + n])), options: { sourceTime } }));
}

// The bare loop: the same rows as publishBatch writes, straight into typed column buffers and
// appended a data chunk (one, reused) at a time. It knows its strings are short ASCII (DuckDB's
// inline form: a uint32 length and up to 12 zero-padded bytes) and its source time is one per batch.
const chunkRows = duckdb.vector_size();
const chunkTypes = [DuckDBTimestampTZType.instance, DuckDBTimestampTZType.instance, DuckDBVarCharType.instance, DuckDBVarCharType.instance, DuckDBVarCharType.instance, DuckDBDoubleType.instance, DuckDBVarCharType.instance, DuckDBVarCharType.instance];
const times = new BigInt64Array(chunkRows);
const sourceTimes = new BigInt64Array(chunkRows);
const numbers = new Float64Array(chunkRows);
const texts = [new Uint8Array(chunkRows * 16), new Uint8Array(chunkRows * 16), new Uint8Array(chunkRows * 16)];
const allNull = new Uint8Array(chunkRows / 8);

function putShortAscii(bytes: Uint8Array, row: number, text: string): void {
  const offset = row * 16;
  bytes.fill(0, offset, offset + 16);
  bytes[offset] = text.length;
  for (let i = 0; i < text.length; i++) bytes[offset + 4 + i] = text.charCodeAt(i);
}

async function bareIngest(batch: readonly Message[]): Promise<void> {
  const now = BigInt(Date.now()) * 1000n;
  const source = BigInt(Date.parse(batch[0]!.options.sourceTime)) * 1000n;
  times.fill(now);
  sourceTimes.fill(source);
  await bare.run('BEGIN TRANSACTION');
  const appender = await bare.createAppender('telemetry');
  const chunk = DuckDBDataChunk.create(chunkTypes);
  let row = 0;
  const append = () => {
    chunk.reset();
    chunk.rowCount = row;
    const vector = (column: number) => duckdb.data_chunk_get_vector(chunk.chunk, column);
    duckdb.copy_data_to_vector(vector(0), 0, times.buffer, 0, row * 8);
    duckdb.copy_data_to_vector(vector(1), 0, sourceTimes.buffer, 0, row * 8);
    duckdb.copy_data_to_vector(vector(5), 0, numbers.buffer, 0, row * 8);
    [2, 4, 6].forEach((column, i) => duckdb.copy_data_to_vector(vector(column), 0, texts[i]!.buffer, 0, row * 16));
    for (const column of [3, 7]) {
      duckdb.vector_ensure_validity_writable(vector(column));
      duckdb.copy_data_to_vector_validity(vector(column), 0, allNull.buffer, 0, Math.ceil(row / 64) * 8);
    }
    appender.appendDataChunk(chunk);
    row = 0;
  };
  for (const { twinId, payload } of batch) {
    for (const name in payload) {
      const value = payload[name]!;
      numbers[row] = value;
      putShortAscii(texts[0]!, row, twinId);
      putShortAscii(texts[1]!, row, name);
      putShortAscii(texts[2]!, row, String(value));
      if (++row === chunkRows) append();
    }
  }
  if (row > 0) append();
  appender.flushSync();
  appender.closeSync();
  await bare.run('COMMIT');
}

const options = { time: 0, iterations: 3, warmupIterations: 1, warmupTime: 0 };
const latencies: number[] = [];
let exportRun = 0;
const parquetPath = (side: string) => join(root, `${side}-${exportRun}.parquet`);
const removeExport = () => {
  rmSync(parquetPath('bare'), { force: true });
  rmSync(parquetPath('engine'), { force: true });
  exportRun++;
};

describe(`hourly per-twin rollup over ${READINGS.toLocaleString('en-US')} readings`, () => {
  bench('bare DuckDB (the limit)', timed('rollup-bare', () => bare.runAndReadAll(rollup)), options);
  bench('engine analytics.sql', timed('rollup-engine', () => engine.analytics.sql(rollup, { rowLimit: 1_000_000, timeoutMs: 3_600_000 })), options);
});

describe(`${READINGS.toLocaleString('en-US')} rows to Parquet (zstd)`, () => {
  const select = 'SELECT * FROM telemetry';
  const copy = async () => {
    const reader = await bare.runAndReadAll(`COPY (${select}) TO '${parquetPath('bare')}' (FORMAT parquet, COMPRESSION zstd)`);
    return { rows: Number(reader.getRowsJS()[0]![0]) };
  };
  const hooks = { check: expectRows(READINGS), after: removeExport };
  const parquet = { ...options, iterations: 2 };
  bench('bare COPY (the limit)', timed('parquet-bare', copy, hooks), parquet);
  bench('engine analytics.export', timed('parquet-engine', () => engine.analytics.export(select, { path: parquetPath('engine'), format: 'parquet' }), hooks), parquet);
});

describe(`telemetry ingest, ${POINTS.toLocaleString('en-US')} points per op (${MESSAGES.toLocaleString('en-US')} messages × ${NAMES.length} names)`, () => {
  let batch: Message[] = [];
  const before = () => void (batch = messages());
  const ingest = { ...options, iterations: 5 };
  bench('bare data-chunk appender loop (the limit)', timed('ingest-bare', () => bareIngest(batch), { before }), ingest);
  bench('engine telemetry.publishBatch', timed('ingest-engine', () => engine.telemetry.publishBatch(batch), { before, check: expectStored }), ingest);
});

describe(`sustained telemetry ingest, ${SUSTAINED} batches of ${POINTS.toLocaleString('en-US')} points back to back`, () => {
  let stream: Message[][] = [];
  const before = () => {
    stream = Array.from({ length: SUSTAINED }, messages);
  };
  const sustained = { time: 0, iterations: 3, warmupIterations: 0, warmupTime: 0 };
  bench(
    'bare data-chunk appender loop (the limit)',
    timed('sustained-bare', async () => {
      for (const batch of stream) await bareIngest(batch);
    }, { before }),
    sustained,
  );
  bench(
    'engine telemetry.publishBatch',
    timed('sustained-engine', async () => {
      for (const batch of stream) expectStored(await engine.telemetry.publishBatch(batch));
    }, { before }),
    sustained,
  );
});

function expectStored(receipt: { stored: number; unknown: readonly string[] }): void {
  if (receipt.stored !== POINTS || receipt.unknown.length !== NAMES.length - 1) throw new Error(`publishBatch stored ${receipt.stored} points, flagged ${receipt.unknown.join(', ')}`);
}

describe('ingest-to-queryable latency (publish one reading, then find it)', () => {
  let n = 0;
  bench(
    'publish + query',
    async () => {
      const messageId = `latency-${n++}`;
      const start = performance.now();
      await engine.telemetry.publish('room-0', { temperature: 21 }, { messageId });
      const found = await engine.analytics.sql(`SELECT count(*) FROM telemetry WHERE time > now() - INTERVAL 1 MINUTE AND message_id = '${messageId}'`);
      latencies.push(performance.now() - start);
      if (found.rows[0]![0] !== 1) throw new Error(`reading ${messageId} is not queryable`);
    },
    { time: 0, iterations: 200, warmupIterations: 5, warmupTime: 0 },
  );
});
