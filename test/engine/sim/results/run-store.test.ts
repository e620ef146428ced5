import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunInfo, Scenario } from '../../../../src-main/engine';
import { HistoryStore } from '../../../../src-main/engine/history';
import { RunStore } from '../../../../src-main/engine/sim/results/run-store';
import { newChunkColumns, resultColumns } from '../../../../src-main/engine/sim/runner/result-columns';
import { office } from '../fixtures/small-model';

let root: string;
let history: HistoryStore;

const scenario: Scenario = { id: 'hand', start: '2025-01-06T08:00:00Z', horizonHours: 2, stepMinutes: 30, weather: { kind: 'synthetic' } };
const zones = [office('z0', 10), office('z1', 10)];
const info = (id: string): RunInfo => ({ id, scenarioId: 'hand', status: 'running', baseline: false, seed: 1, zones: 2, steps: 4, stepsDone: 0, startedAt: '2026-01-01T00:00:00.000Z' });

/** Four half-hour steps of two zones: air temperature 20 + step + zone / 10, PMV undefined (NaN) for zone 1. */
function chunk(firstStep: number, steps: number) {
  const columns = newChunkColumns(steps, 2);
  for (let s = 0; s < steps; s++) {
    for (let z = 0; z < 2; z++) {
      columns.air_temperature[s * 2 + z] = 20 + firstStep + s + z / 10;
      columns.pmv[s * 2 + z] = z === 0 ? 0.5 : Number.NaN;
    }
  }
  return { firstStep, steps, zones: 2, columns };
}

const rowsOf = async (runId: string) =>
  (await history.withWriter(async (connection) => (await connection.runAndReadAll(`SELECT step, strftime(time AT TIME ZONE 'UTC', '%H:%M'), zone_id, air_temperature, pmv FROM sim_results WHERE run_id = ? ORDER BY step, zone_id`, [runId])).getRows()));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-run-store-'));
  history = await HistoryStore.open({ path: join(root, 'history.duckdb') });
});
afterEach(async () => {
  await history.close();
  await rm(root, { recursive: true, force: true });
});

describe('stored run results', () => {
  it('gives each value its run id, time and zone id, NULL where a value is not defined, and counts the steps stored', async () => {
    const store = new RunStore(history);
    await store.create(info('a'), scenario, zones);
    await store.append('a', chunk(0, 2));
    await store.append('a', chunk(2, 2));
    expect(await rowsOf('a')).toEqual([
      [0, '08:00', 'z0', 20, 0.5],
      [0, '08:00', 'z1', 20.1, null],
      [1, '08:30', 'z0', 21, 0.5],
      [1, '08:30', 'z1', 21.1, null],
      [2, '09:00', 'z0', 22, 0.5],
      [2, '09:00', 'z1', 22.1, null],
      [3, '09:30', 'z0', 23, 0.5],
      [3, '09:30', 'z1', 23.1, null],
    ]);
    expect((await store.get('a')).stepsDone).toBe(4);
  });

  it('keeps runs apart and deletes one run with its results', async () => {
    const store = new RunStore(history);
    await store.create(info('a'), scenario, zones);
    await store.create(info('b'), scenario, zones);
    await store.append('b', chunk(0, 1));
    await store.append('a', chunk(0, 1));
    await store.delete('a');
    expect(await rowsOf('a')).toEqual([]);
    expect(await rowsOf('b')).toEqual([
      [0, '08:00', 'z0', 20, 0.5],
      [0, '08:00', 'z1', 20.1, null],
    ]);
    await store.create(info('c'), scenario, zones);
    await store.append('c', chunk(3, 1));
    expect((await rowsOf('c')).map((row) => row[3])).toEqual([23, 23.1]);
    expect((await rowsOf('b')).length).toBe(2);
  });

  it('moves results stored one row per zone id and time (the earlier layout) into the compact table', async () => {
    await history.withWriter(async (connection) => {
      await connection.run(`CREATE TABLE sim_runs (
        run_id VARCHAR NOT NULL, scenario_id VARCHAR NOT NULL, scenario JSON NOT NULL, status VARCHAR NOT NULL,
        baseline BOOLEAN NOT NULL, seed BIGINT NOT NULL, zones INTEGER NOT NULL, steps INTEGER NOT NULL,
        steps_done INTEGER NOT NULL, step_minutes INTEGER NOT NULL, comfort_min DOUBLE NOT NULL, comfort_max DOUBLE NOT NULL,
        started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, error JSON)`);
      await connection.run(`CREATE TABLE sim_zones (run_id VARCHAR NOT NULL, zone_index INTEGER NOT NULL, zone_id VARCHAR NOT NULL, room_type VARCHAR, floor_area DOUBLE NOT NULL, volume DOUBLE NOT NULL)`);
      await connection.run(`CREATE TABLE sim_results (run_id VARCHAR NOT NULL, step INTEGER NOT NULL, time TIMESTAMPTZ NOT NULL, zone_id VARCHAR NOT NULL, ${resultColumns.map((name) => `${name} DOUBLE`).join(', ')})`);
      await connection.run(`INSERT INTO sim_runs VALUES ('old', 'hand', ?::JSON, 'succeeded', false, 1, 2, 4, 1, 30, 20, 26, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', NULL)`, [JSON.stringify(scenario)]);
      await connection.run(`INSERT INTO sim_zones VALUES ('old', 0, 'z0', 'office', 10, 30), ('old', 1, 'z1', 'office', 10, 30)`);
      await connection.run(`INSERT INTO sim_results (run_id, step, time, zone_id, air_temperature, pmv) VALUES
        ('old', 0, '2025-01-06T08:00:00Z', 'z1', 20.1, NULL), ('old', 0, '2025-01-06T08:00:00Z', 'z0', 20, 0.5)`);
    });
    const store = new RunStore(history);
    expect((await store.get('old')).stepsDone).toBe(1);
    expect(await rowsOf('old')).toEqual([
      [0, '08:00', 'z0', 20, 0.5],
      [0, '08:00', 'z1', 20.1, null],
    ]);
    await store.create(info('new'), scenario, zones);
    await store.append('new', chunk(1, 1));
    expect((await rowsOf('new')).map((row) => row.slice(0, 4))).toEqual([
      [1, '08:30', 'z0', 21],
      [1, '08:30', 'z1', 21.1],
    ]);
    const tables = await history.withWriter(async (connection) => (await connection.runAndReadAll("SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'sim_%' ORDER BY table_name")).getRows());
    expect(tables).toEqual([
      ['sim_results', 'VIEW'],
      ['sim_runs', 'BASE TABLE'],
      ['sim_values', 'BASE TABLE'],
      ['sim_zones', 'BASE TABLE'],
    ]);
  });
});
