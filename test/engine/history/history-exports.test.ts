import { DuckDBInstance } from '@duckdb/node-api';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine } from '../../../src-main/engine';
import { campusEngine, roomBody } from '../graph/graph-fixture';

let engine: Engine;
let root: string;
let dispose: () => Promise<void>;

/** Rows of a Parquet file, read back with DuckDB. */
async function parquetRows(path: string, select: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = (await connection.runAndReadAll(select.replace('$file', `'${path}'`))).getRowsJS();
  connection.disconnectSync();
  instance.closeSync();
  return rows;
}

beforeEach(async () => {
  ({ engine, root, dispose } = await campusEngine());
  await engine.twins.upsert('room-1', roomBody());
  await engine.twins.upsert('room-2', roomBody());
  const path = join(root, 'readings.csv');
  const lines = ['twin_id,time,name,value'];
  for (let hour = 0; hour < 4; hour++) for (const twin of ['room-1', 'room-2']) lines.push(`${twin},2026-01-01T0${hour}:00:00Z,temperature,${20 + hour}`);
  await writeFile(path, `${lines.join('\n')}\n`);
  await engine.telemetry.import({ path });
});
afterEach(() => dispose());

describe('history exports', () => {
  it('exports the telemetry of the twins a query returns over a time range, to CSV and zstd Parquet', async () => {
    const csv = join(root, 'room-1.csv');
    const request = { twins: "SELECT * FROM digitaltwins WHERE $dtId = 'room-1'", from: '2026-01-01T01:00:00Z', to: '2026-01-01T03:00:00Z' };
    expect(await engine.analytics.exportTelemetry({ ...request, path: csv, format: 'csv' })).toEqual({ rows: 2, path: csv });
    const text = await readFile(csv, 'utf8');
    expect(text.split('\n')[0]).toBe('time,source_time,twin_id,component,name,value,value_json,message_id');
    expect(text.split('\n').slice(1, 3).map((line) => line.split(',').slice(2, 6).join(','))).toEqual(['room-1,,temperature,21.0', 'room-1,,temperature,22.0']);
    const parquet = join(root, 'all.parquet');
    expect(await engine.analytics.exportTelemetry({ path: parquet, format: 'parquet' })).toEqual({ rows: 8, path: parquet });
    expect(await parquetRows(parquet, "SELECT DISTINCT compression FROM parquet_metadata($file) WHERE path_in_schema = 'value'")).toEqual([['ZSTD']]);
  });

  it('never overwrites a file unless forced, and checks the path first', async () => {
    const path = join(root, 'out.csv');
    await writeFile(path, 'keep me');
    await expect(engine.analytics.export('SELECT 1 AS n', { path, format: 'csv' })).rejects.toMatchObject({ code: ErrorCode.Conflict, details: { path } });
    expect(await readFile(path, 'utf8')).toBe('keep me');
    expect(await engine.analytics.export('SELECT 1 AS n', { path, format: 'csv', force: true })).toEqual({ rows: 1, path });
    expect(await readFile(path, 'utf8')).toBe('n\n1\n');
    await expect(engine.analytics.export('SELECT 1', { path: root, format: 'csv', force: true })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('it is a folder') });
    await expect(engine.analytics.export('SELECT 1', { path: join(root, 'x.csv'), format: 'xlsx' as 'csv' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.analytics.exportTelemetry({ path: join(root, 'y.csv'), format: 'csv', from: 'soon' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, details: { from: 'soon' } });
    await expect(engine.analytics.exportTelemetry({ path: join(root, 'y.csv'), format: 'csv', twins: 'SELECT COUNT() FROM digitaltwins' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('cancels a running export, leaving no file behind', async () => {
    const path = join(root, 'huge.parquet');
    const exporting = engine.analytics.export('SELECT range AS n, md5(range::VARCHAR) AS h FROM range(200000000)', { path, format: 'parquet', taskId: 'huge' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await engine.analytics.cancel('huge')).toBe(true);
    await expect(exporting).rejects.toMatchObject({ code: ErrorCode.Cancelled, details: { taskId: 'huge' } });
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('streams an analytic result in pages', async () => {
    const first = await engine.analytics.sql('SELECT range AS n FROM range(5000)', { pageSize: 2000 });
    expect(first.rows).toHaveLength(2000);
    expect(first.rows[0]).toEqual([0]);
    expect(first.continuationToken).toEqual(expect.any(String));
    const second = await engine.analytics.nextPage(first.continuationToken!);
    expect(second.rows[0]).toEqual([2000]);
    const third = await engine.analytics.nextPage(second.continuationToken!);
    expect(third).toEqual({ columns: [{ name: 'n', type: 'BIGINT' }], rows: Array.from({ length: 1000 }, (_, i) => [4000 + i]), truncated: false });
    await expect(engine.analytics.nextPage(second.continuationToken!)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const early = await engine.analytics.sql('SELECT range FROM range(10)', { pageSize: 3 });
    await engine.analytics.closePages(early.continuationToken!);
    await expect(engine.analytics.nextPage(early.continuationToken!)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(await engine.analytics.sql('SELECT 1', { pageSize: 3 })).toEqual({ columns: [{ name: '1', type: 'INTEGER' }], rows: [[1]], truncated: false });
    await expect(engine.analytics.sql('SELECT 1', { pageSize: 0 })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });
});

describe('retention', () => {
  it('keeps everything until a policy is set, saves the policy and checks it', async () => {
    expect(await engine.analytics.retention()).toEqual({ rawDays: null, rollup: null, rollupDays: null, applyEveryMinutes: null });
    const policy = { rawDays: 30, rollup: 'hour', rollupDays: null, applyEveryMinutes: 60 } as const;
    expect(await engine.analytics.setRetention(policy)).toEqual(policy);
    expect(JSON.parse(await readFile(join(root, 'workspace.json'), 'utf8')).historyRetention).toEqual(policy);
    await expect(engine.analytics.setRetention({ ...policy, rawDays: -1 })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, details: { rawDays: -1 } });
    await expect(engine.analytics.setRetention({ ...policy, rollup: 'week' as 'day' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('rolls readings older than the raw window up into hourly aggregates, then removes them', async () => {
    // The fixture's readings are from 2026-01-01; today is later, so a one-day raw window takes them all.
    await engine.telemetry.publish('room-1', { temperature: 30 });
    await engine.analytics.setRetention({ rawDays: 1, rollup: 'hour', rollupDays: null, applyEveryMinutes: null });
    const result = await engine.analytics.applyRetention();
    expect(result).toMatchObject({ rolledUp: 8, removedReadings: 8, removedRollups: 0 });
    expect((await engine.analytics.sql('SELECT twin_id, name, value FROM telemetry')).rows).toEqual([['room-1', 'temperature', 30]]);
    expect((await engine.analytics.sql("SELECT strftime(bucket, '%H'), \"interval\", twin_id, count, min, max, avg, last FROM telemetry_rollups WHERE twin_id = 'room-2' ORDER BY bucket")).rows).toEqual([
      ['00', 'hour', 'room-2', 1, 20, 20, 20, 20],
      ['01', 'hour', 'room-2', 1, 21, 21, 21, 21],
      ['02', 'hour', 'room-2', 1, 22, 22, 22, 22],
      ['03', 'hour', 'room-2', 1, 23, 23, 23, 23],
    ]);
    // Applying again finds nothing new; a rollup window then removes old aggregates too.
    expect(await engine.analytics.applyRetention()).toMatchObject({ rolledUp: 0, removedReadings: 0 });
    await engine.analytics.setRetention({ rawDays: 1, rollup: 'hour', rollupDays: 1, applyEveryMinutes: null });
    expect(await engine.analytics.applyRetention()).toMatchObject({ removedRollups: 8 });
  });
});
