import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../../src-shared/contract';
import { createEngine, ErrorCode, type Engine } from '../../../src-main/engine';
import { HistoryStore } from '../../../src-main/engine/history';

let root: string;
let engine: Engine;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-rules-'));
  engine = await createEngine({ workspace: join(root, 'ws'), resourcesDir: resolve(import.meta.dirname, '../../../resources') });
  await engine.jobs.wait((await engine.jobs.startSample('campus', { world: 'campus' })).id);
}, 90_000);
afterEach(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
}, 90_000);

const sensorOf = async (model: string) => {
  const page = await engine.query.run(`SELECT S.$dtId AS sensor, R.$dtId AS room FROM DIGITALTWINS S JOIN R RELATED S.observes WHERE IS_OF_MODEL(S, '${model}') AND IS_OF_MODEL(R, 'dtmi:twinbench:campus:Room;1')`, { pageSize: 1 });
  return page.items[0] as { sensor: string; room: string };
};

const eventually = async (check: () => Promise<boolean>) => {
  for (let waited = 0; !(await check()); waited += 25) {
    if (waited > 10_000) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 25));
  }
};

describe('telemetry rules', () => {
  it('come with the sample campus and turn sensor readings into room state', async () => {
    expect((await engine.rules.list()).map((rule) => rule.id)).toEqual(['room-temperature', 'room-humidity', 'room-co2', 'room-occupancy', 'room-comfort', 'room-co2-alert', 'floor-comfort', 'building-comfort']);
    const { sensor, room } = await sensorOf('dtmi:twinbench:campus:TemperatureSensor;1');
    await engine.telemetry.publish(sensor, { temperature: 23.25 });
    await eventually(async () => (await engine.twins.get(room)).temperature === 23.25);
    const status = await engine.rules.status();
    expect([status.rules, status.applied, status.refused, status.failed]).toEqual([8, 3, 0, 0]);
    expect(status.perRule?.find((rule) => rule.id === 'room-temperature')).toEqual({ id: 'room-temperature', kind: 'telemetry', evaluations: 1, writes: 1, errors: 0 });
  });

  it('move every room of the campus with the synthetic devices, refusing nothing', async () => {
    await engine.ingest.startSynthetic({ intervalMs: 60_000, seed: 9 });
    await engine.ingest.stopSynthetic();
    await eventually(async () => (await engine.rules.status()).applied > 0);
    const status = await engine.rules.status();
    expect(status.refused).toBe(0);
    const rooms = await engine.query.run("SELECT COUNT() FROM DIGITALTWINS R WHERE IS_OF_MODEL(R, 'dtmi:twinbench:campus:Room;1') AND IS_NUMBER(R.temperature)");
    expect((rooms.items[0] as { COUNT: number }).COUNT).toBeGreaterThan(0);
  });

  it('are managed by the API and checked', async () => {
    await engine.rules.put({ id: 'self', fromModel: 'dtmi:twinbench:campus:TemperatureSensor;1', telemetry: 'temperature', via: 'observes', property: 'temperature' });
    expect((await engine.rules.list()).at(-1)).toEqual({ id: 'self', fromModel: 'dtmi:twinbench:campus:TemperatureSensor;1', telemetry: 'temperature', via: 'observes', property: 'temperature' });
    await expect(engine.rules.put({ id: 'lamp', fromModel: 'dtmi:twinbench:campus:Light;1', telemetry: 'power', property: 'lastPower' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: 'Rule lamp: dtmi:twinbench:campus:Light;1 has no property lastPower.' });
    await expect(engine.rules.put({ id: 'bad id!', fromModel: 'x', telemetry: 't', property: 'p' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await engine.rules.delete('self');
    await expect(engine.rules.delete('self')).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('derive nothing from readings that could not be stored, and keep the rest of their pass', async () => {
    const page = await engine.query.run(
      "SELECT S.$dtId AS sensor, R.$dtId AS room FROM DIGITALTWINS S JOIN R RELATED S.observes WHERE IS_OF_MODEL(S, 'dtmi:twinbench:campus:TemperatureSensor;1') AND IS_OF_MODEL(R, 'dtmi:twinbench:campus:Room;1')",
      { pageSize: 2 },
    );
    const [lost, kept] = page.items as { sensor: string; room: string }[];
    const before = (await engine.twins.get(lost!.room)).temperature;
    // The history refuses the first batch (a full disk, say); the second, published in the same turn, shares its rule pass.
    const refusal = vi.spyOn(HistoryStore.prototype, 'appendTelemetry').mockRejectedValueOnce(new EngineError(ErrorCode.Unavailable, 'The disk is full.'));
    const publishes = [engine.telemetry.publish(lost!.sensor, { temperature: 30.5 }), engine.telemetry.publish(kept!.sensor, { temperature: 19.75 })];
    await expect(publishes[0]).rejects.toMatchObject({ code: ErrorCode.Unavailable, message: 'The disk is full.' });
    expect(await publishes[1]).toEqual({ stored: 1, unknown: [] });
    expect(refusal).toHaveBeenCalledTimes(2);
    refusal.mockRestore();
    await eventually(async () => (await engine.twins.get(kept!.room)).temperature === 19.75);
    expect((await engine.twins.get(lost!.room)).temperature).toBe(before);
    expect((await engine.rules.trace(lost!.room, 'temperature')).map((entry) => entry.value)).not.toContain(30.5);
    expect((await engine.rules.trace(kept!.room, 'temperature')).map((entry) => entry.value)).toEqual([19.75]);
  });
}, 90_000);
