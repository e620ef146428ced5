// Simulation speed: zone-years per second (8,760 hourly steps for N zones). The limit is a bare
// typed-array loop with only the 5R1C step math over precomputed coefficients; the library's
// Zone5R1CBatch and the runner are compared with it in the same run, compute only and end to end
// (a worker computing while the results are stored in DuckDB). One bench operation is one
// simulated year of all its zones: zone-years/s = hz × N.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { generateWorld, type Scenario } from '../../src-main/engine';
import { bindGraph } from '../../src-main/engine/sim/binding/bind-graph';
import type { BoundModel } from '../../src-main/engine/sim/binding/bound-model';
import { defaultSimMapping } from '../../src-main/engine/sim/binding/default-mapping';
import type { GraphSnapshot } from '../../src-main/engine/sim/binding/graph-snapshot';
import { HistoryStore } from '../../src-main/engine/history';
import { RunStore } from '../../src-main/engine/sim/results/run-store';
import { newChunkColumns, type ResultColumn } from '../../src-main/engine/sim/runner/result-columns';
import { runKernel } from '../../src-main/engine/sim/runner/sim-kernel';
import { startWorker } from '../../src-main/engine/sim/runner/worker-runner';
import {
  CLO,
  clothingAreaFactor,
  forcedConvection,
  MET,
  pmvOfPerson,
  pmvSensitivity,
  ppdOf,
  resolveZone5R1CParams,
  saturationVapourPressure,
  syntheticWeather,
  Zone5R1C,
  Zone5R1CBatch,
  zone5R1CCoefficients,
  zone5R1CNetwork,
  type Zone5R1CParams,
} from '../../src-main/engine/sim/physics';

const ZONES = 2000;
const CLASS_ZONES = 200; // the per-zone class allocates a result per step: fewer zones keep the run short
const HOURS = 8760;

function zoneParams(i: number): Zone5R1CParams {
  const f = 1 + (i % 17) / 17;
  return {
    floorArea: 34.3 * f,
    volume: 106.33 * f,
    windowArea: 13.5 * f,
    windowU: 1.1,
    opaqueArea: 1.69 * f + (i % 5),
    opaqueU: 0.2 + (i % 3) * 0.1,
    ventilationAch: 1.5,
    infiltrationAch: 0.5,
    heatRecoveryEfficiency: (i % 4) * 0.2,
    thermalCapacityPerFloorArea: 165_000,
    maxHeatingPower: 12 * 34.3 * f,
    maxCoolingPower: 12 * 34.3 * f,
  };
}

const params = Array.from({ length: ZONES }, (_, i) => zoneParams(i));
const weather = syntheticWeather({ seed: 1 });
const outdoor = weather.dryBulbTemperature;
const solarProfile = Float64Array.from(weather.globalHorizontalIrradiance, (g) => 4 * g);
const internalProfile = Float64Array.from({ length: HOURS }, (_, h) => (h % 24 >= 8 && h % 24 < 18 ? 400 : 60));
const zoneFactor = Float64Array.from({ length: ZONES }, (_, i) => 0.5 + (i % 10) / 10);

/** The inputs a simulator would write each hour, identical for every contender. */
function fillInputs(h: number, internal: Float64Array, solar: Float64Array, n: number): void {
  const qi = internalProfile[h];
  const qs = solarProfile[h];
  for (let i = 0; i < n; i++) {
    internal[i] = qi * zoneFactor[i];
    solar[i] = qs * zoneFactor[i];
  }
}

