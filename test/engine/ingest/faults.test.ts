import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine, type TelemetryReading } from '../../../src-main/engine';
import { ingestEngine, until } from './fixtures';

const context = ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'];
const plant = [
  {
    '@context': context,
    '@id': 'dtmi:test:ingest:Ahu;1',
    '@type': 'Interface',
    contents: [
      { '@type': 'Telemetry', name: 'supplyAirTemperature', schema: 'double' },
      { '@type': 'Telemetry', name: 'airflow', schema: 'double' },
      { '@type': 'Relationship', name: 'serves' },
    ],
  },
  {
    '@context': context,
    '@id': 'dtmi:test:ingest:Vav;1',
    '@type': 'Interface',
    contents: [
      { '@type': 'Telemetry', name: 'airflow', schema: 'double' },
      { '@type': 'Relationship', name: 'serves' },
    ],
  },
];

let engine: Engine;
let dispose: () => Promise<void>;
let readings: TelemetryReading[];

beforeEach(async () => {
  ({ engine, dispose } = await ingestEngine());
  await engine.models.add(plant.map((model, i) => ({ name: `plant-${i}.json`, text: JSON.stringify(model) })));
  await engine.twins.upsert('ahu', { $metadata: { $model: 'dtmi:test:ingest:Ahu;1' } });
  await engine.twins.upsert('vav', { $metadata: { $model: 'dtmi:test:ingest:Vav;1' } });
  await engine.relationships.upsert('ahu', 'ahu-vav', { $targetId: 'vav', $relationshipName: 'serves' });
  await engine.relationships.upsert('vav', 'vav-r1', { $targetId: 'r1', $relationshipName: 'serves' });
  readings = [];
  engine.telemetry.onDidPublish((batch) => readings.push(...batch));
});
afterEach(() => dispose());

const value = (twinId: string, name: string, index = 0) => readings.filter((r) => r.twinId === twinId && r.name === name)[index]?.value as number;
const twoHoursAgo = () => new Date(Date.now() - 2 * 3_600_000).toISOString();

describe('injected faults of synthetic devices', () => {
  it('a failed AHU stops its airflow and its VAVs’, and the rooms they serve warm up 2 K an hour', async () => {
    await engine.ingest.startSynthetic({ intervalMs: 60_000, seed: 3 });
    const normal = { room: value('s1', 'temperature'), other: value('s2', 'temperature'), supply: value('ahu', 'supplyAirTemperature') };
    await engine.ingest.stopSynthetic();
    readings = [];
    const status = await engine.ingest.startSynthetic({ intervalMs: 60_000, seed: 3, faults: [{ kind: 'failedAhu', twinId: 'ahu', from: twoHoursAgo() }] });
    expect(status.faults).toEqual([{ kind: 'failedAhu', twinId: 'ahu', from: expect.any(String) }]);
    expect(value('ahu', 'airflow')).toBe(0);
    expect(value('vav', 'airflow')).toBe(0);
    expect(value('s1', 'temperature') - normal.room).toBeGreaterThan(3.5);
    expect(value('s1', 'temperature') - normal.room).toBeLessThan(4.5);
    expect(Math.abs(value('s2', 'temperature') - normal.other)).toBeLessThan(0.5);
    expect(value('ahu', 'supplyAirTemperature')).toBeGreaterThan(normal.supply);
  });

  it('a stuck sensor repeats one reading while the others keep moving, and the fault is remembered', async () => {
    await engine.ingest.startSynthetic({ intervalMs: 100, seed: 5, faults: [{ kind: 'stuckSensor', twinId: 's1', telemetry: 'temperature', from: twoHoursAgo() }] });
    await until(() => readings.filter((r) => r.twinId === 's1' && r.name === 'temperature').length >= 3);
    expect(value('s1', 'temperature', 1)).toBe(value('s1', 'temperature', 0));
    expect(value('s1', 'temperature', 2)).toBe(value('s1', 'temperature', 0));
    expect(new Set([value('s1', 'battery', 0), value('s1', 'battery', 1), value('s1', 'battery', 2)]).size).toBeGreaterThan(1);
    expect((await engine.ingest.status()).faults).toMatchObject([{ kind: 'stuckSensor', twinId: 's1', telemetry: 'temperature' }]);
  });

  it('refuses faults on missing twins, unknown kinds and windows that end before they begin', async () => {
    await expect(engine.ingest.startSynthetic({ faults: [{ kind: 'failedAhu', twinId: 'nope' }] })).rejects.toMatchObject({ code: ErrorCode.TwinNotFound, message: 'Fault 1: there is no twin nope.' });
    await expect(engine.ingest.startSynthetic({ faults: [{ kind: 'melted', twinId: 'ahu' } as never] })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.ingest.startSynthetic({ faults: [{ kind: 'failedAhu', twinId: 'ahu', from: '2026-11-28T10:00:00Z', until: '2026-11-28T09:00:00Z' }] })).rejects.toMatchObject({
      message: 'Fault 1: "until" must come after "from".',
    });
  });
});
