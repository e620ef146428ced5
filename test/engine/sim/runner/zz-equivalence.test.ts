import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { generateWorld, physics, type Scenario } from '../../../../src-main/engine';
import { bindGraph } from '../../../../src-main/engine/sim/binding/bind-graph';
import { defaultSimMapping } from '../../../../src-main/engine/sim/binding/default-mapping';
import type { GraphSnapshot } from '../../../../src-main/engine/sim/binding/graph-snapshot';
import { resultColumns } from '../../../../src-main/engine/sim/runner/result-columns';
import { runKernel } from '../../../../src-main/engine/sim/runner/sim-kernel';

it('dumps', () => {
  const world = generateWorld('campus', { scale: 1 });
  const twins = new Map<string, Record<string, unknown>>();
  for (const twin of world.twins) twins.set(twin.$dtId, twin);
  const edges = new Map<string, { name: string; target: string }[]>();
  for (const r of world.relationships) edges.set(r.$sourceId, [...(edges.get(r.$sourceId) ?? []), { name: r.$relationshipName, target: r.$targetId }]);
  const snapshot: GraphSnapshot = { twinsOf: (models) => new Map([...twins].filter(([, t]) => models.includes((t.$metadata as { $model: string }).$model))), exists: (id) => twins.has(id), edges };
  const scenario: Scenario = { id: 'eq', start: '2025-03-01', horizonHours: 24 * 60, stepMinutes: 30, weather: { kind: 'synthetic' }, seed: 5,
    interventions: [{ at: 100, kind: 'offsetOutdoorTemperature', kelvin: 8, until: 400 }, { at: 200, kind: 'scaleOccupancy', factor: 2 }, { at: 300, kind: 'set', target: [...twins.keys()].find((id) => /r001$/.test(id))!, property: 'ventilationAch', value: 4 }] };
  const model = bindGraph(snapshot, defaultSimMapping, scenario);
  const weather = physics.syntheticWeather({ seed: 1, stepsPerHour: 2 });
  const out: Record<string, number[]> = {};
  for (const name of resultColumns) out[name] = [];
  runKernel(model, { scenario, weather, chunkSteps: 37 }, { onChunk: (c) => { for (const name of resultColumns) out[name]!.push(...c.columns[name]); } });
  const file = '/tmp/simspeed/reference.json';
  if (!existsSync(file)) { writeFileSync(file, JSON.stringify(out)); console.log('written', model.zones.length); return; }
  const ref = JSON.parse(readFileSync(file, 'utf8')) as Record<string, (number | null)[]>;
  for (const name of resultColumns) {
    let max = 0; let nanMismatch = 0;
    ref[name]!.forEach((v, i) => { const w = out[name]![i]!; const a = v === null ? NaN : v; if (Number.isNaN(a) !== Number.isNaN(w)) nanMismatch++; else if (!Number.isNaN(a)) max = Math.max(max, Math.abs(a - w)); });
    console.log(name, 'maxdiff', max, 'nan mismatches', nanMismatch, 'n', ref[name]!.length);
  }
});
