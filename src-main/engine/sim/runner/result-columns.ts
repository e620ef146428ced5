// The per-zone, per-step result columns, shared by the runner, the result store and exports.

/** Result columns in table order (after run_id, step, time, zone_id). */
export const resultColumns = [
  'air_temperature',
  'operative_temperature',
  'mass_temperature',
  'co2',
  'occupants',
  'pmv',
  'ppd',
  'heating_power',
  'cooling_power',
  'heating_input_power',
  'cooling_input_power',
  'fan_power',
  'lighting_power',
  'equipment_power',
] as const;

export type ResultColumn = (typeof resultColumns)[number];

/** A block of consecutive steps of every zone; value (step s, zone z) is at (s − firstStep)·zones + z. */
export interface ResultChunk {
  readonly firstStep: number;
  readonly steps: number;
  readonly zones: number;
  readonly columns: Readonly<Record<ResultColumn, Float64Array>>;
}

/** Fresh columns for `steps` steps of `zones` zones. */
export function newChunkColumns(steps: number, zones: number): Record<ResultColumn, Float64Array> {
  const columns = {} as Record<ResultColumn, Float64Array>;
  for (const name of resultColumns) columns[name] = new Float64Array(steps * zones);
  return columns;
}
