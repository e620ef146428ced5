// Key figures of a run and the comparison of two, computed by SQL over sim_values (one run's rows
// found by its number; zone ids joined to the per-zone figures, not to every row).
import type { KpiDelta, RunComparison, RunKpis, ZoneDelta } from '../../../../src-shared/contract';
import type { RunStore, StoredRun } from './run-store';

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Per-zone figures of one run (parameters: its number, then its id): energy, occupied hours outside the band, peak operative temperature. */
function zoneFigures(run: StoredRun): string {
  const h = run.stepMinutes / 60;
  return `SELECT z.zone_id, f.energy, f.outside, f.peak FROM (
      SELECT zone_index,
        sum(heating_input_power + cooling_input_power + fan_power + lighting_power + equipment_power) * ${h} / 1000 AS energy,
        coalesce(sum(CASE WHEN occupants > 0 AND (operative_temperature < ${run.comfortBand.min} OR operative_temperature > ${run.comfortBand.max}) THEN ${h} ELSE 0 END), 0) AS outside,
        max(operative_temperature) AS peak
      FROM sim_values WHERE run_key = ? GROUP BY zone_index
    ) f JOIN sim_zones z ON z.run_id = ? AND z.zone_index = f.zone_index`;
}

/** A run's operative temperature by zone index and time in microseconds (parameters: its id, then its number). */
const operativeTemperatures = `SELECT v.zone_index, epoch_us(r.start_time) + v.step::BIGINT * r.step_minutes * 60000000 AS t, v.operative_temperature AS value
  FROM sim_values v JOIN sim_runs r ON r.run_id = ? WHERE v.run_key = ?`;

/** The KPIs of a stored run (see docs/simulation.md for each definition). */
export async function runKpis(store: RunStore, runId: string): Promise<RunKpis> {
  const run = await store.get(runId);
  const key = await store.key(runId);
  const h = run.stepMinutes / 60;
  const { min, max } = run.comfortBand;
  const [totals] = await store.query(
    `SELECT
      sum(heating_input_power) * ${h} / 1000, sum(cooling_input_power) * ${h} / 1000, sum(fan_power) * ${h} / 1000,
      sum(lighting_power) * ${h} / 1000, sum(equipment_power) * ${h} / 1000,
      sum(CASE WHEN occupants > 0 AND (operative_temperature < ${min} OR operative_temperature > ${max}) THEN ${h} ELSE 0 END),
      sum(CASE WHEN occupants > 0 THEN ${h} ELSE 0 END),
      sum(greatest(coalesce(co2, 0) - 1000, 0)) * ${h},
      sum(CASE WHEN occupants > 0 AND ppd < 10 THEN ${h} ELSE 0 END),
      sum(CASE WHEN occupants > 0 AND ppd >= 10 AND ppd < 15 THEN ${h} ELSE 0 END),
      sum(CASE WHEN occupants > 0 AND ppd >= 15 AND ppd < 25 THEN ${h} ELSE 0 END),
      sum(CASE WHEN occupants > 0 AND ppd >= 25 THEN ${h} ELSE 0 END),
      sum(CASE WHEN occupants > 0 AND ppd IS NULL THEN ${h} ELSE 0 END)
    FROM sim_values WHERE run_key = ?`,
    [key],
  );
  const t = (totals ?? []).map(num);
  const [peak] = await store.query(
    `SELECT operative_temperature, zone_id, strftime(time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') FROM sim_results
      WHERE run_id = ? AND operative_temperature = (SELECT max(operative_temperature) FROM sim_values WHERE run_key = ?) ORDER BY step, zone_id LIMIT 1`,
    [runId, key],
  );
  const energy = { heating: t[0]!, cooling: t[1]!, fans: t[2]!, lighting: t[3]!, equipment: t[4]! };
  return {
    runId,
    energyKwh: { ...energy, total: energy.heating + energy.cooling + energy.fans + energy.lighting + energy.equipment },
    hoursOutsideComfort: t[5]!,
    occupiedHours: t[6]!,
    peakTemperature: peak ? { value: num(peak[0]), zone: String(peak[1]), time: String(peak[2]) } : null,
    co2PpmHoursOver1000: t[7]!,
    ppdHours: { below10: t[8]!, from10to15: t[9]!, from15to25: t[10]!, atLeast25: t[11]!, invalid: t[12]! },
  };
}

