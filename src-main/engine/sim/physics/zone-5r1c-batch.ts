// Many 5R1C zones stepped together over struct-of-arrays state: the simulator's hot loop.
// The Annex C equations are linear in the inputs, so C.4–C.11 collapse per zone into a few
// precomputed coefficients, and the C.4.2 interpolation between 0 and 10 W/m² (eq. C.13) is
// exact with the slope dθ_air/dΦ_HC computed once. Results match Zone5R1C to rounding.
import { capacity, finite, invalidArgument, nonNegative } from './validate';
import { DIVERGENCE_LIMIT, divergenceError } from './zone-5r1c';
import {
  resolveZone5R1CParams,
  ventilationConductance,
  zone5R1CNetwork,
  type ResolvedZone5R1CParams,
  type Zone5R1CNetwork,
  type Zone5R1CParams,
} from './zone-5r1c-params';

/**
 * One zone's step as linear maps (g = ½Φ_int + Φ_sol, a = ½Φ_int + Φ_HC):
 * θ_m,t = p·θ_m,t−1 + mG·g + mE·θ_e + mA·a;  θ_m = ½(θ_m,t + θ_m,t−1);
 * θ_s = sM·θ_m + sG·g + sE·θ_e + sA·a;  θ_air = aS·θ_s + aE·θ_e + aA·a;  dθ_air/dΦ_HC = 1/invSlope.
 */
export interface Zone5R1CCoefficients {
  readonly p: number;
  readonly mG: number;
  readonly mE: number;
  readonly mA: number;
  readonly sM: number;
  readonly sG: number;
  readonly sE: number;
  readonly sA: number;
  readonly aS: number;
  readonly aE: number;
  readonly aA: number;
  readonly invSlope: number;
}

/** Collapses eqs. C.2–C.11 of one network and step length (s) into linear coefficients. */
export function zone5R1CCoefficients(n: Zone5R1CNetwork, stepSeconds: number): Zone5R1CCoefficients {
  const h1 = 1 / (1 / n.hVe + 1 / n.hIs); // C.6
  const h2 = h1 + n.hW; // C.7
  const h3 = 1 / (1 / h2 + 1 / n.hMs); // C.8
  const c = n.cM / stepSeconds;
  const half = 0.5 * (h3 + n.hEm);
  const q = 1 / (c + half); // C.4 denominator
  const r = h3 / h2; // C.5 weight of the surface/air branch
  const sDen = 1 / (n.hMs + n.hW + h1); // C.10 denominator
  const aDen = 1 / (n.hIs + n.hVe); // C.11 denominator
  const mA = q * r * (h1 / n.hVe);
  const sM = n.hMs * sDen;
  const sA = (h1 / n.hVe) * sDen;
  const aS = n.hIs * aDen;
  const aA = aDen;
  const slope = aS * (sM * 0.5 * mA + sA) + aA;
  return {
    p: (c - half) * q,
    mG: q * (n.massShare + r * n.surfaceShare),
    mE: q * (n.hEm + r * (n.hW + h1)),
    mA,
    sM,
    sG: n.surfaceShare * sDen,
    sE: (n.hW + h1) * sDen,
    sA,
    aS,
    aE: n.hVe * aDen,
    aA,
    invSlope: 1 / slope,
  };
}

const CONTEXT = 'Zone5R1CBatch';
const COEFFICIENT_NAMES = ['p', 'mG', 'mE', 'mA', 'sM', 'sG', 'sE', 'sA', 'aS', 'aE', 'aA', 'invSlope'] as const;
/** Coefficients of one ventilation rate. */
const SLOT = 12;
/** Values per zone in the packed array: two coefficient slots, the 4 controls, padding to 4 cache lines. */
const STRIDE = 32;
const SET_HEAT = 2 * SLOT;
const SET_COOL = SET_HEAT + 1;
const MAX_HEAT = SET_HEAT + 2;
const MAX_COOL = SET_HEAT + 3;

/** The HVAC controls of one zone in a batch. */
export interface Zone5R1CControls {
  /** Heating setpoint, °C (−Infinity: heating off). */
  readonly heatingSetpoint: number;
  /** Cooling setpoint, °C (+Infinity: cooling off). */
  readonly coolingSetpoint: number;
  /** Heating capacity, W (0: off or failed). */
  readonly maxHeatingPower: number;
  /** Cooling capacity as a positive number, W (0: off or failed). */
  readonly maxCoolingPower: number;
}

