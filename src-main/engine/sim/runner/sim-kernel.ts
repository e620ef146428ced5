// One run of a scenario over a bound graph: occupancy, gains, plant controls and interventions
// around the Zone5R1CBatch hot loop, CO2 and comfort after each step. Pure and synchronous, so it
// runs the same in a worker thread, in a test and in the benchmark.
import { EngineError, ErrorCode, isEngineError, type Intervention, type Scenario } from '../../../../src-shared/contract';
import type { BoundModel, BoundZone, Facade } from '../binding/bound-model';
import { co2GenerationPerPerson, irradianceOnSurface, pmvPpd, seededRandom, sunPosition, vavFanPowerFraction, Zone5R1CBatch, type WeatherSeries } from '../physics';
import { clothingForOutdoorTemperature } from './comfort-clothing';
import { newChunkColumns, type ResultChunk, type ResultColumn } from './result-columns';
import { COOLING_FAILED, FAN_FAILED, HEATING_FAILED, ZoneControls } from './zone-controls';

/** Sensible share of the occupants' metabolic heat (the rest is latent, not modelled). */
export const SENSIBLE_HEAT_SHARE = 0.6;
/** Outdoor CO2, ppm. */
export const OUTDOOR_CO2 = 420;
/** Plant and ventilation start this many hours before occupancy. */
export const PRESTART_HOURS = 1;
/** Lighting and equipment outside occupied hours, as a fraction of the occupied power. */
export const STANDBY_FRACTION = 0.1;

const facadeAzimuth: Readonly<Record<Exclude<Facade, 'none'>, number>> = { south: 0, west: 90, north: 180, east: -90 };
const facadeIndex: Readonly<Record<Facade, number>> = { south: 0, west: 1, north: 2, east: 3, none: 4 };
const facadeOrder = ['south', 'west', 'north', 'east'] as const;

/** What a run needs besides the bound graph. */
export interface KernelOptions {
  readonly scenario: Scenario;
  readonly weather: WeatherSeries;
  /** Steps per result chunk (default: about 64k values per column). */
  readonly chunkSteps?: number;
  /** Skips comfort (PMV/PPD) and CO2: the benchmark's thermal-only mode. */
  readonly thermalOnly?: boolean;
}

