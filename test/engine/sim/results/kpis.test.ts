import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunInfo, Scenario } from '../../../../src-main/engine';
import { HistoryStore } from '../../../../src-main/engine/history';
import { compareRuns, runKpis } from '../../../../src-main/engine/sim/results/kpis';
import { RunStore } from '../../../../src-main/engine/sim/results/run-store';
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
  root = await mkdtemp(join(tmpdir(), 'twinbench-kpis-'));
  history = await HistoryStore.open({ path: join(root, 'history.duckdb') });
  store = new RunStore(history);
  await storeRun('a', base);
  await storeRun('b', { ...base, operative_temperature: [19, 27, 23, 24, 30, 25], heating_input_power: [2000, 0, 0, 0, 0, 0] });
});
afterAll(async () => {
  await history.close();
  await rm(root, { recursive: true, force: true });
});

describe('run KPIs', () => {
  it('computes each KPI exactly on a hand-checkable run', async () => {
    expect(await runKpis(store, 'a')).toEqual({
      runId: 'a',
      energyKwh: { heating: 1, cooling: 2.5, fans: 0.2, lighting: 0.57, equipment: 0.3, total: 1 + 2.5 + 0.2 + 0.57 + 0.3 },
      // Occupied: z0 at 08 and 09, z1 at 08 and 10; outside 20–26 °C: z0 at 08 (19 °C), z1 at 08 (27 °C).
      hoursOutsideComfort: 2,
      occupiedHours: 4,
      peakTemperature: { value: 30, zone: 'z0', time: '2025-01-06T10:00:00Z' },
      // (1200 − 1000) + (1500 − 1000) + (1100 − 1000) ppm over one hour each.
      co2PpmHoursOver1000: 800,
      ppdHours: { below10: 1, from10to15: 1, from15to25: 0, atLeast25: 1, invalid: 1 },
    });
  });

  it('compares two runs: KPI deltas and per-zone differences', async () => {
    const comparison = await compareRuns(store, 'a', 'b');
    expect(comparison.kpis.find((line) => line.kpi === 'energy.heating')).toEqual({ kpi: 'energy.heating', unit: 'kWh', a: 1, b: 2, delta: 1 });
    expect(comparison.kpis.find((line) => line.kpi === 'hoursOutsideComfort')).toEqual({ kpi: 'hoursOutsideComfort', unit: 'zone-h', a: 2, b: 2, delta: 0 });
    // Per zone: (Σ of every end use, W) × 1 h / 1000, e.g. z0: (1300 + 800 + 20) / 1000.
    expect(comparison.zones).toEqual([
      { zone: 'z0', energyKwhA: 2.12, energyKwhB: 3.12, hoursOutsideComfortA: 1, hoursOutsideComfortB: 1, peakTemperatureA: 30, peakTemperatureB: 30, maxTemperatureDifference: 1 },
      { zone: 'z1', energyKwhA: 2.45, energyKwhB: 2.45, hoursOutsideComfortA: 1, hoursOutsideComfortB: 1, peakTemperatureA: 27, peakTemperatureB: 27, maxTemperatureDifference: 0 },
    ]);
  });

  it('lists and deletes runs; a missing run is NotFound', async () => {
    expect((await store.list()).map((run) => [run.id, run.status, run.stepsDone])).toEqual([
      ['a', 'succeeded', 3],
      ['b', 'succeeded', 3],
    ]);
    await storeRun('c', base);
    await store.delete('c');
    await expect(store.get('c')).rejects.toMatchObject({ code: 'NotFound' });
    await expect(storeRun('a', base)).rejects.toMatchObject({ code: 'Conflict' });
  });
});