/** N 5R1C zones with one step length, stepped together; inputs and outputs are Float64Arrays indexed by zone. */
export class Zone5R1CBatch {
  /** Number of zones. */
  readonly size: number;
  /** Step length, s (divides 3600). */
  readonly stepSeconds: number;
  /** Resolved parameters of each zone. */
  readonly params: readonly ResolvedZone5R1CParams[];

  /** Input: internal gains Φ_int per zone, W. */
  readonly internalGains: Float64Array;
  /** Input: solar gains Φ_sol per zone, W. */
  readonly solarGains: Float64Array;
  /** Output: heating (+) / cooling (−) power on the air node, W. */
  readonly heatingCoolingPower: Float64Array;
  /** Output: air temperature, °C. */
  readonly airTemperature: Float64Array;
  /** Output: surface temperature, °C. */
  readonly surfaceTemperature: Float64Array;
  /** Output: mass temperature, mean over the step (C.9), °C. */
  readonly massTemperature: Float64Array;
  /** Output: operative temperature, °C. */
  readonly operativeTemperature: Float64Array;

  // Coefficients and controls packed per zone: one base pointer instead of 16 keeps the hot
  // loop's register pressure low (≈1.5–2× faster than one array per coefficient). Each zone has
  // two coefficient slots for two ventilation rates (a plant that runs by day and stops at night
  // switches between them without recomputing anything); `slot` is the offset of the one in use.
  private readonly packed: Float64Array;
  private readonly slot: Int32Array;
  private readonly slotAch: Float64Array;
  private readonly networks: Zone5R1CNetwork[];
  // Double-buffered state: a failed step leaves the state where it was.
  private massEnd: Float64Array;
  private massNext: Float64Array;
  private stepIndex = 0;