// The bare loop's data: per-zone coefficients, setpoints and capacities, one typed array each
// (struct of arrays), nothing else: no validation, no divergence check, no API.
const coefficientArrays = (() => {
  const ks = params.map((p) => zone5R1CCoefficients(zone5R1CNetwork(resolveZone5R1CParams(p)), 3600));
  const column = (pick: (k: (typeof ks)[number]) => number): Float64Array => Float64Array.from(ks, pick);
  return {
    p: column((k) => k.p),
    mG: column((k) => k.mG),
    mE: column((k) => k.mE),
    mA: column((k) => k.mA),
    sM: column((k) => k.sM),
    sG: column((k) => k.sG),
    sE: column((k) => k.sE),
    sA: column((k) => k.sA),
    aS: column((k) => k.aS),
    aE: column((k) => k.aE),
    aA: column((k) => k.aA),
    invSlope: column((k) => k.invSlope),
    setH: Float64Array.from(params, (z) => z.heatingSetpoint ?? 20),
    setC: Float64Array.from(params, (z) => z.coolingSetpoint ?? 26),
    maxH: Float64Array.from(params, (z) => z.maxHeatingPower ?? Infinity),
    maxC: Float64Array.from(params, (z) => z.maxCoolingPower ?? Infinity),
  };
})();

// The comfort the issue asks for on top of the 5R1C step, at its cheapest: ISO 7730 PMV and PPD of
// one seated office worker (1.2 met, 0.7 clo, still air, 50 % humidity), solved from the zone's
// last clothing temperature, for the occupied zone-hours only (weekdays 9:00–17:00, 24 % of the
// year; the sample campus's rooms are occupied about 21 % of it).
const person = (() => {
  const m = 1.2 * MET;
  const icl = 0.7 * CLO;
  return { m, icl, fcl: clothingAreaFactor(icl), hc: forcedConvection(0.1), sensitivity: pmvSensitivity(m) };
})();
const occupiedHour = (h: number) => Math.floor(h / 24) % 7 < 5 && h % 24 >= 9 && h % 24 < 17;
const occupiedShare = Array.from({ length: HOURS }, (_, h) => occupiedHour(h)).filter(Boolean).length / HOURS;

/** What the bare loop carries from hour to hour (the mass temperature) and writes each hour. */
function bareState() {
  const n = ZONES;
  return {
    massEnd: new Float64Array(n).fill(20),
    internal: new Float64Array(n),
    solar: new Float64Array(n),
    outHC: new Float64Array(n),
    outAir: new Float64Array(n),
    outS: new Float64Array(n),
    outM: new Float64Array(n),
    outOp: new Float64Array(n),
  };
}
type BareState = ReturnType<typeof bareState>;

/** One hour of every zone: the 5R1C step with setpoints and capacities, nothing else. */
function bareHour(h: number, state: BareState): void {
  const { p, mG, mE, mA, sM, sG, sE, sA, aS, aE, aA, invSlope, setH, setC, maxH, maxC } = coefficientArrays;
  const { massEnd, internal, solar, outHC, outAir, outS, outM, outOp } = state;
  const n = ZONES;
  fillInputs(h, internal, solar, n);
  const te = outdoor[h];
  for (let i = 0; i < n; i++) {
    const m0 = massEnd[i];
    const lo = setH[i];
    const hi = setC[i];
    const halfInt = 0.5 * internal[i];
    const g = halfInt + solar[i];
    let mEnd = p[i] * m0 + mG[i] * g + mE[i] * te + mA[i] * halfInt;
    let s = sM[i] * 0.5 * (mEnd + m0) + sG[i] * g + sE[i] * te + sA[i] * halfInt;
    let air = aS[i] * s + aE[i] * te + aA[i] * halfInt;
    let phi = 0;
    if (air < lo || air > hi) {
      phi = ((air < lo ? lo : hi) - air) * invSlope[i];
      phi = phi > maxH[i] ? maxH[i] : phi < -maxC[i] ? -maxC[i] : phi;
      const a = halfInt + phi;
      mEnd = p[i] * m0 + mG[i] * g + mE[i] * te + mA[i] * a;
      s = sM[i] * 0.5 * (mEnd + m0) + sG[i] * g + sE[i] * te + sA[i] * a;
      air = aS[i] * s + aE[i] * te + aA[i] * a;
    }
    massEnd[i] = mEnd;
    outHC[i] = phi;
    outAir[i] = air;
    outS[i] = s;
    outM[i] = 0.5 * (mEnd + m0);
    outOp[i] = 0.3 * air + 0.7 * s;
  }
}

