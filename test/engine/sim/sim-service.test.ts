import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine, type RunProgress, type Scenario } from '../../../src-main/engine';
import { defaultSimMapping } from '../../../src-main/engine/sim/binding/default-mapping';

let root: string;
let engine: Engine;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-sim-'));
  engine = await createEngine({ workspace: join(root, 'ws'), resourcesDir: resolve(import.meta.dirname, '../../../resources') });
  await engine.jobs.wait((await engine.jobs.startSample('campus', { world: 'campus' })).id);
  // The history catches up with the sample's thousands of events before runs share its writer.
  await engine.settled();
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await rm(root, { recursive: true, force: true });
});

const week: Scenario = { id: 'week', start: '2025-07-07', horizonHours: 48, weather: { kind: 'synthetic', meanTemperature: 14 }, seed: 7 };

describe('sim service on the sample campus', () => {
  it('binds every room of the sample campus and runs in a worker, reporting progress', async () => {
    const progress: RunProgress[] = [];
    const listening = engine.sim.onDidProgress((event) => progress.push(event));
    const started = await engine.sim.startRun(week, { runId: 'week-a', baseline: true });
    expect(started).toMatchObject({ id: 'week-a', status: 'running', baseline: true, steps: 48, stepsDone: 0 });
    const done = await engine.sim.waitRun('week-a');
    listening.dispose();
    expect(done).toMatchObject({ status: 'succeeded', stepsDone: 48 });
    const roomCount = await engine.analytics.sql("SELECT count(*)::INTEGER FROM twins WHERE model = 'dtmi:twinbench:campus:Room;1'");
    expect(done.zones).toBe(roomCount.rows[0]![0]);
    expect(progress.at(-1)).toEqual({ runId: 'week-a', status: 'succeeded', stepsDone: 48, steps: 48 });
    const rows = await engine.analytics.sql("SELECT count(*)::INTEGER, count(DISTINCT zone_id)::INTEGER, min(time) FROM sim_results WHERE run_id = 'week-a'");
    expect(rows.rows[0]!.slice(0, 2)).toEqual([48 * done.zones, done.zones]);
    const kpis = await engine.sim.kpis('week-a');
    expect(kpis.energyKwh.total).toBeGreaterThan(0);
    expect(kpis.occupiedHours).toBeGreaterThan(0);
  }, 60_000);

  it('keeps the sample campus comfortable in a summer week: VAVs sized for their rooms, blinds down in strong sun', async () => {
    const summer: Scenario = { id: 'summer', start: '2025-07-07', horizonHours: 168, weather: { kind: 'synthetic', seed: 3 } };
    await engine.sim.waitRun((await engine.sim.startRun(summer, { runId: 'summer' })).id);
    const sql = `SELECT count(*)::INTEGER, count(*) FILTER (WHERE operative_temperature > 28)::INTEGER, count(*) FILTER (WHERE operative_temperature > 30)::INTEGER,
      count(*) FILTER (WHERE ppd < 15)::INTEGER, avg(air_temperature) FROM sim_results WHERE run_id = 'summer' AND occupants > 0`;
    const [occupied, over28, over30, ppdBelow15, meanAir] = (await engine.analytics.sql(sql)).rows[0] as number[];
    expect(occupied).toBeGreaterThan(1000);
    expect(over28! / occupied!).toBeLessThan(0.01);
    expect(over30).toBe(0);
    expect(ppdBelow15! / occupied!).toBeGreaterThan(0.8);
    expect(meanAir).toBeGreaterThan(24);
    expect(meanAir).toBeLessThan(26);
  }, 60_000);

  it('gives the same results for the same seed, and compares two runs', async () => {
    const failed: Scenario = { ...week, id: 'ahu-fails', interventions: [{ at: 0, kind: 'fail', target: 'campus-b001-ahu1' }] };
    await engine.sim.waitRun((await engine.sim.startRun(week, { runId: 'week-b' })).id);
    await engine.sim.waitRun((await engine.sim.startRun(failed, { runId: 'week-failed' })).id);
    const same = await engine.sim.compareRuns('week-a', 'week-b');
    expect(same.kpis.every((line) => line.delta === 0 || Number.isNaN(line.delta))).toBe(true);
    expect(same.zones.every((zone) => zone.maxTemperatureDifference === 0)).toBe(true);
    const differs = await engine.sim.compareRuns('week-a', 'week-failed');
    expect(differs.kpis.find((line) => line.kpi === 'energy.fans')!.delta).toBeLessThan(0);
    expect(differs.zones.some((zone) => zone.maxTemperatureDifference > 0)).toBe(true);
  }, 60_000);

  it('reads chosen zones of a run over time, step by step or averaged into buckets', async () => {
    const zones = await engine.sim.runZones('week-a');
    expect(zones).toHaveLength((await engine.sim.getRun('week-a')).zones);
    const chosen = zones.slice(0, 2);
    const sql = `SELECT zone_id, step, operative_temperature FROM sim_results WHERE run_id = 'week-a' AND zone_id IN ('${chosen.join("','")}') ORDER BY step`;
    const stored = (await engine.analytics.sql(sql)).rows;
    const series = await engine.sim.zoneSeries('week-a', { zones: chosen, quantity: 'operativeTemperature' });
    expect(series).toMatchObject({ runId: 'week-a', quantity: 'operativeTemperature', unit: '°C', start: '2025-07-07T00:00:00.000Z' });
    expect(series.hours).toEqual(Array.from({ length: 48 }, (_, i) => i));
    expect(series.zones.map((line) => line.zone)).toEqual(chosen);
    for (const line of series.zones) expect(line.values).toEqual(stored.filter((row) => row[0] === line.zone).map((row) => row[2]));
    const buckets = await engine.sim.zoneSeries('week-a', { zones: [chosen[0]!], quantity: 'co2', maxPoints: 10 });
    expect(buckets.hours).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45]);
    const co2 = (await engine.analytics.sql(`SELECT co2 FROM sim_results WHERE run_id = 'week-a' AND zone_id = '${chosen[0]}' ORDER BY step`)).rows.map((row) => row[0] as number);
    expect(buckets.zones[0]!.values[9]).toBeCloseTo((co2[45]! + co2[46]! + co2[47]!) / 3, 9);
    await expect(engine.sim.zoneSeries('week-a', { zones: ['nowhere'], quantity: 'co2' })).rejects.toMatchObject({ code: ErrorCode.NotFound, message: 'Run week-a has no zone nowhere.' });
    await expect(engine.sim.zoneSeries('week-a', { zones: chosen, quantity: 'wind' as 'co2' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('gives one quantity of a run per zone per step in one call, as stored', async () => {
    const run = await engine.sim.getRun('week-a');
    const values = await engine.sim.zoneValues('week-a', { quantity: 'airTemperature' });
    expect([values.zones.length, values.steps, values.values.length, values.startTime, values.stepMinutes]).toEqual([run.zones, 48, run.zones * 48, '2025-07-07T00:00:00.000Z', 60]);
    const zone = values.zones[3]!;
    const stored = await engine.analytics.sql(`SELECT air_temperature FROM sim_results WHERE run_id = 'week-a' AND zone_id = '${zone}' ORDER BY step`);
    expect(values.values.filter((_, i) => i % run.zones === 3)).toEqual(stored.rows.map((row) => row[0]));
  }, 60_000);

  it('cancels a running run', async () => {
    const year: Scenario = { ...week, id: 'year', start: '2025-01-01', horizonHours: 8760 };
    const started = await engine.sim.startRun(year, { runId: 'year-cancelled' });
    await new Promise<void>((done) => {
      const listening = engine.sim.onDidProgress((event) => {
        if (event.runId === started.id && event.stepsDone > 0) {
          listening.dispose();
          done();
        }
      });
    });
    await engine.sim.cancelRun(started.id);
    const finished = await engine.sim.waitRun(started.id);
    expect(finished.status).toBe('cancelled');
    expect(finished.error?.code).toBe(ErrorCode.Cancelled);
    expect(finished.stepsDone).toBeLessThan(8760);
    expect((await engine.sim.getRun(started.id)).status).toBe('cancelled');
  }, 60_000);

  it('exports results to CSV and Parquet, refusing to overwrite without force', async () => {
    const csv = join(root, 'week-a.csv');
    const { rows } = await engine.sim.exportRun('week-a', { path: csv, format: 'csv' });
    const run = await engine.sim.getRun('week-a');
    expect(rows).toBe(48 * run.zones);
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('run_id,step,time,zone_id,air_temperature,operative_temperature,mass_temperature,co2,occupants,pmv,ppd,heating_power,cooling_power,heating_input_power,cooling_input_power,fan_power,lighting_power,equipment_power');
    expect(lines).toHaveLength(rows + 1);
    await expect(engine.sim.exportRun('week-a', { path: csv, format: 'csv' })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    const parquet = join(root, 'week-a.parquet');
    expect((await engine.sim.exportRun('week-a', { path: parquet, format: 'parquet' })).rows).toBe(rows);
    expect((await readFile(parquet)).subarray(0, 4).toString()).toBe('PAR1');
    expect((await engine.sim.exportRun('week-a', { path: csv, format: 'csv', force: true })).rows).toBe(rows);
  }, 60_000);

  it('lists runs newest first and deletes one', async () => {
    const ids = (await engine.sim.listRuns()).map((run) => run.id);
    expect(ids).toEqual(expect.arrayContaining(['week-a', 'week-b', 'week-failed', 'year-cancelled']));
    await engine.sim.deleteRun('week-b');
    await expect(engine.sim.getRun('week-b')).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});

describe('bad input stops before a run', () => {
  it('names missing twins, with their paths', async () => {
    const scenario: Scenario = { ...week, interventions: [{ at: 1, kind: 'fail', target: 'campus-b009-ahu1' }] };
    expect(await engine.sim.validateScenario(scenario)).toEqual([{ path: 'interventions[0].target', message: 'there is no twin campus-b009-ahu1' }]);
    await expect(engine.sim.startRun(scenario)).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
  });

  it('refuses a negative horizon and a step that does not divide the hour', async () => {
    await expect(engine.sim.startRun({ ...week, horizonHours: -1, stepMinutes: 25 })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      details: { problems: [{ path: 'horizonHours', message: 'must be > 0 (got -1)' }, expect.objectContaining({ path: 'stepMinutes' })] },
    });
  });

  it('refuses a truncated EPW file, naming the file and the line', async () => {
    const epw = join(root, 'short.epw');
    const header = ['LOCATION,Test,,,,,47,8,1,400', 'DESIGN CONDITIONS,0', 'TYPICAL/EXTREME PERIODS,0', 'GROUND TEMPERATURES,0', 'HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0', 'COMMENTS 1,', 'COMMENTS 2,', 'DATA PERIODS,1,1,Data,Sunday,1/1,12/31'];
    await writeFile(epw, `${header.join('\n')}\n`);
    const problems = await engine.sim.validateScenario({ ...week, weather: { kind: 'epw', path: epw } });
    expect(problems).toEqual([{ path: 'weather.path', message: expect.stringMatching(/^weather\.path: .*short\.epw: EPW line 9: /) as unknown as string }]);
  });

  it('refuses non-physical twin properties, located by twin and property', async () => {
    await engine.twins.update('campus-b001-f00-r001', [{ op: 'replace', path: '/area', value: -3 }])
    const problems = await engine.sim.validateScenario(week);
    await engine.twins.update('campus-b001-f00-r001', [{ op: 'replace', path: '/area', value: 20 }])
    expect(problems.some((problem) => problem.path === 'twins.campus-b001-f00-r001.area')).toBe(true);
  });
});

describe('scenarios and the mapping are workspace data', () => {
  it('stores, lists, reads and deletes scenarios', async () => {
    await engine.sim.putScenario(week);
    expect(await engine.sim.listScenarios()).toEqual([week]);
    expect(await engine.sim.getScenario('week')).toEqual(week);
    const settings = JSON.parse(await readFile(join(root, 'ws', 'workspace.json'), 'utf8')) as { sim: { scenarios: Scenario[] } };
    expect(settings.sim.scenarios).toEqual([week]);
    await engine.sim.deleteScenario('week');
    await expect(engine.sim.getScenario('week')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(engine.sim.putScenario({ ...week, horizonHours: 0 })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('edits the mapping and goes back to the default', async () => {
    expect(await engine.sim.getMapping()).toEqual(defaultSimMapping);
    const edited = { ...defaultSimMapping, coolingCop: 4.2 };
    await engine.sim.putMapping(edited);
    expect(await engine.sim.getMapping()).toEqual(edited);
    await expect(engine.sim.putMapping({ ...edited, zoneModels: [] })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    expect(await engine.sim.resetMapping()).toEqual(defaultSimMapping);
    expect(await engine.sim.getMapping()).toEqual(defaultSimMapping);
  });
});

describe('scenarios that start from a saved snapshot', () => {
  const day: Scenario = { ...week, id: 'day', horizonHours: 24 };
  const room = 'campus-b001-f00-r002';

  it('runs on the graph as it was saved, not as it is now', async () => {
    const twinCount = (await engine.analytics.sql('SELECT count(*)::INTEGER FROM twins')).rows[0]![0];
    const saved = await engine.sim.saveSnapshot('before');
    expect(saved).toMatchObject({ name: 'before', twins: twinCount });
    expect(saved.relationships).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(join(root, 'ws', 'snapshots', 'before.json'), 'utf8'))).toMatchObject({ format: 1, name: 'before' });
    await engine.sim.waitRun((await engine.sim.startRun(day, { runId: 'day-live-before' })).id);
    const area = (await engine.twins.get(room)).area as number;
    await engine.twins.update(room, [{ op: 'replace', path: '/area', value: 3 * area }]);
    try {
      await engine.sim.waitRun((await engine.sim.startRun({ ...day, from: { snapshot: 'before' } }, { runId: 'day-snapshot' })).id);
      await engine.sim.waitRun((await engine.sim.startRun(day, { runId: 'day-live-after' })).id);
    } finally {
      await engine.twins.update(room, [{ op: 'replace', path: '/area', value: area }]);
    }
    const fromSnapshot = await engine.sim.compareRuns('day-live-before', 'day-snapshot');
    expect(fromSnapshot.kpis.every((line) => line.delta === 0 || Number.isNaN(line.delta))).toBe(true);
    expect(fromSnapshot.zones.every((zone) => zone.maxTemperatureDifference === 0 && zone.energyKwhA === zone.energyKwhB)).toBe(true);
    const live = await engine.sim.compareRuns('day-live-before', 'day-live-after');
    expect(live.zones.find((zone) => zone.zone === room)!.energyKwhB).not.toBe(live.zones.find((zone) => zone.zone === room)!.energyKwhA);
  }, 120_000);

  it('refuses to overwrite a snapshot unless asked, lists and deletes snapshots', async () => {
    await expect(engine.sim.saveSnapshot('before')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    const replaced = await engine.sim.saveSnapshot('before', { replace: true });
    expect((await engine.sim.listSnapshots()).map((info) => info.name)).toEqual(['before']);
    expect(await engine.sim.listSnapshots()).toEqual([replaced]);
    await expect(engine.sim.saveSnapshot('no spaces')).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await engine.sim.deleteSnapshot('before');
    expect(await engine.sim.listSnapshots()).toEqual([]);
    await expect(engine.sim.deleteSnapshot('before')).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('names a missing snapshot before the run starts', async () => {
    const scenario: Scenario = { ...day, from: { snapshot: 'gone' } };
    expect(await engine.sim.validateScenario(scenario)).toEqual([{ path: 'from.snapshot', message: 'There is no snapshot gone; save one with twinbench snapshot save gone.' }]);
    await expect(engine.sim.startRun(scenario, { runId: 'never' })).rejects.toMatchObject({ code: ErrorCode.NotFound, details: { snapshot: 'gone', path: 'from.snapshot' } });
    await expect(engine.sim.getRun('never')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(await engine.sim.validateScenario({ ...day, from: { snapshot: 'a b' } })).toEqual([{ path: 'from.snapshot', message: 'must be the name of a saved snapshot (got "a b")' }]);
  });
});
