// One run of a scenario over a bound graph: occupancy, gains, plant controls and interventions
// around the Zone5R1CBatch hot loop, CO2 and comfort after each step. Pure and synchronous, so it
// runs the same in a worker thread, in a test and in the benchmark.
import { EngineError, ErrorCode, isEngineError, type Intervention, type Scenario } from '../../../../src-shared/contract';
import type { BoundModel, BoundZone, Facade } from '../binding/bound-model';
import { CLO, co2GenerationPerPerson, MET, pmvOf, ppdOf, saturationVapourPressure, seededRandom, vavFanPowerFraction, Zone5R1CBatch, type WeatherSeries } from '../physics';
import { newChunkColumns, type ResultChunk, type ResultColumn } from './result-columns';
import { stepTable, type StepTable } from './step-table';
import { COOLING_FAILED, FAN_FAILED, HEATING_FAILED, ZoneControls } from './zone-controls';

/** Sensible share of the occupants' metabolic heat (the rest is latent, not modelled). */
export const SENSIBLE_HEAT_SHARE = 0.6;
/** Outdoor CO2, ppm. */
export const OUTDOOR_CO2 = 420;
/** Plant and ventilation start this many hours before occupancy. */
export const PRESTART_HOURS = 1;
/** Lighting and equipment outside occupied hours, as a fraction of the occupied power. */
export const STANDBY_FRACTION = 0.1;

/** Index of a façade in the step table's irradiance (4: no windows to the sky). */
const facadeIndex: Readonly<Record<Facade, number>> = { south: 0, west: 1, north: 2, east: 3, none: 4 };
/** Air speed (m/s) and relative humidity (%) of the PMV: still office air at mid humidity. */
const AIR_SPEED = 0.1;
const RELATIVE_HUMIDITY = 50;

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
  /** Columns for the next chunk of `length` values each (default: fresh ones); lets a caller reuse stored chunks' memory. */
  readonly columns?: (length: number) => Record<ResultColumn, Float64Array>;
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

/** The zones' state during a run, one typed array per quantity. */
interface ZoneState {
  /** 1 while the zone's plant ventilates, 0 when not, −1 before the first step. */
  readonly ventilating: Int8Array;
  readonly ventilationNow: Float64Array;
  readonly setHeat: Float64Array;
  readonly setCool: Float64Array;
  readonly capHeat: Float64Array;
  readonly capCool: Float64Array;
  readonly co2: Float64Array;
  /** Over one step, CO2 − outdoor decays by `co2Decay` and each person adds `co2PerPerson` ppm (exact; see physics/co2). */
  readonly co2Decay: Float64Array;
  readonly co2PerPerson: Float64Array;
  /** Last clothing surface temperature of the zone's occupants, °C: where the next PMV solve starts. */
  readonly clothingTemperature: Float64Array;
  /** The day's occupancy draw. */
  readonly dayDraw: Float64Array;
}

function zoneState(model: BoundModel): ZoneState {
  const n = model.zones.length;
  return {
    ventilating: new Int8Array(n).fill(-1),
    ventilationNow: new Float64Array(n),
    setHeat: new Float64Array(n).fill(Number.NaN),
    setCool: new Float64Array(n).fill(Number.NaN),
    capHeat: new Float64Array(n).fill(Number.NaN),
    capCool: new Float64Array(n).fill(Number.NaN),
    co2: Float64Array.from(model.zones, (z) => z.initialCo2),
    co2Decay: new Float64Array(n),
    co2PerPerson: new Float64Array(n),
    clothingTemperature: new Float64Array(n).fill(Number.NaN),
    dayDraw: new Float64Array(n),
  };
}

/** Runs the scenario; results leave through `sink.onChunk`. Returns the number of steps run. */
export function runKernel(model: BoundModel, options: KernelOptions, sink: KernelSink): number {
  const { scenario } = options;
  const n = model.zones.length;
  const table = stepTable(model, scenario, options.weather);
  const { steps, stepSeconds: dt } = table;
  const chunkSteps = options.chunkSteps ?? Math.max(1, Math.floor(65_536 / n));
  const newColumns = sink.columns ?? ((length: number) => newChunkColumns(length, 1));
  const batch = new Zone5R1CBatch(
    model.zones.map((z) => ({ ...z.params, ventilationAch: 0 })),
    { stepSeconds: dt },
  );
  const controls = new ZoneControls(model);
  const interventions = [...(scenario.interventions ?? [])].sort((a, b) => a.at - b.at);
  let nextIntervention = 0;
  const random = seededRandom(scenario.seed ?? 1);
  const state = zoneState(model);
  // The zones' fixed data as typed arrays: the hot loops touch no objects.
  const z$ = zoneArrays(model);
  const output = { dt, thermalOnly: options.thermalOnly === true, heatingCop: model.heatingCop, coolingCop: model.coolingCop };
  let chunk = newColumns(Math.min(chunkSteps, steps) * n);
  let chunkFirst = 0;
  for (let s = 0; s < steps; s++) {
    if (sink.isCancelled?.()) throw new EngineError(ErrorCode.Cancelled, `The run was cancelled after ${s} of ${steps} steps.`, { stepsDone: s });
    const hour = (s * dt) / 3600;
    while (nextIntervention < interventions.length && interventions[nextIntervention]!.at <= hour + 1e-9) {
      controls.apply(interventions[nextIntervention++] as Intervention);
    }
    if (table.newDay[s] === 1) for (let z = 0; z < n; z++) state.dayDraw[z] = 0.7 + 0.6 * random();
    setInputs(batch, controls, state, z$, chunk, (s - chunkFirst) * n, table, s);
    try {
      batch.step(table.outdoor[s]!);
    } catch (error) {
      located(error, model, table.startMs + s * dt * 1000);
    }
    storeStep(batch, chunk, (s - chunkFirst) * n, z$, state, table.clothing[s]!, output);
    const done = s + 1;
    if (done - chunkFirst === chunkSteps || done === steps) {
      sink.onChunk({ firstStep: chunkFirst, steps: done - chunkFirst, zones: n, columns: chunk });
      chunkFirst = done;
      if (done < steps) chunk = newColumns(Math.min(chunkSteps, steps - done) * n);
    }
  }
  return steps;
}

