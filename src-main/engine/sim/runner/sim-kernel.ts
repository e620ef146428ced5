// One run of a scenario over a bound graph: occupancy, gains, plant controls and interventions
// around the Zone5R1CBatch hot loop, CO2 and comfort after each step. Pure and synchronous, so it
// runs the same in a worker thread, in a test and in the benchmark.
//
// Gains and controls change only where a schedule starts or stops, a day begins or an
// intervention acts; at every other step the kernel only sets the solar gains, steps the batch
// and writes the results, so a zone-step is the 5R1C step, a few multiply-adds, the result
// columns and, for the occupied ones, the PMV.
import { EngineError, ErrorCode, isEngineError, type Intervention, type Scenario } from '../../../../src-shared/contract';
import type { BoundModel } from '../binding/bound-model';
import { clothingAreaFactor, CLO, forcedConvection, pmvConditionsValid, pmvOfPerson, pmvPersonValid, ppdOf, saturationVapourPressure, seededRandom, vavFanPowerFraction, Zone5R1CBatch, type WeatherSeries } from '../physics';
import { newChunkColumns, type ResultChunk, type ResultColumn } from './result-columns';
import { stepTable, type StepTable } from './step-table';
import { MIN_FLOW_FRACTION, zoneArrays, type ZoneArrays } from './zone-arrays';
import { COOLING_FAILED, FAN_FAILED, HEATING_FAILED, ZoneControls } from './zone-controls';
import { isOccupied, isRunning, scheduleChanges } from './zone-schedule';

/** Outdoor CO2, ppm. */
export const OUTDOOR_CO2 = 420;
/** Lighting and equipment outside occupied hours, as a fraction of the occupied power. */
export const STANDBY_FRACTION = 0.1;

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
  /** Fan power while nothing is cooled: the minimum flow's while the plant runs, else 0 (W). */
  readonly fan: Float64Array;
  /** People present, lighting and equipment power (W) since the last change. */
  readonly people: Float64Array;
  readonly lighting: Float64Array;
  readonly equipment: Float64Array;
  readonly co2: Float64Array;
  /** Over one step, CO2 − outdoor decays by `co2Decay` and each person adds `co2PerPerson` ppm (exact; see physics/co2). */
  readonly co2Decay: Float64Array;
  readonly co2PerPerson: Float64Array;
  /** Last clothing surface temperature of the zone's occupants, °C: where the next PMV solve starts. */
  readonly clothingTemperature: Float64Array;
  /** 1 when the occupants' metabolic rate and the day's clothing are inside the PMV's limits. */
  readonly comfortDefined: Uint8Array;
  /** The day's occupancy draw. */
  readonly dayDraw: Float64Array;
  /** Internal gains of people, lighting and equipment (W) since the last change; the batch's gains add the exchange with the building. */
  readonly gains: Float64Array;
  /** Per building, the H-weighted mean air temperature of its zones at the last step (scratch). */
  readonly buildingMean: Float64Array;
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
    fan: new Float64Array(n),
    people: new Float64Array(n),
    lighting: new Float64Array(n),
    equipment: new Float64Array(n),
    co2: Float64Array.from(model.zones, (z) => z.initialCo2),
    co2Decay: new Float64Array(n),
    co2PerPerson: new Float64Array(n),
    clothingTemperature: new Float64Array(n).fill(Number.NaN),
    comfortDefined: new Uint8Array(n),
    dayDraw: new Float64Array(n),
    gains: new Float64Array(n),
    buildingMean: new Float64Array(n),
  };
}

/** The day's clothing as the PMV needs it: I_cl (m²·K/W) and f_cl. */
interface Clothing {
  clo: number;
  icl: number;
  fcl: number;
}

