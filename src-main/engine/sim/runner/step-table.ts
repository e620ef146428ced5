// What every zone shares at a step, computed once before a run: the calendar, the outdoor air
// with the scenario's offsets, the sun on the four façades and the day's clothing. The zone loop
// then reads one value per quantity and step instead of recomputing the sky for each step.
import type { Scenario } from '../../../../src-shared/contract';
import type { BoundModel } from '../binding/bound-model';
import { irradianceOnSurface, sunPosition, type WeatherSeries } from '../physics';
import { clothingForOutdoorTemperature } from './comfort-clothing';

/** Façades in the order of `StepTable.facadeIrradiance`: azimuth from south, positive to the west. */
export const facadeAzimuths = { south: 0, west: 90, north: 180, east: -90 } as const;
const facadeOrder = [facadeAzimuths.south, facadeAzimuths.west, facadeAzimuths.north, facadeAzimuths.east];

/** The per-step inputs shared by every zone. */
export interface StepTable {
  readonly steps: number;
  /** Step length, s. */
  readonly stepSeconds: number;
  /** Millisecond timestamp of step 0. */
  readonly startMs: number;
  /** Local hour of the step's start, 0 ≤ h < 24. */
  readonly hourOfDay: Float64Array;
  /** Day of the week, 0 = Monday. */
  readonly weekday: Uint8Array;
  /** 1 at the first step of a day (and at step 0). */
  readonly newDay: Uint8Array;
  /** Outdoor dry-bulb temperature with the offsets in force, °C. */
  readonly outdoor: Float64Array;
  /** Irradiance on a vertical façade, W/m², at 4·step + façade (south, west, north, east). */
  readonly facadeIrradiance: Float64Array;
  /** Clothing of the day, clo (from the outdoor temperature at 6 a.m.). */
  readonly clothing: Float64Array;
}

/** Millisecond timestamp of a scenario's start. */
export function startTime(scenario: Scenario): number {
  const text = scenario.start ?? '2025-01-01T00:00:00Z';
  return Date.parse(/T/.test(text) ? (/[Zz]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`) : `${text}T00:00:00Z`);
}

/** Number of steps of a scenario. */
export function stepCount(scenario: Scenario): number {
  return Math.round((scenario.horizonHours * 60) / (scenario.stepMinutes ?? 60));
}

/** Computes the shared inputs of every step of the scenario. */
export function stepTable(model: BoundModel, scenario: Scenario, weather: WeatherSeries): StepTable {
  const steps = stepCount(scenario);
  const dtHours = (scenario.stepMinutes ?? 60) / 60;
  const t0 = startTime(scenario);
  const yearStart = Date.UTC(new Date(t0).getUTCFullYear(), 0, 1);
  const weatherOffset = (t0 - yearStart) / 3_600_000;
  const firstWeekday = (new Date(yearStart).getUTCDay() + 6) % 7;
  const latitude = model.site?.latitude ?? weather.location.latitude;
  const longitude = model.site ? model.site.longitude : weather.location.longitude;
  const timeZone = model.site ? Math.round(model.site.longitude / 15) : weather.location.timeZone;
  const offsets = (scenario.interventions ?? []).flatMap((i) => (i.kind === 'offsetOutdoorTemperature' ? [{ from: i.at, until: i.until ?? scenario.horizonHours, kelvin: i.kelvin }] : []));
  const table = {
    steps,
    stepSeconds: dtHours * 3600,
    startMs: t0,
    hourOfDay: new Float64Array(steps),
    weekday: new Uint8Array(steps),
    newDay: new Uint8Array(steps),
    outdoor: new Float64Array(steps),
    facadeIrradiance: new Float64Array(4 * steps),
    clothing: new Float64Array(steps),
  };
  const at = (hour: number) => Math.floor(hour * weather.stepsPerHour) % weather.length;
  let day = -1;
  let clothing = 0;
  for (let s = 0; s < steps; s++) {
    const hour = s * dtHours;
    const absoluteHour = weatherOffset + hour;
    const dayIndex = Math.floor(absoluteHour / 24);
    const hourOfDay = absoluteHour - dayIndex * 24;
    if (dayIndex !== day) {
      day = dayIndex;
      clothing = clothingForOutdoorTemperature(weather.dryBulbTemperature[at(dayIndex * 24 + 6)]!);
      table.newDay[s] = 1;
    }
    const w = at(absoluteHour);
    let offset = 0;
    for (const o of offsets) if (hour >= o.from && hour < o.until) offset += o.kelvin;
    table.hourOfDay[s] = hourOfDay;
    table.weekday[s] = (firstWeekday + dayIndex) % 7;
    table.outdoor[s] = weather.dryBulbTemperature[w]! + offset;
    table.clothing[s] = clothing;
    const sun = sunPosition(latitude, longitude, timeZone, (dayIndex % 365) + 1, hourOfDay + dtHours / 2);
    const sky = { directNormal: weather.directNormalIrradiance[w]!, diffuseHorizontal: weather.diffuseHorizontalIrradiance[w]!, globalHorizontal: weather.globalHorizontalIrradiance[w]! };
    for (let f = 0; f < 4; f++) table.facadeIrradiance[4 * s + f] = irradianceOnSurface(sky, sun, { tilt: 90, azimuth: facadeOrder[f]! });
  }
  return table;
}
