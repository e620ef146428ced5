import { DuckDBInstance } from '@duckdb/node-api';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine, type HistoryProgress } from '../../../src-main/engine';
import { campusEngine, roomBody } from '../graph/graph-fixture';

let engine: Engine;
let root: string;
let dispose: () => Promise<void>;
const count = async () => (await engine.analytics.sql('SELECT count(*) FROM telemetry')).rows[0]![0];

/** Writes a Parquet file with DuckDB from a SELECT. */
async function parquet(path: string, select: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  connection.disconnectSync();
  instance.closeSync();
}

beforeEach(async () => {
  ({ engine, root, dispose } = await campusEngine());
  await engine.twins.upsert('room-1', roomBody());
  await engine.twins.upsert('room-2', roomBody());
});
afterEach(() => dispose());

describe('telemetry import', () => {
  it('imports a long CSV with a column mapping, reporting progress and flagging undeclared names', async () => {
    const path = join(root, 'long.csv');
    await writeFile(path, 'device,at,metric,reading\nroom-1,2026-01-01T00:00:00Z,temperature,20.5\nroom-2,2026-01-01T00:01:00Z,temperature,21\nroom-2,2026-01-01T00:01:00Z,mood,calm\n');
    const progress: HistoryProgress[] = [];
    engine.analytics.onDidProgress((event) => progress.push(event));
    const result = await engine.telemetry.import({ path, mapping: { twinId: 'device', time: 'at', name: 'metric', value: 'reading' }, taskId: 'long-csv' });
    expect(result).toEqual({ stored: 3, twins: 2, unknown: ['mood'] });
    expect((await engine.analytics.sql('SELECT twin_id, strftime(time, \'%H:%M\'), name, value, value_json FROM telemetry ORDER BY twin_id, name')).rows).toEqual([
      ['room-1', '00:00', 'temperature', 20.5, 20.5],
      ['room-2', '00:01', 'mood', null, 'calm'],
      ['room-2', '00:01', 'temperature', 21, 21],
    ]);
    expect(progress.every((event) => event.taskId === 'long-csv' && event.kind === 'import')).toBe(true);
    expect(progress.map((event) => event.phase)).toEqual(expect.arrayContaining(['reading', 'checking', 'writing', 'done']));
    expect(progress.at(-1)).toEqual({ taskId: 'long-csv', kind: 'import', phase: 'done', done: 3, total: 3, unit: 'rows' });
  });

  it('imports a wide Parquet file, one column per telemetry name, skipping empty cells', async () => {
    const path = join(root, 'wide.parquet');
    await parquet(path, "SELECT * FROM (VALUES ('room-1', TIMESTAMPTZ '2026-01-01 00:00:00+00', 20.0, 40), ('room-2', TIMESTAMPTZ '2026-01-01 00:00:00+00', NULL, 41)) t(twin_id, time, temperature, humidity)");
    expect(await engine.telemetry.import({ path, mapping: { values: ['temperature', 'humidity'] } })).toEqual({ stored: 3, twins: 2, unknown: ['humidity'] });
    expect((await engine.analytics.sql('SELECT twin_id, name, value FROM telemetry ORDER BY twin_id, name')).rows).toEqual([
      ['room-1', 'humidity', 40],
      ['room-1', 'temperature', 20],
      ['room-2', 'humidity', 41],
    ]);
  });

  it('imports NDJSON with the default column names', async () => {
    const path = join(root, 'readings.ndjson');
    await writeFile(path, ['{"twin_id":"room-1","time":"2026-01-01T00:00:00Z","name":"temperature","value":19}', '{"twin_id":"room-1","time":"2026-01-01T00:00:05Z","name":"temperature","value":19.5}'].join('\n'));
    expect(await engine.telemetry.import({ path })).toEqual({ stored: 2, twins: 1, unknown: [] });
    expect((await engine.analytics.sql('SELECT value FROM telemetry ORDER BY time')).rows).toEqual([[19], [19.5]]);
  });

  it('refuses a ragged CSV, naming the line, and imports nothing', async () => {
    const path = join(root, 'ragged.csv');
    await writeFile(path, 'twin_id,time,name,value\nroom-1,2026-01-01T00:00:00Z,temperature,20\nroom-1,2026-01-01T00:00:01Z,temperature\n');
    await expect(engine.telemetry.import({ path })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('CSV Error on Line: 3') });
    expect(await count()).toBe(0);
  });

  it('refuses a Parquet file without the mapped columns, listing what it has', async () => {
    const path = join(root, 'wrong.parquet');
    await parquet(path, "SELECT 'room-1' AS id, 1 AS reading");
    await expect(engine.telemetry.import({ path })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      message: `${path} has no column twin_id, time, name, value (it has id, reading); map the columns with --map.`,
      details: { missing: ['twin_id', 'time', 'name', 'value'], available: ['id', 'reading'] },
    });
    expect(await count()).toBe(0);
  });

  it('refuses unknown twins, non-numeric numeric telemetry, bad and far-future times, importing nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['room-1,2026-01-01T00:00:00Z,temperature,20\nghost,2026-01-01T00:00:00Z,temperature,20\n', { code: ErrorCode.TwinNotFound, details: { ids: ['ghost'] } }],
      ['room-1,2026-01-01T00:00:00Z,temperature,20\nroom-2,2026-01-01T00:00:00Z,temperature,warm\n', { code: ErrorCode.InvalidArgument, details: { twinId: 'room-2', name: 'temperature', value: 'warm' } }],
      ['room-1,2026-01-01T00:00:00Z,temperature,20\nroom-1,last tuesday,temperature,20\n', { code: ErrorCode.InvalidArgument, message: expect.stringContaining('data row 2 has a time that is not a date-time: "last tuesday"') }],
      ['room-1,2099-01-01T00:00:00Z,temperature,20\n', { code: ErrorCode.InvalidArgument, details: { time: '2099-01-01T00:00:00.000Z' } }],
    ];
    for (const [rows, error] of cases) {
      const path = join(root, 'bad.csv');
      await writeFile(path, `twin_id,time,name,value\n${rows}`);
      await expect(engine.telemetry.import({ path })).rejects.toMatchObject(error);
    }
    expect(await count()).toBe(0);
  });

  it('stops when cancelled, importing nothing', async () => {
    const path = join(root, 'big.csv');
    const lines = Array.from({ length: 200_000 }, (_, i) => `room-${(i % 2) + 1},2026-01-01T00:00:00Z,temperature,${i}`);
    await writeFile(path, `twin_id,time,name,value\n${lines.join('\n')}\n`);
    engine.analytics.onDidProgress((event) => {
      if (event.taskId === 'big') void engine.analytics.cancel('big');
    });
    await expect(engine.telemetry.import({ path, taskId: 'big' })).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    expect(await count()).toBe(0);
    expect(await engine.analytics.cancel('big')).toBe(false);
  });

  it('refuses a missing file or an unknown format', async () => {
    await expect(engine.telemetry.import({ path: join(root, 'none.csv') })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await writeFile(join(root, 'data.txt'), 'x');
    await expect(engine.telemetry.import({ path: join(root, 'data.txt') })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('use --format csv, parquet or ndjson') });
    await expect(engine.telemetry.import({ path: 'relative.csv' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });
});
