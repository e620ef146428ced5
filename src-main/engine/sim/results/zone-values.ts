// One quantity of a stored run for many zones and steps, read in one query and laid out step by
// step, so the 3D view can replay a run hour by hour and colour by the difference of two runs.
import { EngineError, ErrorCode, runQuantities, type RunQuantity, type Scenario, type ZoneValues, type ZoneValuesRequest } from '../../../../src-shared/contract';
import type { ResultColumn } from '../runner/result-columns';
import { startTime } from '../runner/step-table';
import type { RunStore } from './run-store';

/** Most values one call returns; a longer replay reads the run in pages of steps. */
export const maxZoneValues = 2_000_000;

/** `operativeTemperature` → `operative_temperature`. */
const columnOf = (quantity: RunQuantity) => quantity.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as ResultColumn;

function checkedStep(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) throw new EngineError(ErrorCode.InvalidArgument, `"${name}" must be a whole number from 0 to ${max}; got ${JSON.stringify(value)}.`, { [name]: value });
  return value;
}

/** The values of one quantity of a run: zone z at step fromStep + s is values[s · zones + z]. */
export async function zoneValues(store: RunStore, runId: string, request: ZoneValuesRequest): Promise<ZoneValues> {
  if (!runQuantities.includes(request?.quantity)) {
    throw new EngineError(ErrorCode.InvalidArgument, `Unknown run quantity ${JSON.stringify(request?.quantity)}; use one of ${runQuantities.join(', ')}.`, { quantity: request?.quantity });
  }
  const run = await store.get(runId);
  const fromStep = checkedStep('fromStep', request.fromStep, 0, run.stepsDone);
  const steps = checkedStep('steps', request.steps, run.stepsDone - fromStep, run.stepsDone - fromStep);
  const runZones = (await store.query('SELECT zone_id FROM sim_zones WHERE run_id = ? ORDER BY zone_index', [runId])).map((row) => String(row[0]));
  const wanted = request.zones ? new Set(request.zones) : null;
  const zones = wanted ? runZones.filter((zone) => wanted.has(zone)) : runZones;
  if (zones.length * steps > maxZoneValues) {
    throw new EngineError(ErrorCode.InvalidArgument, `${zones.length} zones × ${steps} steps is more than ${maxZoneValues.toLocaleString('en')} values; ask for fewer steps at a time.`, { zones: zones.length, steps });
  }
  // Position in the answer of each of the run's zones (by zone index), or -1 when not asked for.
  const position = new Int32Array(runZones.length).fill(-1);
  const asked = new Map(zones.map((zone, i) => [zone, i]));
  runZones.forEach((zone, index) => (position[index] = asked.get(zone) ?? -1));
  const values: (number | null)[] = new Array<number | null>(zones.length * steps).fill(null);
  const rows = await store.query(`SELECT step, zone_index, ${columnOf(request.quantity)} FROM sim_values WHERE run_key = ? AND step >= ? AND step < ?`, [
    await store.key(runId),
    fromStep,
    fromStep + steps,
  ]);
  for (const [step, zone, value] of rows) {
    const z = position[Number(zone)] ?? -1;
    if (z >= 0 && value !== null) values[(Number(step) - fromStep) * zones.length + z] = Number(value);
  }
  const [[scenario]] = (await store.query('SELECT scenario FROM sim_runs WHERE run_id = ?', [runId])) as [[unknown]];
  const start = startTime(JSON.parse(String(scenario)) as Scenario) + fromStep * run.stepMinutes * 60_000;
  return { runId, quantity: request.quantity, zones, fromStep, steps, startTime: new Date(start).toISOString(), stepMinutes: run.stepMinutes, values };
}