/**
 * Sets every zone's gains, ventilation, setpoints and capacities for step `s`, and writes the
 * step's occupants, lighting and equipment into the chunk at `row`. The batch is only told of a
 * change: a plant that keeps running costs a comparison per zone.
 */
function setInputs(batch: Zone5R1CBatch, controls: ZoneControls, state: ZoneState, z$: ZoneArrays, chunk: Record<ResultColumn, Float64Array>, row: number, table: StepTable, s: number): void {
  const n = batch.size;
  const hourOfDay = table.hourOfDay[s]!;
  const weekday = table.weekday[s]!;
  const irradiance = table.facadeIrradiance;
  const { ventilating, ventilationNow, setHeat, setCool, capHeat, capCool, dayDraw } = state;
  const { occupants, lighting_power: lightingOut, equipment_power: equipmentOut } = chunk;
  // Every array in locals: the loop calls into the batch on changes, which keeps the compiler
  // from hoisting property loads itself.
  const { days, from, until, people: peopleFull, area: areas, sensibleHeat, facade: facades, windowGain, served, maxHeat: maxHeats, maxCool: maxCools } = z$;
  const { failures: failed, occupancyFactor, lightingPowerDensity, equipmentPowerDensity, ventilationAch, heatingSetpoint, coolingSetpoint, setbackHeatingSetpoint } = controls;
  const internalGains = batch.internalGains;
  const solarGains = batch.solarGains;
  for (let z = 0; z < n; z++) {
    const open = (days[z]! >> weekday) & 1;
    const occupied = open === 1 && hourOfDay >= from[z]! && hourOfDay < until[z]!;
    const running = open === 1 && hourOfDay >= from[z]! - PRESTART_HOURS && hourOfDay < until[z]!;
    const failures = failed[z]!;
    const people = occupied ? peopleFull[z]! * occupancyFactor[z]! * dayDraw[z]! : 0;
    const area = areas[z]!;
    const use = occupied ? 1 : STANDBY_FRACTION;
    const lighting = lightingPowerDensity[z]! * area * use;
    const equipment = equipmentPowerDensity[z]! * area * use;
    internalGains[z] = people * sensibleHeat[z]! + lighting + equipment;
    const facade = facades[z]!;
    solarGains[z] = facade < 4 ? irradiance[4 * s + facade]! * windowGain[z]! : 0;
    const vent = running && served[z] === 1 && (failures & FAN_FAILED) === 0 ? 1 : 0;
    const ach = vent === 1 ? ventilationAch[z]! : 0;
    if (vent !== ventilating[z] || ach !== ventilationNow[z]) {
      ventilating[z] = vent;
      ventilationNow[z] = ach;
      batch.setVentilationAch(z, ach);
      co2Factors(state, z$, z, ach, table.stepSeconds);
    }
    const heat = running ? heatingSetpoint[z]! : setbackHeatingSetpoint[z]!;
    const cool = running ? coolingSetpoint[z]! : Infinity;
    if (heat !== setHeat[z] || cool !== setCool[z]) {
      setHeat[z] = heat;
      setCool[z] = cool;
      batch.setSetpoints(z, heat, cool);
    }
    const maxHeat = (failures & HEATING_FAILED) === 0 ? maxHeats[z]! : 0;
    const maxCool = vent === 1 && (failures & COOLING_FAILED) === 0 ? maxCools[z]! : 0;
    if (maxHeat !== capHeat[z] || maxCool !== capCool[z]) {
      capHeat[z] = maxHeat;
      capCool[z] = maxCool;
      batch.setCapacities(z, maxHeat, maxCool);
    }
    occupants[row + z] = people;
    lightingOut[row + z] = lighting;
    equipmentOut[row + z] = equipment;
  }
}

