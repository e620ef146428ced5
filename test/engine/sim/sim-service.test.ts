import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine, type RunProgress, type Scenario } from '../../../src-main/engine';

let root: string;
let engine: Engine;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-sim-'));
  engine = await createEngine({ workspace: join(root, 'ws'), resourcesDir: resolve(import.meta.dirname, '../../../resources') });
  await engine.jobs.wait((await engine.jobs.startSample('campus', { world: 'campus' })).id);
}, 60_000);
afterAll(async () => {
  await engine?.close();
  await rm(root, { recursive: true, force: true });
});

const week: Scenario = { id: 'week', start: '2025-07-07', horizonHours: 168, weather: { kind: 'synthetic', meanTemperature: 12 }, seed: 7 };

describe('sim service on the sample campus', () => {
  it('runs a scenario in a worker, reporting progress, and stores results per zone per step', async () => {
    const progress: RunProgress[] = [];
    const listening = engine.sim.onDidProgress((event) => progress.push(event));
    const started = await engine.sim.startRun(week, { runId: 'week-a' });
    expect(started.status).toBe('running');
    const done = await engine.sim.waitRun('week-a');
    listening.dispose();
    expect(done.status).toBe('succeeded');
    expect(done.stepsDone).toBe(168);
    expect(progress.at(-1)).toEqual({ runId: 'week-a', status: 'succeeded', stepsDone: 168, steps: 168 });
    const rows = await engine.analytics.sql("SELECT count(*)::INTEGER, count(DISTINCT zone_id)::INTEGER FROM sim_results WHERE run_id = 'week-a'");
    expect(rows.rows[0]).toEqual([168 * done.zones, done.zones]);
    const kpis = await engine.sim.kpis('week-a');
    expect(kpis.energyKwh.total).toBeGreaterThan(0);
    expect(kpis.occupiedHours).toBeGreaterThan(0);
  });
});
