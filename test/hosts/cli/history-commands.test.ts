import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

const models = resolve(import.meta.dirname, '../../fixtures/models/graph');
const room = (id: string) => [id, JSON.stringify({ $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: id, thermostat: { $metadata: {} } })];
let root: string;
let ws: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-history-'));
  ws = ['-w', join(root, 'ws')];
  await cli([...ws, 'models', 'add', models]);
  await cli([...ws, 'twin', 'put', ...room('room-1')]);
  await cli([...ws, 'twin', 'put', ...room('room-2')]);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('twinbench telemetry, history and sql', () => {
  it('sends one message or a batch, refusing bad ones', async () => {
    expect(await cli([...ws, 'telemetry', 'send', 'room-1', '{"temperature": 21}'])).toEqual({ code: 0, stdout: 'Stored 1 value.\n', stderr: '' });
    const batch = JSON.stringify([{ twinId: 'room-1', payload: { temperature: 22 } }, { twinId: 'room-2', payload: { temperature: 23, lux: 5 } }]);
    expect((await cli([...ws, 'telemetry', 'send', '--batch', batch])).stdout).toBe('Stored 3 values; not declared as telemetry by the model: lux.\n');
    const refused = await cli([...ws, 'telemetry', 'send', 'room-1', '{"temperature": "hot"}']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Telemetry temperature of room-1 must be a number');
    expect((await cli([...ws, 'sql', 'SELECT count(*) AS n FROM telemetry', '--format', 'csv'])).stdout).toBe('n\r\n4\r\n');
  });

  it('imports a file with a column mapping and exports the telemetry of a twin query', async () => {
    await writeFile(join(root, 'wide.csv'), 'device,at,temperature\nroom-1,2026-01-01T00:00:00Z,20\nroom-2,2026-01-01T01:00:00Z,21\nroom-1,2026-01-01T02:00:00Z,22\n');
    const imported = await cli([...ws, 'telemetry', 'import', join(root, 'wide.csv'), '--map', 'twinId=device', '--map', 'time=at', '--values', 'temperature']);
    expect(imported).toEqual({ code: 0, stdout: 'Imported 3 readings of 2 twins.\n', stderr: '' });
    const out = join(root, 'room-1.csv');
    const args = [...ws, 'history', 'export', '--twins', "SELECT * FROM digitaltwins WHERE $dtId = 'room-1'", '--from', '2026-01-01T00:00:00Z', '--to', '2026-01-02T00:00:00Z', '--out', out];
    expect((await cli(args)).stdout).toBe(`Wrote 2 readings to ${out}.\n`);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(3);
    const again = await cli(args);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists; choose another path or allow overwriting (--force)');
    expect((await cli([...args, '--force'])).code).toBe(0);
  });

  it('writes an analytic result to Parquet', async () => {
    const out = join(root, 'n.parquet');
    const run = await cli([...ws, 'sql', 'SELECT range AS n FROM range(3)', '--out', out]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: `Wrote 3 rows to ${out}.\n` });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    expect((await connection.runAndReadAll(`SELECT sum(n)::INTEGER FROM '${out}'`)).getRowsJS()).toEqual([[3]]);
    connection.disconnectSync();
    instance.closeSync();
  });

  it('shows, sets and applies the retention policy', async () => {
    expect((await cli([...ws, 'history', 'retention'])).stdout).toBe('Raw readings are kept forever, with no rollups; applied on request.\n');
    const set = await cli([...ws, 'history', 'retention', '--raw-days', '30', '--rollup', 'hour', '--every', '60']);
    expect(set.stdout).toBe('Raw readings are kept 30 days, rolled up per hour first (rollups kept forever); applied every 60 minutes while a workspace host runs.\n');
    await writeFile(join(root, 'old.ndjson'), '{"twin_id":"room-1","time":"2020-01-01T00:10:00Z","name":"temperature","value":20}\n{"twin_id":"room-1","time":"2020-01-01T00:20:00Z","name":"temperature","value":22}\n');
    await cli([...ws, 'telemetry', 'import', join(root, 'old.ndjson')]);
    const applied = await cli([...ws, 'history', 'retention', '--apply', '--json']);
    expect(JSON.parse(applied.stdout).result).toMatchObject({ rolledUp: 1, removedReadings: 2, removedRollups: 0 });
    expect((await cli([...ws, 'sql', 'SELECT count, avg FROM telemetry_rollups', '--format', 'csv'])).stdout).toBe('count,avg\r\n2,21\r\n');
  });
});
