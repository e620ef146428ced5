// Physics speed: zone-years per second of 5R1C stepping (8,760 hourly steps for N zones).
// The limit is a bare typed-array loop with only the 5R1C step math over precomputed
// coefficients; the library's Zone5R1CBatch should reach ≥ 0.7× of it, and ≥ 1,000 zone-years/s
// on one core. One bench operation is one simulated year of all its zones: zone-years/s = hz × N.
import { afterAll, bench, describe } from 'vitest';
import { Zone5R1C, Zone5R1CBatch, resolveZone5R1CParams, syntheticWeather, zone5R1CCoefficients, zone5R1CNetwork, type Zone5R1CParams } from '../../src-main/engine/sim/physics';

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

function bareYear(): number {
  const { p, mG, mE, mA, sM, sG, sE, sA, aS, aE, aA, invSlope, setH, setC, maxH, maxC } = coefficientArrays;
  const n = ZONES;
  const massEnd = new Float64Array(n).fill(20);
  const internal = new Float64Array(n);
  const solar = new Float64Array(n);
  const outHC = new Float64Array(n);
  const outAir = new Float64Array(n);
  const outS = new Float64Array(n);
  const outM = new Float64Array(n);
  const outOp = new Float64Array(n);
  for (let h = 0; h < HOURS; h++) {
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
  return massEnd[0] + outHC[0] + outAir[0] + outS[0] + outM[0] + outOp[0];
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
  bench(`Zone5R1CBatch (library hot path), ${ZONES} zones`, timed('batch', ZONES, () => (sinkCheck += batchYear())), options);
  bench(`Zone5R1C per-zone class (reference), ${CLASS_ZONES} zones`, timed('class', CLASS_ZONES, () => (sinkCheck += classYear())), options);
});

afterAll(() => {
  const bare = best.get('bare') ?? NaN;
  const batch = best.get('batch') ?? NaN;
  const cls = best.get('class') ?? NaN;
  console.log(
    `zone-years per CPU-second (best run): bare ${bare.toFixed(0)}, Zone5R1CBatch ${batch.toFixed(0)} (${(batch / bare).toFixed(2)}× the bare loop), ` +
      `Zone5R1C class ${cls.toFixed(0)} (${(cls / bare).toFixed(2)}×)${Number.isFinite(sinkCheck) ? '' : ' [non-finite result]'}`,
  );
});