/**
 * The exact CO2 step of zone z at mechanical ventilation `ach` (1/h): with Q the outdoor-air flow,
 * C(t+Δt) − C_out = (C(t) − C_out)·e^(−QΔt/V) + N·10⁶·G·(1 − e^(−QΔt/V))/Q, or N·10⁶·G·Δt/V for Q = 0.
 */
function co2Factors(state: ZoneState, z$: ZoneArrays, z: number, ach: number, dt: number): void {
  const volume = z$.volume[z]!;
  const flow = (ach + z$.infiltration[z]!) * (volume / 3600);
  const perPerson = 1e6 * z$.generation[z]!;
  const decay = flow > 0 ? Math.exp((-flow * dt) / volume) : 1;
  state.co2Decay[z] = decay;
  state.co2PerPerson[z] = flow > 0 ? (perPerson * (1 - decay)) / flow : (perPerson * dt) / volume;
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
  /** Metabolic rate M, W/m². */
  readonly metabolicPower: Float64Array;
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
    sensibleHeat: of((z) => z.metabolicRate * MET * 1.8 * SENSIBLE_HEAT_SHARE),
    generation: of((z) => co2GenerationPerPerson(z.metabolicRate)),
    metabolicPower: of((z) => z.metabolicRate * MET),
    windowGain: of((z) => z.gValue * 0.7 * z.windowArea),
    facade: Uint8Array.from(zones, (z) => facadeIndex[z.facade]),
    served: Uint8Array.from(zones, (z) => (z.ahu >= 0 ? 1 : 0)),
    maxHeat: of((z) => z.params.maxHeatingPower ?? Infinity),
    maxCool: of((z) => z.params.maxCoolingPower ?? Infinity),
    fanPower: of((z) => z.fanPowerDesign),
  };
}

/** What storeStep needs besides the batch and the zones' state. */
interface OutputOptions {
  readonly dt: number;
  readonly thermalOnly: boolean;
  readonly heatingCop: number;
  readonly coolingCop: number;
}

/** Writes one step's results of every zone into the chunk: temperatures, energy, CO2 and comfort. */
function storeStep(batch: Zone5R1CBatch, chunk: Record<ResultColumn, Float64Array>, row: number, z$: ZoneArrays, state: ZoneState, clothing: number, output: OutputOptions): void {
  const n = batch.size;
  const { ventilating, capCool, co2, co2Decay, co2PerPerson, clothingTemperature } = state;
  const air$ = batch.airTemperature;
  const surface$ = batch.surfaceTemperature;
  const phi$ = batch.heatingCoolingPower;
  const { air_temperature: airOut, operative_temperature: operativeOut, mass_temperature: massOut, heating_power: heatingOut, cooling_power: coolingOut } = chunk;
  const { heating_input_power: heatingInputOut, cooling_input_power: coolingInputOut, fan_power: fanOut, co2: co2Out, pmv: pmvOut, ppd: ppdOut, occupants } = chunk;
  const operative$ = batch.operativeTemperature;
  const mass$ = batch.massTemperature;
  const { fanPower, metabolicPower } = z$;
  const thermalOnly = output.thermalOnly;
  const icl = clothing * CLO;
  const heatingCop = output.heatingCop;
  const coolingCop = output.coolingCop;
  for (let z = 0; z < n; z++) {
    const i = row + z;
    const phi = phi$[z]!;
    const air = air$[z]!;
    const heating = phi > 0 ? phi : 0;
    const cooling = phi < 0 ? -phi : 0;
    airOut[i] = air;
    operativeOut[i] = operative$[z]!;
    massOut[i] = mass$[z]!;
    heatingOut[i] = heating;
    coolingOut[i] = cooling;
    heatingInputOut[i] = heating / heatingCop;
    coolingInputOut[i] = cooling / coolingCop;
    const cap = capCool[z]!;
    fanOut[i] = ventilating[z] === 1 ? fanPower[z]! * vavFanPowerFraction(0.3 + 0.7 * (cap > 0 ? Math.min(1, cooling / cap) : 0)) : 0;
    if (thermalOnly) {
      co2Out[i] = Number.NaN;
      pmvOut[i] = Number.NaN;
      ppdOut[i] = Number.NaN;
      continue;
    }
    const people = occupants[i]!;
    const ppm = OUTDOOR_CO2 + (co2[z]! - OUTDOOR_CO2) * co2Decay[z]! + people * co2PerPerson[z]!;
    co2[z] = ppm;
    co2Out[i] = ppm;
    // Comfort is defined for the people present: PMV/PPD of occupied steps, NaN otherwise.
    const pmv = people > 0 ? pmvOf(air, surface$[z]!, AIR_SPEED, RELATIVE_HUMIDITY * 10 * saturationVapourPressure(air), metabolicPower[z]!, 0, icl, clothingTemperature, z) : Number.NaN;
    pmvOut[i] = pmv;
    ppdOut[i] = pmv === pmv ? ppdOf(pmv) : Number.NaN;
  }
}