function bareYear(): number {
  const state = bareState();
  for (let h = 0; h < HOURS; h++) bareHour(h, state);
  return state.massEnd[0] + state.outHC[0] + state.outAir[0] + state.outS[0] + state.outM[0] + state.outOp[0];
}

/** The bare loop, and after each occupied hour the PMV and PPD of every zone. */
function bareComfortYear(): number {
  const state = bareState();
  const pmvs = new Float64Array(ZONES);
  const ppds = new Float64Array(ZONES);
  const clothingTemperature = new Float64Array(ZONES).fill(Number.NaN);
  const { m, icl, fcl, hc, sensitivity } = person;
  for (let h = 0; h < HOURS; h++) {
    bareHour(h, state);
    if (!occupiedHour(h)) continue;
    const { outAir, outS } = state;
    for (let i = 0; i < ZONES; i++) {
      const air = outAir[i];
      const pmv = pmvOfPerson(air, outS[i], 500 * saturationVapourPressure(air), m, m, icl, fcl, hc, sensitivity, clothingTemperature, i);
      pmvs[i] = pmv;
      ppds[i] = ppdOf(pmv);
    }
  }
  return state.massEnd[0] + (Number.isNaN(pmvs[0]) ? 0 : pmvs[0] + ppds[0]);
}

// Built once, like the bare loop's coefficients: the bench times stepping, not setup.
const batch = new Zone5R1CBatch(params);

function batchYear(): number {
  batch.reset();
  for (let h = 0; h < HOURS; h++) {
    fillInputs(h, batch.internalGains, batch.solarGains, ZONES);
    batch.step(outdoor[h]);
  }
  return batch.massTemperatureEnd[0];
}

function classYear(): number {
  const zones = params.slice(0, CLASS_ZONES).map((p) => new Zone5R1C(p));
  const internal = new Float64Array(CLASS_ZONES);
  const solar = new Float64Array(CLASS_ZONES);
  let sink = 0;
  for (let h = 0; h < HOURS; h++) {
    fillInputs(h, internal, solar, CLASS_ZONES);
    for (let i = 0; i < CLASS_ZONES; i++) sink += zones[i].step({ outdoorTemperature: outdoor[h], internalGains: internal[i], solarGains: solar[i] }).heatingCoolingPower;
  }
  return sink;
}

// Own timings alongside vitest's table, so zone-years/s and the ratio are printed directly. They
// use this process's CPU time (best run), which a busy shared machine disturbs less than wall time.
const best = new Map<string, number>();
function timed(name: string, zones: number, run: () => number): () => void {
  return () => {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    best.set(name, Math.max(best.get(name) ?? 0, zones / seconds));
  };
}

let sinkCheck = 0;
const options = { time: 1500, iterations: 4, warmupIterations: 1, warmupTime: 0 };

describe(`5R1C zone stepping, ${HOURS} h (1 op = 1 simulated year of all zones)`, () => {
  bench(`bare typed-array loop (the limit), ${ZONES} zones`, timed('bare', ZONES, () => (sinkCheck += bareYear())), options);
  bench(`bare typed-array loop with PMV/PPD of occupied hours, ${ZONES} zones`, timed('bareComfort', ZONES, () => (sinkCheck += bareComfortYear())), options);
  bench(`Zone5R1CBatch (library hot path), ${ZONES} zones`, timed('batch', ZONES, () => (sinkCheck += batchYear())), options);
  bench(`Zone5R1C per-zone class (reference), ${CLASS_ZONES} zones`, timed('class', CLASS_ZONES, () => (sinkCheck += classYear())), options);
});