/** Runs the scenario; results leave through `sink.onChunk`. Returns the number of steps run. */
export function runKernel(model: BoundModel, options: KernelOptions, sink: KernelSink): number {
  const { scenario } = options;
  const n = model.zones.length;
  const table = stepTable(model, scenario, options.weather);
  const { steps, stepSeconds: dt } = table;
  const chunkSteps = options.chunkSteps ?? Math.max(1, Math.floor(262_144 / n));
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
  const z$ = zoneArrays(model);
  const changes = scheduleChanges(table, z$);
  const clothing: Clothing = { clo: Number.NaN, icl: Number.NaN, fcl: Number.NaN };
  const output = { thermalOnly: options.thermalOnly === true, heatingCop: model.heatingCop, coolingCop: model.coolingCop };
  let chunk = newColumns(Math.min(chunkSteps, steps) * n);
  let chunkFirst = 0;
  for (let s = 0; s < steps; s++) {
    if (sink.isCancelled?.()) throw new EngineError(ErrorCode.Cancelled, `The run was cancelled after ${s} of ${steps} steps.`, { stepsDone: s });
    const hour = (s * dt) / 3600;
    // The zones whose gains or controls may change: all of them on a new day or an intervention.
    let changed = changes.zones(s);
    while (nextIntervention < interventions.length && interventions[nextIntervention]!.at <= hour + 1e-9) {
      controls.apply(interventions[nextIntervention++] as Intervention);
      changed = changes.all;
    }
    if (table.newDay[s] === 1) {
      for (let z = 0; z < n; z++) state.dayDraw[z] = 0.7 + 0.6 * random();
      changed = changes.all;
    }
    if (table.clothing[s] !== clothing.clo) dress(clothing, table.clothing[s]!, z$, state);
    if (changed.length > 0) setControls(batch, controls, state, z$, table, s, changed);
    setInternalGains(batch, z$, state, s === 0);
    setSolarGains(batch, z$, table, s, model.solarShading);
    try {
      batch.step(table.outdoor[s]!);
    } catch (error) {
      located(error, model, table.startMs + s * dt * 1000);
    }
    storeStep(batch, chunk, (s - chunkFirst) * n, z$, state, clothing, output);
    const done = s + 1;
    if (done - chunkFirst === chunkSteps || done === steps) {
      sink.onChunk({ firstStep: chunkFirst, steps: done - chunkFirst, zones: n, columns: chunk });
      chunkFirst = done;
      if (done < steps) chunk = newColumns(Math.min(chunkSteps, steps - done) * n);
    }
  }
  return steps;
}

/** Puts on the day's clothing (clo): what the PMV of every zone needs of it, and where the PMV is defined. */
function dress(clothing: Clothing, clo: number, z$: ZoneArrays, state: ZoneState): void {
  clothing.clo = clo;
  clothing.icl = clo * CLO;
  clothing.fcl = clothingAreaFactor(clothing.icl);
  const { metabolicPower } = z$;
  for (let z = 0; z < metabolicPower.length; z++) state.comfortDefined[z] = pmvPersonValid(metabolicPower[z]!, clothing.icl, AIR_SPEED) ? 1 : 0;
}

/**
 * Sets the own internal gains (people, lighting, equipment), ventilation, setpoints and capacities of `zones` for step `s`, and keeps
 * its occupants, lighting and equipment for the result columns. The batch is only told of a
 * change: a plant that keeps running costs a comparison per zone.
 */