  constructor(zones: readonly Zone5R1CParams[], options: { readonly stepSeconds?: number } = {}) {
    if (!Array.isArray(zones) || zones.length === 0) throw invalidArgument(CONTEXT, 'zones', zones, 'a non-empty array of zone parameters');
    const resolved = zones.map((z, i) => resolveZone5R1CParams({ ...z, stepSeconds: options.stepSeconds ?? z.stepSeconds ?? 3600 }, `${CONTEXT} zone ${i}`));
    const stepSeconds = resolved[0].stepSeconds;
    const other = resolved.findIndex((r) => r.stepSeconds !== stepSeconds);
    if (other >= 0) throw invalidArgument(CONTEXT, 'stepSeconds', resolved[other].stepSeconds, `the same for every zone (zone 0 has ${stepSeconds})`, { zone: other });
    this.size = resolved.length;
    this.stepSeconds = stepSeconds;
    this.params = resolved;
    this.networks = resolved.map(zone5R1CNetwork);
    const n = this.size;
    this.internalGains = new Float64Array(n);
    this.solarGains = new Float64Array(n);
    this.heatingCoolingPower = new Float64Array(n);
    this.airTemperature = new Float64Array(n);
    this.surfaceTemperature = new Float64Array(n);
    this.massTemperature = new Float64Array(n);
    this.operativeTemperature = new Float64Array(n);
    this.massEnd = Float64Array.from(resolved, (p) => p.initialMassTemperature);
    this.massNext = new Float64Array(n);
    this.packed = new Float64Array(n * STRIDE);
    this.slot = Int32Array.from(resolved, (_, i) => i * STRIDE);
    this.slotAch = new Float64Array(2 * n).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      this.slotAch[2 * i] = resolved[i].ventilationAch;
      this.writeCoefficients(i, 0);
      const o = i * STRIDE;
      this.packed[o + SET_HEAT] = resolved[i].heatingSetpoint;
      this.packed[o + SET_COOL] = resolved[i].coolingSetpoint;
      this.packed[o + MAX_HEAT] = resolved[i].maxHeatingPower;
      this.packed[o + MAX_COOL] = resolved[i].maxCoolingPower;
    }
  }

  /** Mass temperature θ_m,t at the end of the last step per zone (the state), °C; read-only view. */
  get massTemperatureEnd(): Float64Array {
    return this.massEnd;
  }

  /** Steps taken since construction or the last reset. */
  get steps(): number {
    return this.stepIndex;
  }

  /** The current setpoints (°C) and capacities (W) of one zone. */
  controls(zone: number): Zone5R1CControls {
    const o = this.zoneIndex(zone) * STRIDE;
    const k = this.packed;
    return { heatingSetpoint: k[o + SET_HEAT], coolingSetpoint: k[o + SET_COOL], maxHeatingPower: k[o + MAX_HEAT], maxCoolingPower: k[o + MAX_COOL] };
  }

  /** Sets one zone's setpoints, °C; −Infinity / +Infinity switch heating / cooling off. */
  setSetpoints(zone: number, heatingSetpoint: number, coolingSetpoint: number): void {
    const o = this.zoneIndex(zone) * STRIDE;
    const heat = heatingSetpoint === -Infinity ? -Infinity : finite(CONTEXT, 'heatingSetpoint', heatingSetpoint);
    const cool = coolingSetpoint === Infinity ? Infinity : finite(CONTEXT, 'coolingSetpoint', coolingSetpoint);
    if (heat > cool) throw invalidArgument(CONTEXT, 'heatingSetpoint', heat, `≤ coolingSetpoint (${cool})`, { zone });
    this.packed[o + SET_HEAT] = heat;
    this.packed[o + SET_COOL] = cool;
  }

  /** Sets one zone's capacities, W (≥ 0, Infinity unlimited); 0 for a failed or scheduled-off plant. */
  setCapacities(zone: number, maxHeatingPower: number, maxCoolingPower: number): void {
    const o = this.zoneIndex(zone) * STRIDE;
    this.packed[o + MAX_HEAT] = capacity(CONTEXT, 'maxHeatingPower', maxHeatingPower);
    this.packed[o + MAX_COOL] = capacity(CONTEXT, 'maxCoolingPower', maxCoolingPower);
  }

  /** Switches one zone's HVAC off (capacities 0) or back on (the capacities of its parameters). */
  setHvacAvailable(zone: number, available: boolean): void {
    const p = this.params[this.zoneIndex(zone)];
    this.setCapacities(zone, available ? p.maxHeatingPower : 0, available ? p.maxCoolingPower : 0);
  }

  /**
   * Changes zone `zone`'s mechanical ventilation (1/h). The zone keeps the coefficients of its last
   * two rates: switching back to one of them costs nothing, a third rate is computed once.
   */
  setVentilationAch(zone: number, ventilationAch: number): void {
    const i = this.zoneIndex(zone);
    const ach = nonNegative(CONTEXT, 'ventilationAch', ventilationAch);
    const current = (this.slot[i] - i * STRIDE) / SLOT;
    if (this.slotAch[2 * i + current] === ach) return;
    const other = 1 - current;
    if (this.slotAch[2 * i + other] !== ach) {
      const p = this.params[i];
      const hVe = ventilationConductance(p.volume, ach, p.infiltrationAch, p.heatRecoveryEfficiency);
      if (!(hVe > 0)) throw invalidArgument(CONTEXT, 'ventilationAch', ventilationAch, 'such that ventilation + infiltration, after heat recovery, is > 0', { zone: i });
      this.networks[i] = { ...this.networks[i], hVe };
      this.writeCoefficients(i, other);
      this.slotAch[2 * i + other] = ach;
    }
    this.slot[i] = i * STRIDE + other * SLOT;
  }

  /** Restarts every zone from its initial mass temperature, or from `massTemperature` (°C). */
  reset(massTemperature?: number): void {
    for (let i = 0; i < this.size; i++) {
      this.massEnd[i] = massTemperature === undefined ? this.params[i].initialMassTemperature : finite(CONTEXT, 'massTemperature', massTemperature);
    }
    this.stepIndex = 0;
  }

  /**
   * Advances every zone one step with a common outdoor temperature (°C) or one per zone, reading
   * the input arrays and writing the output arrays. A non-finite or diverging zone throws an
   * InvalidArgument naming the zone and the inputs that caused it; the state then stays unchanged.
   */
  step(outdoorTemperature: number | Float64Array): void {
    const perZone = typeof outdoorTemperature !== 'number';
    if (perZone && outdoorTemperature.length !== this.size) {
      throw invalidArgument(CONTEXT, 'outdoorTemperature', outdoorTemperature.length, `a number or a Float64Array of length ${this.size}`);
    }
    const te0 = perZone ? 0 : outdoorTemperature;
    const teArr = perZone ? outdoorTemperature : this.airTemperature; // unread when the scalar is used
    const k = this.packed;
    const slot = this.slot;
    const gInt = this.internalGains;
    const gSol = this.solarGains;
    const outHC = this.heatingCoolingPower;
    const outAir = this.airTemperature;
    const outS = this.surfaceTemperature;
    const outM = this.massTemperature;
    const outOp = this.operativeTemperature;
    const m0Arr = this.massEnd;
    const m1Arr = this.massNext;
    const n = this.size;
    const limit2 = DIVERGENCE_LIMIT * DIVERGENCE_LIMIT;
    let bad = -1;
    for (let i = 0; i < n; i++) {
      const te = perZone ? teArr[i] : te0;
      const m0 = m0Arr[i];
      const o = slot[i];
      const c = i * STRIDE;
      const p = k[o];
      const mG = k[o + 1];
      const mE = k[o + 2];
      const mA = k[o + 3];
      const sM = k[o + 4];
      const sG = k[o + 5];
      const sE = k[o + 6];
      const sA = k[o + 7];
      const aS = k[o + 8];
      const aE = k[o + 9];
      const aA = k[o + 10];
      const halfInt = 0.5 * gInt[i];
      const g = halfInt + gSol[i];
      // Free-floating (C.4.2 step 1); the terms without Φ_HC are kept for step 4.
      const mBase = p * m0 + mG * g + mE * te;
      const sBase = sG * g + sE * te;
      const aBase = aE * te;
      let mEnd = mBase + mA * halfInt;
      let s = sM * 0.5 * (mEnd + m0) + sBase + sA * halfInt;
      let air = aS * s + aBase + aA * halfInt;
      let phi = 0;
      const lo = k[c + SET_HEAT];
      const hi = k[c + SET_COOL];
      if (air < lo || air > hi) {
        // C.4.2 steps 2–4: power to reach the setpoint, limited by capacity, then the final state.
        phi = ((air < lo ? lo : hi) - air) * k[o + 11];
        const mh = k[c + MAX_HEAT];
        const mc = -k[c + MAX_COOL];
        phi = phi > mh ? mh : phi < mc ? mc : phi;
        const a = halfInt + phi;
        mEnd = mBase + mA * a;
        s = sM * 0.5 * (mEnd + m0) + sBase + sA * a;
        air = aS * s + aBase + aA * a;
      }
      // One test catches NaN (comparisons with NaN are false) and divergence of either node.
      if (!(mEnd * mEnd + air * air < limit2) && bad < 0) bad = i;
      m1Arr[i] = mEnd;
      outHC[i] = phi;
      outAir[i] = air;
      outS[i] = s;
      outM[i] = 0.5 * (mEnd + m0);
      outOp[i] = 0.3 * air + 0.7 * s;
    }
    if (bad >= 0) this.fail(bad, perZone ? teArr[bad] : te0);
    this.massEnd = m1Arr;
    this.massNext = m0Arr;
    this.stepIndex++;
  }

  private fail(i: number, te: number): never {
    const m0 = this.massEnd[i];
    const mEnd = this.massNext[i];
    const air = this.airTemperature[i];
    const surface = this.surfaceTemperature[i];
    const phi = this.heatingCoolingPower[i];
    // Setpoints may legitimately be ±Infinity (HVAC off), so only the driving inputs are suspects.
    const inputs = { outdoorTemperature: te, internalGains: this.internalGains[i], solarGains: this.solarGains[i], massTemperature: m0 };
    throw divergenceError(CONTEXT, i, this.stepIndex, inputs, this.params[i].floorArea, { heatingCoolingPower: phi, airTemperature: air, surfaceTemperature: surface, massTemperatureEnd: mEnd });
  }

  private zoneIndex(zone: number): number {
    if (!Number.isInteger(zone) || zone < 0 || zone >= this.size) throw invalidArgument(CONTEXT, 'zone', zone, `an integer in [0, ${this.size - 1}]`);
    return zone;
  }

  private writeCoefficients(i: number, slot: number): void {
    const k = zone5R1CCoefficients(this.networks[i], this.stepSeconds);
    COEFFICIENT_NAMES.forEach((name, j) => (this.packed[i * STRIDE + slot * SLOT + j] = k[name]));
  }
}
