import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src-main/engine';

const context = ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'];

/** A room with a temperature property and telemetry (both °C), and a sensor that observes it. */
export const ingestModels = [
  {
    '@context': context,
    '@id': 'dtmi:test:ingest:Room;1',
    '@type': 'Interface',
    contents: [
      { '@type': ['Property', 'Temperature'], name: 'temperature', schema: 'double', unit: 'degreeCelsius', writable: true },
      { '@type': ['Telemetry', 'Temperature'], name: 'airTemperature', schema: 'double', unit: 'degreeCelsius' },
      { '@type': 'Property', name: 'status', schema: 'string', writable: true },
      { '@type': 'Telemetry', name: 'occupancy', schema: 'integer' },
      { '@type': 'Component', name: 'thermostat', schema: 'dtmi:test:ingest:Thermostat;1' },
    ],
  },
  {
    '@context': context,
    '@id': 'dtmi:test:ingest:Thermostat;1',
    '@type': 'Interface',
    contents: [{ '@type': ['Telemetry', 'Temperature'], name: 'setpoint', schema: 'double', unit: 'degreeCelsius' }],
  },
  {
    '@context': context,
    '@id': 'dtmi:test:ingest:Sensor;1',
    '@type': 'Interface',
    contents: [
      { '@type': ['Telemetry', 'Temperature'], name: 'temperature', schema: 'double', unit: 'degreeCelsius' },
      { '@type': 'Telemetry', name: 'battery', schema: 'double' },
      { '@type': 'Relationship', name: 'observes', target: 'dtmi:test:ingest:Room;1' },
    ],
  },
];

/** An engine on a temporary workspace with the ingest models, rooms r1 and r2 and sensors s1 (observes r1) and s2 (observes r2). */
export async function ingestEngine(): Promise<{ engine: Engine; root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'twinbench-ingest-'));
  const engine = await createEngine({ workspace: join(root, 'ws') });
  await engine.models.add(ingestModels.map((model, i) => ({ name: `model-${i}.json`, text: JSON.stringify(model) })));
  for (const room of ['r1', 'r2']) await engine.twins.upsert(room, { $metadata: { $model: 'dtmi:test:ingest:Room;1' }, thermostat: { $metadata: {} } });
  for (const [sensor, room] of [['s1', 'r1'], ['s2', 'r2']] as const) {
    await engine.twins.upsert(sensor, { $metadata: { $model: 'dtmi:test:ingest:Sensor;1' } });
    await engine.relationships.upsert(sensor, `${sensor}-observes`, { $targetId: room, $relationshipName: 'observes' });
  }
  return {
    engine,
    root,
    dispose: async () => {
      await engine.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Telemetry rows stored for a twin, oldest first. */
export async function storedTelemetry(engine: Engine, twinId: string): Promise<{ name: string; value: unknown; sourceTime: string | null }[]> {
  const result = await engine.analytics.sql(`SELECT name, value, source_time FROM telemetry WHERE twin_id = '${twinId}' ORDER BY time, name`);
  return result.rows.map(([name, value, sourceTime]) => ({ name: String(name), value, sourceTime: sourceTime === null ? null : String(sourceTime) }));
}

/** Waits until `check` holds, or fails after `ms`. */
export async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
