import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

let root: string;
let ws: string[];
const scenario = { id: 'hot-day', start: '2025-07-08', horizonHours: 24, weather: { kind: 'synthetic', meanTemperature: 18 }, seed: 5 };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-sim-'));
  ws = ['-w', join(root, 'ws')];
  expect((await cli([...ws, 'sample', 'campus'])).code).toBe(0);
  await writeFile(join(root, 'hot-day.json'), JSON.stringify(scenario));
  await writeFile(join(root, 'raised.json'), JSON.stringify({ ...scenario, id: 'raised', interventions: [{ at: 0, kind: 'setpoint', target: 'campus-b001', cooling: 27 }] }));
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('twinbench simulate and runs', () => {
  it('simulates a scenario file, prints its KPIs and writes its results', async () => {
    const out = join(root, 'hot-day.parquet');
    const run = await cli([...ws, 'simulate', join(root, 'hot-day.json'), '--baseline', '--run-id', 'base', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Run base: \d+ zones × 24 steps in [\d.]+ s\.\nEnergy \(kWh\) +[\d,.]+ total: heating /);
    expect(run.stdout).toMatch(/\nWrote \d+ rows to .*hot-day\.parquet\.\n$/);
    expect((await cli([...ws, 'simulate', join(root, 'hot-day.json'), '--out', out])).code).toBe(4);
  }, 120_000);

  it('lists, shows, compares and exports runs', async () => {
    expect((await cli([...ws, 'simulate', join(root, 'raised.json'), '--run-id', 'raised'])).code).toBe(0);
    const list = await cli([...ws, 'runs', 'list']);
    expect(list.stdout).toMatch(/^RUN +SCENARIO +STATUS +ZONES +STEPS +STARTED\n/);
    expect(list.stdout).toMatch(/\nbase \(baseline\) +hot-day +succeeded +\d+ +24\/24 /);
    expect((await cli([...ws, 'runs', 'show', 'base'])).stdout).toMatch(/Peak temperature +[\d.]+ °C in campus-b\d{3}-f\d{2}-r\d{3} at 2025-07-08T/);
    const compare = await cli([...ws, '--json', 'runs', 'compare', 'base', 'raised']);
    const comparison = JSON.parse(compare.stdout) as { kpis: { kpi: string; delta: number }[] };
    expect(comparison.kpis.find((line) => line.kpi === 'energy.cooling')!.delta).toBeLessThan(0);
    const csv = join(root, 'raised.csv');
    expect((await cli([...ws, 'runs', 'export', 'raised', csv])).stdout).toMatch(/^Wrote \d+ rows to .*raised\.csv\.\n$/);
    expect((await cli([...ws, 'runs', 'show', 'nope'])).code).toBe(3);
  }, 120_000);

  it('validates scenarios with located problems and exit code 1', async () => {
    const run = await cli([...ws, 'scenario', 'validate', JSON.stringify({ ...scenario, horizonHours: -2, interventions: [{ at: 1, kind: 'fail', target: 'ghost' }] })]);
    expect(run).toMatchObject({ code: 1, stdout: 'horizonHours: must be > 0 (got -2)\n' });
    expect((await cli([...ws, 'scenario', 'put', `@${join(root, 'hot-day.json')}`])).stdout).toBe('Saved scenario hot-day.\n');
    expect((await cli([...ws, 'scenario', 'list'])).stdout).toMatch(/^ID +HORIZON \(h\) +WEATHER +INTERVENTIONS\nhot-day +24 +synthetic +0\n$/);
  }, 60_000);

  it('saves, lists and deletes snapshots, and checks scenarios that start from one', async () => {
    const saved = await cli([...ws, 'snapshot', 'save', 'as-built']);
    expect(saved).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Saved snapshot as-built: \d+ twins, \d+ relationships\.\n$/) as unknown as string });
    expect((await cli([...ws, 'snapshot', 'save', 'as-built'])).code).toBe(4);
    expect((await cli([...ws, 'snapshot', 'save', 'as-built', '--replace'])).code).toBe(0);
    expect((await cli([...ws, 'snapshot', 'list'])).stdout).toMatch(/^NAME +SAVED +TWINS +RELATIONSHIPS\nas-built +\d{4}-\d\d-\d\dT[\d:.]+Z +\d+ +\d+\n$/);
    const fromSnapshot = JSON.stringify({ ...scenario, id: 'from-snapshot', horizonHours: 2, from: { snapshot: 'as-built' } });
    expect((await cli([...ws, 'scenario', 'validate', fromSnapshot])).stdout).toBe('The scenario is valid.\n');
    expect((await cli([...ws, 'snapshot', 'delete', 'as-built'])).stdout).toBe('Deleted snapshot as-built.\n');
    expect((await cli([...ws, 'snapshot', 'list'])).stdout).toBe('No snapshots.\n');
    expect(await cli([...ws, 'scenario', 'validate', fromSnapshot])).toMatchObject({ code: 1, stdout: 'from.snapshot: There is no snapshot as-built; save one with twinbench snapshot save as-built.\n' });
  }, 120_000);
});