// The real runner: the sample campus, generated in memory and bound with the default mapping,
// at 2,000 and 10,000 zones, stepped by the kernel a worker runs (gains, schedules, plant,
// interventions, CO2, PMV/PPD), with results streamed as chunks and dropped here.
function campusModel(zones: number): BoundModel {
  const world = generateWorld('campus', { scale: Math.ceil(zones / 100) });
  const twins = new Map<string, Record<string, unknown>>();
  for (const twin of world.twins) twins.set(twin.$dtId, twin);
  const edges = new Map<string, { name: string; target: string }[]>();
  for (const r of world.relationships) edges.set(r.$sourceId, [...(edges.get(r.$sourceId) ?? []), { name: r.$relationshipName, target: r.$targetId }]);
  const snapshot: GraphSnapshot = {
    twinsOf: (models) => new Map([...twins].filter(([, twin]) => models.includes((twin.$metadata as { $model: string }).$model))),
    exists: (id) => twins.has(id),
    edges,
  };
  const model = bindGraph(snapshot, defaultSimMapping, campusScenario);
  if (model.zones.length < zones) throw new Error(`the campus has ${model.zones.length} zones, fewer than ${zones}`);
  return { ...model, zones: model.zones.slice(0, zones) };
}

const campusScenario: Scenario = { id: 'bench', start: '2025-01-01', horizonHours: HOURS, weather: { kind: 'synthetic' }, seed: 1 };
const campus2k = campusModel(ZONES);
const campus10k = campusModel(10_000);

/** The kernel alone, as a worker runs it: result columns filled and handed on, then reused (as a worker reuses stored chunks'). */
function kernelYear(model: BoundModel, thermalOnly: boolean): number {
  let sink = 0;
  const spare: Record<ResultColumn, Float64Array>[] = [];
  runKernel(
    model,
    { scenario: campusScenario, weather, thermalOnly },
    {
      onChunk: (chunk) => {
        sink += chunk.columns.air_temperature[0]!;
        spare.push(chunk.columns as Record<ResultColumn, Float64Array>);
      },
      columns: (length) => (spare.length > 0 && spare[0]!.air_temperature.length === length ? spare.shift()! : newChunkColumns(length, 1)),
    },
  );
  return sink;
}

// End to end: the worker computes while this thread stores each chunk in a real history
// database (data chunks, then one INSERT per chunk), as `twinbench simulate` does.
const wall = new Map<string, number>();
let storeRoot = '';
let history: HistoryStore | undefined;
let runNumber = 0;
async function storedYear(name: string, model: BoundModel, store: boolean): Promise<number> {
  const start = performance.now();
  let steps: number;
  if (store) {
    history ??= await HistoryStore.open({ path: join((storeRoot ||= await mkdtemp(join(tmpdir(), 'twinbench-sim-bench-'))), 'history.duckdb') });
    const runs = new RunStore(history);
    const id = `bench-${++runNumber}`;
    await runs.create({ id, scenarioId: 'bench', status: 'running', baseline: false, seed: 1, zones: model.zones.length, steps: HOURS, stepsDone: 0, startedAt: new Date().toISOString() }, campusScenario, model.zones);
    steps = await startWorker({ model, scenario: campusScenario, weather }, (chunk) => runs.append(id, chunk)).done;
    await runs.delete(id);
  } else {
    steps = await startWorker({ model, scenario: campusScenario, weather }, async () => undefined).done;
  }
  const seconds = (performance.now() - start) / 1000;
  wall.set(name, Math.max(wall.get(name) ?? 0, model.zones.length / seconds));
  return steps;
}

const runnerOptions = { time: 0, iterations: 2, warmupIterations: 0, warmupTime: 0 };
// The first year also compiles the kernel: one year to warm up, then the best of three.
const kernelOptions = { ...runnerOptions, iterations: 3, warmupIterations: 1 };
const once = { ...runnerOptions, iterations: 1 };
const storeLarge = process.env.TWINBENCH_BENCH_SIM_STORE_10K === '1';