function setControls(batch: Zone5R1CBatch, controls: ZoneControls, state: ZoneState, z$: ZoneArrays, table: StepTable, s: number, zones: Int32Array): void {
  const hourOfDay = table.hourOfDay[s]!;
  const weekday = table.weekday[s]!;
  const { ventilating, ventilationNow, setHeat, setCool, capHeat, capCool, dayDraw } = state;
  const { people: peopleFull, area: areas, sensibleHeat, served, maxHeat: maxHeats, maxCool: maxCools, fanIdlePower } = z$;
  const { failures: failed, occupancyFactor, lightingPowerDensity, equipmentPowerDensity, ventilationAch, heatingSetpoint, coolingSetpoint, setbackHeatingSetpoint } = controls;
  const ownGains = state.gains;
  for (let k = 0; k < zones.length; k++) {
    const z = zones[k]!;
    const occupied = isOccupied(z$, z, weekday, hourOfDay);
    const running = isRunning(z$, z, weekday, hourOfDay);
    const failures = failed[z]!;
    const people = occupied ? peopleFull[z]! * occupancyFactor[z]! * dayDraw[z]! : 0;
    const area = areas[z]!;
    const use = occupied ? 1 : STANDBY_FRACTION;
    const lighting = lightingPowerDensity[z]! * area * use;
    const equipment = equipmentPowerDensity[z]! * area * use;
    ownGains[z] = people * sensibleHeat[z]! + lighting + equipment;
    state.people[z] = people;
    state.lighting[z] = lighting;
    state.equipment[z] = equipment;
    const vent = running && served[z] === 1 && (failures & FAN_FAILED) === 0 ? 1 : 0;
    const ach = vent === 1 ? ventilationAch[z]! : 0;
    if (vent !== ventilating[z] || ach !== ventilationNow[z]) {
      ventilating[z] = vent;
      ventilationNow[z] = ach;
      state.fan[z] = vent === 1 ? fanIdlePower[z]! : 0;
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
  }
}

/**
 * Sets every zone's internal gains: its people, lighting and equipment, plus the heat its
 * building's other rooms pass through partitions, floors and ceilings, H·(θ̄ − θ_air) with θ̄ the
 * building's H-weighted mean air temperature of the last step (so the exchange sums to zero over
 * the building). On the first step there is no last step and no exchange.
 */
function setInternalGains(batch: Zone5R1CBatch, z$: ZoneArrays, state: ZoneState, first: boolean): void {
  const gains = batch.internalGains;
  const { gains: own, buildingMean: mean } = state;
  const { adjacentConductance: h, adjacentWeight: w, building, buildingCount } = z$;
  if (first || buildingCount === 0) {
    gains.set(own);
    return;
  }
  const air = batch.airTemperature;
  // The buildings' means; a building's rooms usually come one after another, so sum in a local.
  mean.fill(0, 0, buildingCount);
  let current = -1;
  let sum = 0;
  for (let z = 0; z < gains.length; z++) {
    const b = building[z]!;
    if (b !== current) {
      if (current >= 0) mean[current]! += sum;
      current = b;
      sum = 0;
    }
    sum += w[z]! * air[z]!;
  }
  if (current >= 0) mean[current]! += sum;
  for (let z = 0; z < gains.length; z++) {
    const b = building[z]!;
    gains[z] = b >= 0 ? own[z]! + h[z]! * (mean[b]! - air[z]!) : own[z]!;
  }
}

/** The four façades' irradiance of the current step, shading applied (scratch). */
const facadeIrradiance = new Float64Array(4);

/** Sets every zone's solar gains for step `s`: the irradiance on its façade (less where the blinds are down) × its window gain. */
function setSolarGains(batch: Zone5R1CBatch, z$: ZoneArrays, table: StepTable, s: number, shading: BoundModel['solarShading']): void {
  const solarGains = batch.solarGains;
  const { facade, windowGain } = z$;
  const irradiance = table.facadeIrradiance;
  const at = 4 * s;
  // Each façade's irradiance, with the blinds lowered where it exceeds the threshold.
  for (let k = 0; k < 4; k++) {
    const value = irradiance[at + k]!;
    facadeIrradiance[k] = value > shading.threshold ? value * shading.factor : value;
  }
  for (let z = 0; z < solarGains.length; z++) solarGains[z] = facadeIrradiance[facade[z]!]! * windowGain[z]!;
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

/** What storeStep needs besides the batch and the zones' state. */
interface OutputOptions {
  readonly thermalOnly: boolean;
  readonly heatingCop: number;
  readonly coolingCop: number;
}

/** The forced convection coefficient of the PMV's still air. */
const HC_FORCED = forcedConvection(AIR_SPEED);

/**
 * Writes one step's results of every zone into the chunk at `row`: temperatures, energy, CO2 and
 * comfort. The columns the batch and the controls hold as they are are copied whole.
 */
function storeStep(batch: Zone5R1CBatch, chunk: Record<ResultColumn, Float64Array>, row: number, z$: ZoneArrays, state: ZoneState, clothing: Clothing, output: OutputOptions): void {
  const n = batch.size;
  chunk.air_temperature.set(batch.airTemperature, row);
  chunk.operative_temperature.set(batch.operativeTemperature, row);
  chunk.mass_temperature.set(batch.massTemperature, row);
  chunk.occupants.set(state.people, row);
  chunk.lighting_power.set(state.lighting, row);
  chunk.equipment_power.set(state.equipment, row);
  storeEnergy(batch, chunk, row, z$, state, output);
  if (!output.thermalOnly) {
    storeCo2AndComfort(batch, chunk, row, z$, state, clothing);
    return;
  }
  chunk.co2.fill(Number.NaN, row, row + n);
  chunk.pmv.fill(Number.NaN, row, row + n);
  chunk.ppd.fill(Number.NaN, row, row + n);
}

/** Writes every zone's heating and cooling (delivered and input) and fan power. */
function storeEnergy(batch: Zone5R1CBatch, chunk: Record<ResultColumn, Float64Array>, row: number, z$: ZoneArrays, state: ZoneState, output: OutputOptions): void {
  const n = batch.size;
  const phi$ = batch.heatingCoolingPower;
  const { capCool, fan } = state;
  const { heating_power: heatingOut, cooling_power: coolingOut, heating_input_power: heatingInputOut, cooling_input_power: coolingInputOut, fan_power: fanOut } = chunk;
  const fanPower = z$.fanPower;
  const heatingCop = output.heatingCop;
  const coolingCop = output.coolingCop;
  for (let z = 0; z < n; z++) {
    const i = row + z;
    const phi = phi$[z]!;
    const heating = Math.max(phi, 0);
    const cooling = Math.max(-phi, 0);
    heatingOut[i] = heating;
    coolingOut[i] = cooling;
    heatingInputOut[i] = heating / heatingCop;
    coolingInputOut[i] = cooling / coolingCop;
    // The fan's flow fraction is 0.3 + 0.7 × cooling / capacity: at the minimum (`fan`) unless
    // cooling, and cooling has a capacity only while the plant runs.
    const cap = capCool[z]!;
    fanOut[i] = cooling > 0 && cap > 0 ? fanPower[z]! * vavFanPowerFraction(MIN_FLOW_FRACTION + (1 - MIN_FLOW_FRACTION) * Math.min(1, cooling / cap)) : fan[z]!;
  }
}

/** Steps every zone's CO2 and writes it, with the PMV/PPD of the occupied zones (NaN elsewhere). */
function storeCo2AndComfort(batch: Zone5R1CBatch, chunk: Record<ResultColumn, Float64Array>, row: number, z$: ZoneArrays, state: ZoneState, clothing: Clothing): void {
  const n = batch.size;
  const air$ = batch.airTemperature;
  const surface$ = batch.surfaceTemperature;
  const { co2, co2Decay, co2PerPerson, clothingTemperature, comfortDefined, people: people$ } = state;
  const { co2: co2Out, pmv: pmvOut, ppd: ppdOut } = chunk;
  const { metabolicPower, pmvSensitivity } = z$;
  const { icl, fcl } = clothing;
  for (let z = 0; z < n; z++) {
    const i = row + z;
    const people = people$[z]!;
    const ppm = OUTDOOR_CO2 + (co2[z]! - OUTDOOR_CO2) * co2Decay[z]! + people * co2PerPerson[z]!;
    co2[z] = ppm;
    co2Out[i] = ppm;
    // Comfort is defined for the people present: PMV/PPD of occupied steps, NaN otherwise.
    let pmv = Number.NaN;
    if (people > 0 && comfortDefined[z] === 1) {
      const air = air$[z]!;
      const surface = surface$[z]!;
      const pa = RELATIVE_HUMIDITY * 10 * saturationVapourPressure(air);
      if (pmvConditionsValid(air, surface, pa)) {
        const m = metabolicPower[z]!;
        pmv = pmvOfPerson(air, surface, pa, m, m, icl, fcl, HC_FORCED, pmvSensitivity[z]!, clothingTemperature, z);
      }
    }
    pmvOut[i] = pmv;
    ppdOut[i] = pmv === pmv ? ppdOf(pmv) : Number.NaN;
  }
}
