// Thermal comfort: Fanger's PMV and PPD as defined by ISO 7730:2005 clause 4 (eqs. 1–5), with
// the clothing surface temperature of eq. 2 found by a bracketed Newton iteration.
import { finite } from './validate';

/** Conditions for PMV/PPD. */
export interface PmvInput {
  /** Air temperature t_a, °C. */
  readonly airTemperature: number;
  /** Mean radiant temperature t̄_r, °C. */
  readonly radiantTemperature: number;
  /** Relative air speed v_ar, m/s. */
  readonly airSpeed: number;
  /** Relative humidity, % (0–100). */
  readonly relativeHumidity: number;
  /** Metabolic rate, met (1 met = 58.15 W/m²). */
  readonly metabolicRate: number;
  /** Clothing insulation, clo (1 clo = 0.155 m²·K/W). */
  readonly clothing: number;
  /** External work, met; default 0. */
  readonly externalWork?: number;
}

/** PMV (−3…+3) and PPD (%); both NaN outside the validity limits of ISO 7730 clause 4.1. */
export interface PmvResult {
  readonly pmv: number;
  readonly ppd: number;
}

/** W/m² per met (ISO 7730 Table B.1). */
export const MET = 58.15;
/** m²·K/W per clo (ISO 7730 Table C.1). */
export const CLO = 0.155;

/** Saturation water-vapour pressure over water, kPa, at t (°C): the Annex D formula exp(16.6536 − 4030.183/(t + 235)). */
export function saturationVapourPressure(temperature: number): number {
  return Math.exp(16.6536 - 4030.183 / (temperature + 235));
}

/** Validity limits of ISO 7730 clause 4.1 (the PMV is only defined inside them). */
export const PMV_LIMITS = {
  /** M, W/m² (0.8–4 met). */
  metabolicRate: [46, 232],
  /** I_cl, m²·K/W (0–2 clo). */
  clothing: [0, 0.31],
  /** t_a, °C. */
  airTemperature: [10, 30],
  /** t̄_r, °C. */
  radiantTemperature: [10, 40],
  /** v_ar, m/s. */
  airSpeed: [0, 1],
  /** p_a, Pa. */
  vapourPressure: [0, 2700],
  /** PMV itself: the standard recommends the index only within ±2. */
  pmv: [-2, 2],
} as const;

// Each limit widened by 10⁻⁹ for rounding, as plain numbers: the checks run on every solve.
const [M_LOW, M_HIGH] = widened(PMV_LIMITS.metabolicRate);
const [ICL_LOW, ICL_HIGH] = widened(PMV_LIMITS.clothing);
const [TA_LOW, TA_HIGH] = widened(PMV_LIMITS.airTemperature);
const [TR_LOW, TR_HIGH] = widened(PMV_LIMITS.radiantTemperature);
const [VEL_LOW, VEL_HIGH] = widened(PMV_LIMITS.airSpeed);
const [PA_LOW, PA_HIGH] = widened(PMV_LIMITS.vapourPressure);
const [PMV_LOW, PMV_HIGH] = widened(PMV_LIMITS.pmv);

function widened([low, high]: readonly [number, number]): [number, number] {
  return [low - 1e-9, high + 1e-9];
}

/** PMV and PPD per ISO 7730:2005 eqs. 1–5; NaN for both outside the clause 4.1 limits or when |PMV| > 2. */
export function pmvPpd(input: PmvInput): PmvResult {
  const ta = finite('pmvPpd', 'airTemperature', input.airTemperature);
  const tr = finite('pmvPpd', 'radiantTemperature', input.radiantTemperature);
  const vel = finite('pmvPpd', 'airSpeed', input.airSpeed);
  const rh = finite('pmvPpd', 'relativeHumidity', input.relativeHumidity);
  const m = finite('pmvPpd', 'metabolicRate', input.metabolicRate) * MET;
  const w = finite('pmvPpd', 'externalWork', input.externalWork ?? 0) * MET;
  const icl = finite('pmvPpd', 'clothing', input.clothing) * CLO;
  const pmv = rh < 0 || rh > 100 ? NaN : pmvOf(ta, tr, vel, rh * 10 * saturationVapourPressure(ta), m, w, icl, new Float64Array([NaN]), 0);
  return Number.isNaN(pmv) ? { pmv: NaN, ppd: NaN } : { pmv, ppd: ppdOf(pmv) };
}

// Eq. 2 is solved on this bracket, which holds the root for every input inside the validity
// limits (the heat balance is negative at −100 °C and positive at 150 °C).
const TCL_LOW = -100;
const TCL_HIGH = 150;
const TCL_TOLERANCE = 1e-9;

/**
 * PMV (ISO 7730 eqs. 1–4) from inputs in the standard's units: t_a and t̄_r in °C, v_ar in m/s,
 * p_a in Pa, M and W in W/m², I_cl in m²·K/W; NaN outside the clause 4.1 limits or beyond ±2.
 * The clothing surface temperature t_cl starts from `tcl[index]` (°C; NaN: the Annex D first
 * guess) and the converged value is written back there, so a caller stepping the same person
 * through time starts each solve next to its root. Eq. 2 is solved by Newton's method on the
 * heat balance, kept inside a bracket that shrinks with every step: the same root as the Annex D
 * fixed point, to 10⁻⁹ K, in two or three iterations instead of tens.
 */
export function pmvOf(ta: number, tr: number, vel: number, pa: number, m: number, w: number, icl: number, tcl: Float64Array, index: number): number {
  if (!pmvPersonValid(m, icl, vel) || !pmvConditionsValid(ta, tr, pa)) return NaN;
  return pmvOfPerson(ta, tr, pa, m, m - w, icl, clothingAreaFactor(icl), forcedConvection(vel), pmvSensitivity(m), tcl, index);
}