/** Where the results go and how a caller stops the run. */
export interface KernelSink {
  readonly onChunk: (chunk: ResultChunk) => void;
  /** Polled once per step; true stops the run with Cancelled. */
  readonly isCancelled?: () => boolean;
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

/** Re-throws a divergence of the zone batch naming the zone twin and the simulated time. */
function located(error: unknown, model: BoundModel, time: number): never {
  if (isEngineError(error) && typeof (error.details as { zone?: unknown })?.zone === 'number') {
    const details = error.details as Record<string, unknown> & { zone: number };
    const zone = model.zones[details.zone]?.id ?? String(details.zone);
    const at = new Date(time).toISOString();
    throw new EngineError(ErrorCode.InvalidArgument, `The run diverged in zone ${zone} at ${at}: ${error.message}`, { ...details, zone, time: at });
  }
  throw error;
}

/** Runs the scenario; results leave through `sink.onChunk`. Returns the number of steps run. */
export function runKernel(model: BoundModel, options: KernelOptions, sink: KernelSink): number {
  const { scenario, weather } = options;
  const n = model.zones.length;
  const stepMinutes = scenario.stepMinutes ?? 60;
  const dt = stepMinutes * 60;
  const dtHours = dt / 3600;
  const steps = stepCount(scenario);
  const t0 = startTime(scenario);
  const yearStart = Date.UTC(new Date(t0).getUTCFullYear(), 0, 1);
  const weatherOffset = (t0 - yearStart) / 3_600_000;
  const chunkSteps = options.chunkSteps ?? Math.max(1, Math.floor(65_536 / n));
  const batch = new Zone5R1CBatch(
    model.zones.map((z) => ({ ...z.params, ventilationAch: 0 })),
    { stepSeconds: dt },
  );
  const controls = new ZoneControls(model);
  const interventions = [...(scenario.interventions ?? [])].sort((a, b) => a.at - b.at);
  let nextIntervention = 0;
  const random = seededRandom(scenario.seed ?? 1);
  const latitude = model.site?.latitude ?? weather.location.latitude;
  const longitude = model.site ? model.site.longitude : weather.location.longitude;
  const timeZone = model.site ? Math.round(model.site.longitude / 15) : weather.location.timeZone;
  // Per-zone state: ventilating (1) or not, current controls, CO2, the day's occupancy draw.
  const ventilating = new Int8Array(n).fill(-1);
  const ventilationNow = new Float64Array(n);
  const setHeat = new Float64Array(n).fill(Number.NaN);
  const setCool = new Float64Array(n).fill(Number.NaN);
  const capHeat = new Float64Array(n).fill(Number.NaN);
  const capCool = new Float64Array(n).fill(Number.NaN);
  const co2 = Float64Array.from(model.zones, (z) => z.initialCo2);
  const dayDraw = new Float64Array(n);
  // The zones' fixed data as typed arrays: the hot loops touch no objects.
  const z$ = zoneArrays(model);
  const irradiance = new Float64Array(5);
  let clothing = 0.7;
  let day = -1;
  let chunk = newChunkColumns(Math.min(chunkSteps, steps), n);
  let chunkFirst = 0;
  for (let s = 0; s < steps; s++) {
    if (sink.isCancelled?.()) throw new EngineError(ErrorCode.Cancelled, `The run was cancelled after ${s} of ${steps} steps.`, { stepsDone: s });
    const hour = s * dtHours;
    while (nextIntervention < interventions.length && interventions[nextIntervention]!.at <= hour + 1e-9) {
      controls.apply(interventions[nextIntervention++] as Intervention, scenario.horizonHours);
    }
    const time = t0 + s * dt * 1000;
    const absoluteHour = weatherOffset + hour;
    const dayIndex = Math.floor(absoluteHour / 24);
    const hourOfDay = absoluteHour - dayIndex * 24;
    const weekday = (new Date(yearStart).getUTCDay() + 6 + dayIndex) % 7;
    const w = Math.floor(absoluteHour * weather.stepsPerHour) % weather.length;
    if (dayIndex !== day) {
      day = dayIndex;
      for (let z = 0; z < n; z++) dayDraw[z] = 0.7 + 0.6 * random();
      const at6 = (Math.floor((dayIndex * 24 + 6) * weather.stepsPerHour) % weather.length) | 0;
      clothing = clothingForOutdoorTemperature(weather.dryBulbTemperature[at6]!);
    }
    const outdoor = weather.dryBulbTemperature[w]! + controls.outdoorOffset(hour);
    const dayOfYear = (dayIndex % 365) + 1;
    const sun = sunPosition(latitude, longitude, timeZone, dayOfYear, hourOfDay + dtHours / 2);
    const sky = { directNormal: weather.directNormalIrradiance[w]!, diffuseHorizontal: weather.diffuseHorizontalIrradiance[w]!, globalHorizontal: weather.globalHorizontalIrradiance[w]! };
    for (let f = 0; f < 4; f++) irradiance[f] = irradianceOnSurface(sky, sun, { tilt: 90, azimuth: facadeAzimuth[facadeOrder[f]!] });
    const row = (s - chunkFirst) * n;
    for (let z = 0; z < n; z++) {
      const open = (z$.days[z]! >> weekday) & 1;
      const occupied = open === 1 && hourOfDay >= z$.from[z]! && hourOfDay < z$.until[z]!;
      const running = open === 1 && hourOfDay >= z$.from[z]! - PRESTART_HOURS && hourOfDay < z$.until[z]!;
      const failures = controls.failures[z]!;
      const people = occupied ? z$.people[z]! * controls.occupancyFactor[z]! * dayDraw[z]! : 0;
      const area = z$.area[z]!;
      const use = occupied ? 1 : STANDBY_FRACTION;
      const lighting = controls.lightingPowerDensity[z]! * area * use;
      const equipment = controls.equipmentPowerDensity[z]! * area * use;
      batch.internalGains[z] = people * z$.sensibleHeat[z]! + lighting + equipment;
      batch.solarGains[z] = irradiance[z$.facade[z]!]! * z$.windowGain[z]!;
      const vent = running && z$.served[z] === 1 && (failures & FAN_FAILED) === 0 ? 1 : 0;
      const ach = vent === 1 ? controls.ventilationAch[z]! : 0;
      if (vent !== ventilating[z] || ach !== ventilationNow[z]) {
        ventilating[z] = vent;
        ventilationNow[z] = ach;
        batch.setVentilationAch(z, ach);
      }
      const heat = running ? controls.heatingSetpoint[z]! : controls.setbackHeatingSetpoint[z]!;
      const cool = running ? controls.coolingSetpoint[z]! : Infinity;
      if (heat !== setHeat[z] || cool !== setCool[z]) {
        setHeat[z] = heat;
        setCool[z] = cool;
        batch.setSetpoints(z, heat, cool);
      }
      const maxHeat = (failures & HEATING_FAILED) === 0 ? z$.maxHeat[z]! : 0;
      const maxCool = vent === 1 && (failures & COOLING_FAILED) === 0 ? z$.maxCool[z]! : 0;
      if (maxHeat !== capHeat[z] || maxCool !== capCool[z]) {
        capHeat[z] = maxHeat;
        capCool[z] = maxCool;
        batch.setCapacities(z, maxHeat, maxCool);
      }
      chunk.occupants[row + z] = people;
      chunk.lighting_power[row + z] = lighting;
      chunk.equipment_power[row + z] = equipment;
    }
    try {
      batch.step(outdoor);
    } catch (error) {
      located(error, model, time);
    }
    storeStep(batch, chunk, row, z$, { ventilating, capCool, co2, ventilationAch: controls.ventilationAch, clothing, dt, thermalOnly: options.thermalOnly === true, heatingCop: model.heatingCop, coolingCop: model.coolingCop });
    const done = s + 1;
    if (done - chunkFirst === chunkSteps || done === steps) {
      sink.onChunk({ firstStep: chunkFirst, steps: done - chunkFirst, zones: n, columns: chunk });
      chunkFirst = done;
      if (done < steps) chunk = newChunkColumns(Math.min(chunkSteps, steps - done), n);
    }
  }
  return steps;
}

/** A zone's fixed data, one typed array per quantity. */
interface ZoneArrays {
  readonly from: Float64Array;
  readonly until: Float64Array;
  /** Bit d set: occupied on weekday d (0 = Monday). */
  readonly days: Uint8Array;
  /** People at full occupancy × the mean fraction present. */
  readonly people: Float64Array;
  readonly area: Float64Array;
  readonly volume: Float64Array;
  readonly infiltration: Float64Array;
  readonly sensibleHeat: Float64Array;
  /** CO2 per person, m³/s. */
  readonly generation: Float64Array;
  readonly metabolicRate: Float64Array;
  /** g × (1 − frame) × window area: solar gain per W/m² on the facade. */
  readonly windowGain: Float64Array;
  readonly facade: Uint8Array;
  readonly served: Uint8Array;
  readonly maxHeat: Float64Array;
  readonly maxCool: Float64Array;
  readonly fanPower: Float64Array;
}

function zoneArrays(model: BoundModel): ZoneArrays {
  const zones = model.zones;
  const of = (pick: (zone: BoundZone) => number) => Float64Array.from(zones, pick);
  return {
    from: of((z) => z.occupiedFrom),
    until: of((z) => z.occupiedUntil),
    days: Uint8Array.from(zones, (z) => z.occupiedDays.reduce((bits, on, d) => (on ? bits | (1 << d) : bits), 0)),
    people: of((z) => z.peopleMax * z.occupancyFraction),
    area: of((z) => z.params.floorArea),
    volume: of((z) => z.params.volume),
    infiltration: of((z) => z.params.infiltrationAch ?? 0),
    sensibleHeat: of((z) => z.metabolicRate * 58.15 * 1.8 * SENSIBLE_HEAT_SHARE),
    generation: of((z) => co2GenerationPerPerson(z.metabolicRate)),
    metabolicRate: of((z) => z.metabolicRate),
    windowGain: of((z) => z.gValue * 0.7 * z.windowArea),
    facade: Uint8Array.from(zones, (z) => facadeIndex[z.facade]),
    served: Uint8Array.from(zones, (z) => (z.ahu >= 0 ? 1 : 0)),
    maxHeat: of((z) => z.params.maxHeatingPower ?? Infinity),
    maxCool: of((z) => z.params.maxCoolingPower ?? Infinity),
    fanPower: of((z) => z.fanPowerDesign),
  };
}

/** The state storeStep reads besides the batch. */
interface StepState {
  readonly ventilating: Int8Array;
  readonly capCool: Float64Array;
  readonly co2: Float64Array;
  readonly ventilationAch: Float64Array;
  readonly clothing: number;
  readonly dt: number;
  readonly thermalOnly: boolean;
  readonly heatingCop: number;
  readonly coolingCop: number;
}

/** Writes one step's results of every zone into the chunk: temperatures, energy, CO2 and comfort. */
function storeStep(batch: Zone5R1CBatch, chunk: Record<ResultColumn, Float64Array>, row: number, z$: ZoneArrays, state: StepState): void {
  const n = batch.size;
  const { ventilating, capCool, co2, ventilationAch, clothing, dt } = state;
  const air$ = batch.airTemperature;
  const phi$ = batch.heatingCoolingPower;
  for (let z = 0; z < n; z++) {
    const i = row + z;
    const phi = phi$[z]!;
    const air = air$[z]!;
    const heating = phi > 0 ? phi : 0;
    const cooling = phi < 0 ? -phi : 0;
    chunk.air_temperature[i] = air;
    chunk.operative_temperature[i] = batch.operativeTemperature[z]!;
    chunk.mass_temperature[i] = batch.massTemperature[z]!;
    chunk.heating_power[i] = heating;
    chunk.cooling_power[i] = cooling;
    chunk.heating_input_power[i] = heating / state.heatingCop;
    chunk.cooling_input_power[i] = cooling / state.coolingCop;
    const cap = capCool[z]!;
    const running = ventilating[z] === 1;
    chunk.fan_power[i] = running ? z$.fanPower[z]! * vavFanPowerFraction(0.3 + 0.7 * (cap > 0 ? Math.min(1, cooling / cap) : 0)) : 0;
    const people = chunk.occupants[i]!;
    if (state.thermalOnly) {
      chunk.co2[i] = Number.NaN;
      chunk.pmv[i] = Number.NaN;
      chunk.ppd[i] = Number.NaN;
      continue;
    }
    // Exact well-mixed CO2 balance over the step (see physics/co2).
    const volume = z$.volume[z]!;
    const flow = ((running ? ventilationAch[z]! : 0) + z$.infiltration[z]!) * (volume / 3600);
    const source = 1e6 * z$.generation[z]! * people;
    const c0 = co2[z]!;
    const c = flow > 0 ? OUTDOOR_CO2 + source / flow + (c0 - OUTDOOR_CO2 - source / flow) * Math.exp((-flow * dt) / volume) : c0 + (source * dt) / volume;
    co2[z] = c;
    chunk.co2[i] = c;
    if (people > 0) {
      const comfort = pmvPpd({ airTemperature: air, radiantTemperature: batch.surfaceTemperature[z]!, airSpeed: 0.1, relativeHumidity: 50, metabolicRate: z$.metabolicRate[z]!, clothing });
      chunk.pmv[i] = comfort.pmv;
      chunk.ppd[i] = comfort.ppd;
    } else {
      chunk.pmv[i] = Number.NaN;
      chunk.ppd[i] = Number.NaN;
    }
  }
}
