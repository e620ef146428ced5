import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type RunInfo, type Scenario } from '../../../../src-main/engine';
import { HistoryStore } from '../../../../src-main/engine/history';
import { RunStore } from '../../../../src-main/engine/sim/results/run-store';
import { zoneValues } from '../../../../src-main/engine/sim/results/zone-values';
import { newChunkColumns, type ResultColumn } from '../../../../src-main/engine/sim/runner/result-columns';
import { office } from '../fixtures/small-model';

let root: string;
let history: HistoryStore;
let store: RunStore;

const scenario: Scenario = { id: 'hand', start: '2025-01-06T08:00:00Z', horizonHours: 3, weather: { kind: 'synthetic' } };
const zones = [office('z0', 10), office('z1', 10)];

/** Three hourly steps of two zones; values are per step, zone 0 then zone 1. */
const base: Partial<Record<ResultColumn, number[]>> = {
  occupants: [2, 1, 2, 0, 0, 1],
  operative_temperature: [19, 27, 22, 24, 30, 25],
  co2: [1200, 1000, 900, 1100, 1500, Number.NaN],
  ppd: [8, 30, 12, Number.NaN, Number.NaN, Number.NaN],
  heating_input_power: [1000, 0, 0, 0, 0, 0],
  cooling_input_power: [0, 2000, 500, 0, 0, 0],
  fan_power: [100, 0, 100, 0, 0, 0],
  lighting_power: [200, 50, 200, 50, 20, 50],
  equipment_power: [0, 100, 0, 100, 0, 100],
};

async function storeRun(id: string, values: Partial<Record<ResultColumn, number[]>>): Promise<void> {
  const info: RunInfo = { id, scenarioId: 'hand', status: 'running', baseline: false, seed: 1, zones: 2, steps: 3, stepsDone: 0, startedAt: '2026-01-01T00:00:00.000Z' };
  await store.create(info, scenario, zones);
  const columns = newChunkColumns(3, 2);
  for (const [name, list] of Object.entries(values)) columns[name as ResultColumn].set(list);
  await store.append(id, { firstStep: 0, steps: 3, zones: 2, columns });
  await store.finish(id, 'succeeded', '2026-01-01T00:00:01.000Z');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-zone-values-'));
  history = await HistoryStore.open({ path: join(root, 'history.duckdb') });
  store = new RunStore(history);
  await storeRun('a', base);
});
afterAll(async () => {
  await history.close();
  await rm(root, { recursive: true, force: true });
});

describe('zone values of a run', () => {
  it('reads one quantity of every zone step by step, null where the run has no value', async () => {
    expect(await zoneValues(store, 'a', { quantity: 'operativeTemperature' })).toEqual({
      runId: 'a',
      quantity: 'operativeTemperature',
      zones: ['z0', 'z1'],
      fromStep: 0,
      steps: 3,
      startTime: '2025-01-06T08:00:00.000Z',
      stepMinutes: 60,
      values: [19, 27, 22, 24, 30, 25],
    });
    expect((await zoneValues(store, 'a', { quantity: 'co2' })).values).toEqual([1200, 1000, 900, 1100, 1500, null]);
  });

  it('reads a range of steps of some zones, starting at the first step asked for', async () => {
    expect(await zoneValues(store, 'a', { quantity: 'ppd', fromStep: 1, steps: 2, zones: ['z0', 'gone'] })).toEqual({
      runId: 'a',
      quantity: 'ppd',
      zones: ['z0'],
      fromStep: 1,
      steps: 2,
      startTime: '2025-01-06T09:00:00.000Z',
      stepMinutes: 60,
      values: [12, null],
    });
  });

  it('refuses an unknown quantity, a step range outside the run and an unknown run', async () => {
    await expect(zoneValues(store, 'a', { quantity: 'temperature' as 'co2' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('Unknown run quantity "temperature"') });
    await expect(zoneValues(store, 'a', { quantity: 'co2', fromStep: 4 })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: '"fromStep" must be a whole number from 0 to 3; got 4.' });
    await expect(zoneValues(store, 'a', { quantity: 'co2', fromStep: 1, steps: 3 })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: '"steps" must be a whole number from 0 to 2; got 3.' });
    await expect(zoneValues(store, 'nope', { quantity: 'co2' })).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});