function deltas(a: RunKpis, b: RunKpis): KpiDelta[] {
  const line = (kpi: string, unit: string, va: number, vb: number): KpiDelta => ({ kpi, unit, a: va, b: vb, delta: vb - va });
  return [
    ...(['heating', 'cooling', 'fans', 'lighting', 'equipment', 'total'] as const).map((use) => line(`energy.${use}`, 'kWh', a.energyKwh[use], b.energyKwh[use])),
    line('hoursOutsideComfort', 'zone-h', a.hoursOutsideComfort, b.hoursOutsideComfort),
    line('occupiedHours', 'zone-h', a.occupiedHours, b.occupiedHours),
    line('peakTemperature', '°C', a.peakTemperature?.value ?? Number.NaN, b.peakTemperature?.value ?? Number.NaN),
    line('co2PpmHoursOver1000', 'ppm·h', a.co2PpmHoursOver1000, b.co2PpmHoursOver1000),
    ...(['below10', 'from10to15', 'from15to25', 'atLeast25', 'invalid'] as const).map((band) => line(`ppdHours.${band}`, 'zone-h', a.ppdHours[band], b.ppdHours[band])),
  ];
}

/** KPI table with deltas (b − a) and per-zone differences of two runs; zones in either run appear. */
export async function compareRuns(store: RunStore, a: string, b: string): Promise<RunComparison> {
  const [kpisA, kpisB] = [await runKpis(store, a), await runKpis(store, b)];
  const [runA, runB] = [await store.get(a), await store.get(b)];
  const [keyA, keyB] = [await store.key(a), await store.key(b)];
  const rows = await store.query(
    `WITH fa AS (${zoneFigures(runA)}), fb AS (${zoneFigures(runB)}),
      ta AS (${operativeTemperatures}), tb AS (${operativeTemperatures}),
      pairs AS (SELECT za.zone_id, za.zone_index AS ia, zb.zone_index AS ib FROM sim_zones za JOIN sim_zones zb ON zb.run_id = ? AND zb.zone_id = za.zone_id WHERE za.run_id = ?),
      diff AS (
        SELECT pairs.zone_id, max(abs(tb.value - ta.value)) AS max_diff
        FROM ta JOIN pairs ON pairs.ia = ta.zone_index JOIN tb ON tb.zone_index = pairs.ib AND tb.t = ta.t GROUP BY pairs.zone_id
      )
    SELECT coalesce(fa.zone_id, fb.zone_id) AS zone, fa.energy, fb.energy, fa.outside, fb.outside, fa.peak, fb.peak, diff.max_diff
    FROM fa FULL OUTER JOIN fb ON fa.zone_id = fb.zone_id LEFT JOIN diff ON diff.zone_id = coalesce(fa.zone_id, fb.zone_id)
    ORDER BY zone`,
    [keyA, a, keyB, b, a, keyA, b, keyB, b, a],
  );
  const zones: ZoneDelta[] = rows.map((row) => ({
    zone: String(row[0]),
    energyKwhA: num(row[1]),
    energyKwhB: num(row[2]),
    hoursOutsideComfortA: num(row[3]),
    hoursOutsideComfortB: num(row[4]),
    peakTemperatureA: row[5] === null ? Number.NaN : num(row[5]),
    peakTemperatureB: row[6] === null ? Number.NaN : num(row[6]),
    maxTemperatureDifference: row[7] === null ? Number.NaN : num(row[7]),
  }));
  return { a, b, kpis: deltas(kpisA, kpisB), zones };
}
