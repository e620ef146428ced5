import { DuckDBInstance } from '@duckdb/node-api';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine, type SourceStatus } from '../../../src-main/engine';
import { ingestEngine, storedTelemetry, until } from './fixtures';

let engine: Engine;
let root: string;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ engine, root, dispose } = await ingestEngine());
  await engine.ingest.putBinding({ deviceId: 'dev-1', twinId: 'r1', fields: { t: { to: 'telemetry', name: 'airTemperature', unit: 'degreeFahrenheit' }, o: { to: 'telemetry', name: 'occupancy' } } });
});
afterEach(() => dispose());

const statusOf = async (name: string): Promise<SourceStatus> => (await engine.ingest.sources()).find((status) => status.name === name)!;
const finished = async (name: string) => {
  await until(async () => (await statusOf(name)).running === false);
  return statusOf(name);
};

const csv = ['time,deviceId,t,o', '2026-11-28T08:00:02Z,dev-1,50,', '2026-11-28T08:00:00Z,dev-1,32,3', '2026-11-28T08:00:01Z,ghost,1,1', '2026-11-28T08:00:03Z,dev-1,212,4'].join('\n');

describe('file replay', () => {
  it('plays a CSV in time order as fast as possible, with source times, unit conversion, progress and refused rows', async () => {
    await writeFile(join(root, 'ws', 'day.csv'), csv);
    await engine.ingest.putSource({ name: 'day', type: 'replay', path: 'day.csv', speed: 0 });
    await engine.ingest.startSource('day');
    const status = await finished('day');
    expect(status).toMatchObject({ running: false, messages: 3, errors: 1, reasons: { unknownDevice: 1 }, progress: { done: 4, total: 4, finished: true } });
    const rows = await storedTelemetry(engine, 'r1');
    expect(rows.filter((row) => row.name === 'airTemperature').map((row) => [row.sourceTime, Math.round(Number(row.value) * 1e6) / 1e6])).toEqual([
      ['2026-11-28T08:00:00.000Z', 0],
      ['2026-11-28T08:00:02.000Z', 10],
      ['2026-11-28T08:00:03.000Z', 100],
    ]);
    expect(rows.filter((row) => row.name === 'occupancy').map((row) => row.value)).toEqual([3, 4]);
  });

  it('plays NDJSON with flat fields or a payload object, and Parquet', async () => {
    const lines = [
      { time: '2026-11-28T08:00:00Z', deviceId: 'dev-1', t: 41 },
      { time: '2026-11-28T08:00:01Z', deviceId: 'dev-1', payload: { o: 7 } },
    ];
    await writeFile(join(root, 'a.ndjson'), lines.map((line) => JSON.stringify(line)).join('\n'));
    await engine.ingest.putSource({ name: 'nd', type: 'replay', path: join(root, 'a.ndjson'), speed: 0 });
    await engine.ingest.startSource('nd');
    expect(await finished('nd')).toMatchObject({ messages: 2, errors: 0 });

    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const parquet = join(root, 'b.parquet');
    await connection.run(`COPY (SELECT TIMESTAMPTZ '2026-11-28 09:00:00+00' AS time, 'dev-1' AS deviceId, 5 AS o) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    await engine.ingest.putSource({ name: 'pq', type: 'replay', path: parquet, speed: 1000 });
    await engine.ingest.startSource('pq');
    expect(await finished('pq')).toMatchObject({ messages: 1, errors: 0, progress: { done: 1, total: 1, finished: true } });
    expect((await storedTelemetry(engine, 'r1')).map((row) => row.value)).toEqual([expect.closeTo(5, 6), 7, 5]);
  });

  it('paces rows at the chosen speed and can be cancelled part-way', async () => {
    await writeFile(join(root, 'slow.csv'), ['time,deviceId,o', '2026-11-28T08:00:00Z,dev-1,1', '2026-11-28T08:00:02Z,dev-1,2', '2026-11-28T09:00:00Z,dev-1,3'].join('\n'));
    await engine.ingest.putSource({ name: 'slow', type: 'replay', path: join(root, 'slow.csv'), speed: 10 });
    const started = Date.now();
    await engine.ingest.startSource('slow');
    await until(async () => (await statusOf('slow')).messages === 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const stopped = await engine.ingest.stopSource('slow');
    expect(stopped).toMatchObject({ running: false, messages: 2, progress: { done: 2, total: 3, finished: false } });
  });

  it('refuses a missing file, an unknown format and a file without time and deviceId', async () => {
    await expect(engine.ingest.putSource({ name: 'x', type: 'replay', path: 'a.txt', speed: 1 })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.ingest.putSource({ name: 'x', type: 'replay', path: 'a.csv', speed: 5000 })).rejects.toMatchObject({ message: 'Source x: "speed" is from 1 to 1000 times real time, or 0 for as fast as possible.' });
    await engine.ingest.putSource({ name: 'missing', type: 'replay', path: 'nope.csv', speed: 1 });
    await expect(engine.ingest.startSource('missing')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await writeFile(join(root, 'bad.csv'), 'when,who\n1,2\n');
    await engine.ingest.putSource({ name: 'bad', type: 'replay', path: join(root, 'bad.csv'), speed: 1 });
    await expect(engine.ingest.startSource('bad')).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: `Replay ${join(root, 'bad.csv')}: the file needs a "time" and a "deviceId" column; it has when, who.` });
  });
});