describe(`the simulation runner on the sample campus, ${HOURS} h`, () => {
  bench(`runner kernel, full (CO2, PMV/PPD), ${ZONES} zones`, timed('runner', ZONES, () => (sinkCheck += kernelYear(campus2k, false))), kernelOptions);
  bench(`runner kernel, thermal only, ${ZONES} zones`, timed('runnerThermal', ZONES, () => (sinkCheck += kernelYear(campus2k, true))), kernelOptions);
  bench(`runner kernel, full, 10,000 zones`, timed('runner10k', 10_000, () => (sinkCheck += kernelYear(campus10k, false))), once);
  bench(`runner in a worker thread, results dropped (wall clock), ${ZONES} zones`, async () => void (sinkCheck += await storedYear('worker', campus2k, false)), once);
  bench(`runner in a worker thread, results stored in DuckDB (wall clock), ${ZONES} zones`, async () => void (sinkCheck += await storedYear('stored', campus2k, true)), once);
  if (storeLarge) bench(`runner in a worker thread, results stored in DuckDB (wall clock), 10,000 zones`, async () => void (sinkCheck += await storedYear('stored10k', campus10k, true)), once);
});

afterAll(async () => {
  await history?.close();
  if (storeRoot) await rm(storeRoot, { recursive: true, force: true });
  const bare = best.get('bare') ?? NaN;
  const ratio = (value: number) => `${(value / bare).toFixed(2)}× the bare loop`;
  const runner = best.get('runner') ?? NaN;
  const thermal = best.get('runnerThermal') ?? NaN;
  const runner10k = best.get('runner10k') ?? NaN;
  const worker = wall.get('worker') ?? NaN;
  const stored = wall.get('stored') ?? NaN;
  const batchRate = best.get('batch') ?? NaN;
  // RC_BuildingSimulator (Python, one zone object per step) publishes about 9 zone-years/s.
  const rcBuildingSimulator = 9;
  const bareComfort = best.get('bareComfort') ?? NaN;
  console.log(
    `bare 5R1C loop: ${bare.toFixed(0)} zone-years per CPU-second; the same loop with ISO 7730 PMV/PPD for ${(100 * occupiedShare).toFixed(0)} % of zone-hours ` +
      `${bareComfort.toFixed(0)} (${ratio(bareComfort)}: the most a runner that computes comfort can reach)\n` +
      `compute only, zone-years per CPU-second: full runner ${runner.toFixed(0)} (${ratio(runner)}), thermal only ${thermal.toFixed(0)} (${ratio(thermal)}), ` +
      `10,000 zones full ${runner10k.toFixed(0)} (${ratio(runner10k)})\n` +
      `per worker (the kernel runs on one thread): goal ≥ 1,000 zone-years/s full ${runner >= 1000 ? 'met' : 'not met'}, goal 0.7× the bare loop ${runner / bare >= 0.7 ? 'met' : 'not met'}; ` +
      `CO2 and PMV/PPD take ${(100 * (1 - runner / thermal)).toFixed(0)} % of a full run's time; thermal only runs at ${(thermal / batchRate).toFixed(2)}× Zone5R1CBatch alone\n` +
      `in a worker (wall clock, zone-years/s): results dropped ${worker.toFixed(0)} (${ratio(worker)}), end to end with DuckDB storage ${stored.toFixed(0)} (${ratio(stored)})` +
      (storeLarge ? `, 10,000 zones end to end ${(wall.get('stored10k') ?? NaN).toFixed(0)}` : '') +
      `\nRC_BuildingSimulator's published ≈${rcBuildingSimulator} zone-years/s: full runner ${(runner / rcBuildingSimulator).toFixed(0)}×, end to end ${(stored / rcBuildingSimulator).toFixed(0)}× faster`,
  );

  const batch = best.get('batch') ?? NaN;
  const cls = best.get('class') ?? NaN;
  console.log(
    `zone-years per CPU-second (best run): bare ${bare.toFixed(0)}, Zone5R1CBatch ${batch.toFixed(0)} (${(batch / bare).toFixed(2)}× the bare loop), ` +
      `Zone5R1C class ${cls.toFixed(0)} (${(cls / bare).toFixed(2)}×)${Number.isFinite(sinkCheck) ? '' : ' [non-finite result]'}`,
  );
});