/** True when M (W/m²), I_cl (m²·K/W) and v_ar (m/s) are inside the clause 4.1 limits. */
export function pmvPersonValid(m: number, icl: number, vel: number): boolean {
  return m >= M_LOW && m <= M_HIGH && icl >= ICL_LOW && icl <= ICL_HIGH && vel >= VEL_LOW && vel <= VEL_HIGH;
}

/** True when t_a, t̄_r (°C) and p_a (Pa) are inside the clause 4.1 limits. */
export function pmvConditionsValid(ta: number, tr: number, pa: number): boolean {
  return ta >= TA_LOW && ta <= TA_HIGH && tr >= TR_LOW && tr <= TR_HIGH && pa >= PA_LOW && pa <= PA_HIGH;
}

/** Eq. 4: clothing area factor f_cl of I_cl (m²·K/W). */
export function clothingAreaFactor(icl: number): number {
  return icl <= 0.078 ? 1 + 1.29 * icl : 1.05 + 0.645 * icl;
}

/** Eq. 3: forced convection coefficient 12.1·√v_ar, W/(m²·K); the natural one depends on t_cl. */
export function forcedConvection(vel: number): number {
  return 12.1 * Math.sqrt(vel);
}

/** Eq. 1: the thermal sensation per W/m² of heat load, 0.303·e^(−0.036·M) + 0.028. */
export function pmvSensitivity(m: number): number {
  return 0.303 * Math.exp(-0.036 * m) + 0.028;
}

/**
 * PMV of `pmvOf` with what depends on the person alone given: M and M − W (W/m²), I_cl, f_cl,
 * the forced convection coefficient and the sensitivity, each from the functions above, and the
 * inputs already known to be valid. A caller solving the same people step after step computes
 * those once; the result is the same number `pmvOf` gives.
 */
export function pmvOfPerson(ta: number, tr: number, pa: number, m: number, mw: number, icl: number, fcl: number, hcForced: number, sensitivity: number, tcl: Float64Array, index: number): number {
  const trK = tr + 273;
  const trK4 = trK * trK * trK * trK;
  // Eq. 2 as f(t) = t − (35.7 − 0.028·(M − W)) + I_cl·f_cl·(3.96·10⁻⁸·((t + 273)⁴ − (t̄_r + 273)⁴) + h_c(t)·(t − t_a)) = 0.
  // f rises with t (f′ ≥ 1), so the sign of f says on which side of the root t lies.
  const skin = 35.7 - 0.028 * mw;
  const a = icl * fcl;
  // Up to this |t − t_a| (K), natural convection 2.38·|t − t_a|^0.25 is below the forced one: the
  // margin of 10⁻⁹ is far above rounding, so skipping the two roots there changes no result.
  const ratio = hcForced / 2.38;
  const forcedUpTo = ratio * ratio * ratio * ratio * (1 - 1e-9);
  const start = tcl[index]!;
  let t = start > TCL_LOW && start < TCL_HIGH ? start : ta + (35.5 - ta) / (3.5 * icl + 0.1);
  let low = TCL_LOW;
  let high = TCL_HIGH;
  for (let iteration = 0; iteration < 100; iteration++) {
    const d = t - ta;
    const hcNatural = naturalConvection(Math.abs(d), forcedUpTo);
    // d/dt of h_c·(t − t_a): h_c when forced, 1.25·h_c when natural (h_c ∝ |t − t_a|^0.25).
    const natural = hcNatural > hcForced;
    const hc = natural ? hcNatural : hcForced;
    const tK = t + 273;
    const tK3 = tK * tK * tK;
    const f = t - skin + a * (3.96e-8 * (tK3 * tK - trK4) + hc * d);
    if (f > 0) high = t;
    else low = t;
    let next = t - f / (1 + a * (1.584e-7 * tK3 + (natural ? 1.25 * hc : hc)));
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    const change = next - t;
    t = next;
    if (Math.abs(change) < TCL_TOLERANCE) break;
  }
  tcl[index] = t;
  // Eq. 1: heat-balance terms (W/m²).
  const hcNatural = naturalConvection(Math.abs(t - ta), forcedUpTo);
  const hc = hcNatural > hcForced ? hcNatural : hcForced;
  const tK = t + 273;
  const skinDiffusion = 3.05e-3 * (5733 - 6.99 * mw - pa);
  const sweat = mw > MET ? 0.42 * (mw - MET) : 0;
  const latentRespiration = 1.7e-5 * m * (5867 - pa);
  const dryRespiration = 0.0014 * m * (34 - ta);
  const radiation = 3.96e-8 * fcl * (tK * tK * tK * tK - trK4);
  const convection = fcl * hc * (t - ta);
  const pmv = sensitivity * (mw - skinDiffusion - sweat - latentRespiration - dryRespiration - radiation - convection);
  return pmv >= PMV_LOW && pmv <= PMV_HIGH ? pmv : NaN;
}

/** Eq. 3's natural convection coefficient 2.38·|t_cl − t_a|^0.25 at |t_cl − t_a| = `difference`, or 0 up to `forcedUpTo`, where the forced one is larger. */
function naturalConvection(difference: number, forcedUpTo: number): number {
  return difference > forcedUpTo ? 2.38 * Math.sqrt(Math.sqrt(difference)) : 0;
}

/** PPD (%) of a PMV, ISO 7730 eq. 5: 100 − 95·exp(−0.03353·PMV⁴ − 0.2179·PMV²). */
export function ppdOf(pmv: number): number {
  // PMV⁴ as the square of PMV²: a power function costs more than the exponential.
  const square = pmv * pmv;
  return 100 - 95 * Math.exp(-0.03353 * (square * square) - 0.2179 * square);
}
