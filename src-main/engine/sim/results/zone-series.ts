// Chosen zones of a run over time, for charts: one query, bucketed so a year stays a few thousand points.
import { EngineError, ErrorCode, type Scenario, type ZoneQuantity, type ZoneSeries, type ZoneSeriesRequest } from '../../../../src-shared/contract';
import type { ResultColumn } from '../runner/result-columns';
import { startTime } from '../runner/step-table';
import type { RunStore } from './run-store';

const quantities: Readonly<Record<ZoneQuantity, { readonly column: ResultColumn; readonly unit: string }>> = {
  airTemperature: { column: 'air_temperature', unit: '°C' },
  operativeTemperature: { column: 'operative_temperature', unit: '°C' },
  co2: { column: 'co2', unit: 'ppm' },
  ppd: { column: 'ppd', unit: '%' },
  occupants: { column: 'occupants', unit: 'persons' },
  heatingPower: { column: 'heating_power', unit: 'W' },
  coolingPower: { column: 'cooling_power', unit: 'W' },
};

/** Most zones one request may chart. */
const maxZones = 50;

/** The zones of a stored run, in their order. */
export async function runZones(store: RunStore, runId: string): Promise<string[]> {
  await store.get(runId);
  return (await store.query('SELECT zone_id FROM sim_zones WHERE run_id = ? ORDER BY zone_index', [runId])).map((row) => String(row[0]));
}

function checkRequest(request: ZoneSeriesRequest): { zones: readonly string[]; column: ResultColumn; unit: string; maxPoints: number } {
  const quantity = Object.hasOwn(quantities, request?.quantity) ? quantities[request.quantity] : undefined;
  if (!quantity) throw new EngineError(ErrorCode.InvalidArgument, `Unknown quantity ${JSON.stringify(request?.quantity)}; use one of ${Object.keys(quantities).join(', ')}.`, { path: 'quantity' });
  const zones = request.zones;
  if (!Array.isArray(zones) || zones.length === 0 || zones.length > maxZones || !zones.every((zone) => typeof zone === 'string')) {
    throw new EngineError(ErrorCode.InvalidArgument, `Name 1 to ${maxZones} zones (twin ids) to read.`, { path: 'zones' });
  }
  const maxPoints = request.maxPoints ?? 2_000;
  if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > 100_000) throw new EngineError(ErrorCode.InvalidArgument, `maxPoints is a whole number from 2 to 100,000; got ${JSON.stringify(maxPoints)}.`, { path: 'maxPoints' });
  return { zones, ...quantity, maxPoints };
}

/** Reads chosen zones of a run, one point per step or, for long runs, the mean of each bucket of steps. */
export async function zoneSeries(store: RunStore, runId: string, request: ZoneSeriesRequest): Promise<ZoneSeries> {
  const { zones, column, unit, maxPoints } = checkRequest(request);
  const run = await store.get(runId);
  const known = new Set(await runZones(store, runId));
  const missing = zones.find((zone) => !known.has(zone));
  if (missing !== undefined) throw new EngineError(ErrorCode.NotFound, `Run ${runId} has no zone ${missing}.`, { runId, zone: missing });
  const bucket = Math.max(1, Math.ceil(run.stepsDone / maxPoints));
  const rows = await store.query(
    `SELECT z.zone_id, v.step // ${bucket} AS b, avg(v.${column}) FROM sim_values v JOIN sim_zones z ON z.run_id = ? AND z.zone_index = v.zone_index
      WHERE v.run_key = ? AND z.zone_id IN (${zones.map(() => '?').join(', ')}) GROUP BY z.zone_id, b`,
    [runId, await store.key(runId), ...zones],
  );
  const points = Math.ceil(run.stepsDone / bucket);
  const hours = Array.from({ length: points }, (_, i) => (i * bucket * run.stepMinutes) / 60);
  const lines = new Map(zones.map((zone) => [zone, new Array<number | null>(points).fill(null)]));
  for (const [zone, b, value] of rows) lines.get(String(zone))![Number(b)] = value === null ? null : Number(value);
  const [scenario] = await store.query('SELECT scenario FROM sim_runs WHERE run_id = ?', [runId]);
  const start = new Date(startTime(JSON.parse(String(scenario![0])) as Scenario)).toISOString();
  return { runId, quantity: request.quantity, unit, start, hours, zones: zones.map((zone) => ({ zone, values: lines.get(zone)! })) };
}
