// Thermal comfort: Fanger's PMV and PPD as defined by ISO 7730:2005 clause 4 (eqs. 1–5), with
// the clothing surface temperature found by the damped fixed-point iteration of Annex D.
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

const within = (value: number, [lo, hi]: readonly [number, number]): boolean => value >= lo - 1e-9 && value <= hi + 1e-9;

/** PMV and PPD per ISO 7730:2005 eqs. 1–5; NaN for both outside the clause 4.1 limits or when |PMV| > 2. */
export function pmvPpd(input: PmvInput): PmvResult {
  const ta = finite('pmvPpd', 'airTemperature', input.airTemperature);
  const tr = finite('pmvPpd', 'radiantTemperature', input.radiantTemperature);
  const vel = finite('pmvPpd', 'airSpeed', input.airSpeed);
  const rh = finite('pmvPpd', 'relativeHumidity', input.relativeHumidity);
  const m = finite('pmvPpd', 'metabolicRate', input.metabolicRate) * MET;
  const w = finite('pmvPpd', 'externalWork', input.externalWork ?? 0) * MET;
  const icl = finite('pmvPpd', 'clothing', input.clothing) * CLO;
  const pa = rh * 10 * saturationVapourPressure(ta); // Pa
  const invalid: PmvResult = { pmv: NaN, ppd: NaN };
  if (
    !within(m, PMV_LIMITS.metabolicRate) ||
    !within(icl, PMV_LIMITS.clothing) ||
    !within(ta, PMV_LIMITS.airTemperature) ||
    !within(tr, PMV_LIMITS.radiantTemperature) ||
    !within(vel, PMV_LIMITS.airSpeed) ||
    !within(pa, PMV_LIMITS.vapourPressure) ||
    rh < 0 ||
    rh > 100
  ) {
    return invalid;
  }
  const mw = m - w;
  // Eq. 4: clothing area factor.
  const fcl = icl <= 0.078 ? 1 + 1.29 * icl : 1.05 + 0.645 * icl;
  // Eq. 3: forced convection coefficient; the natural one depends on t_cl.
  const hcForced = 12.1 * Math.sqrt(vel);
  const taK = ta + 273;
  const trK4 = (tr + 273) ** 4;
  // Eq. 2, solved for t_cl by a damped fixed point in x = (t_cl + 273)/100 (as Annex D does).
  const p1 = icl * fcl;
  const p2 = p1 * 3.96;
  const p3 = p1 * 100;
  const p4 = p1 * taK;
  const p5 = 308.7 - 0.028 * mw + p2 * (trK4 / 1e8);
  let xn = (taK + (35.5 - ta) / (3.5 * icl + 0.1)) / 100;
  let xf = xn;
  let hc = hcForced;
  for (let iteration = 0; iteration < 200; iteration++) {
    xf = (xf + xn) / 2;
    const hcNatural = 2.38 * Math.abs(100 * xf - taK) ** 0.25;
    hc = Math.max(hcForced, hcNatural);
    xn = (p5 + p4 * hc - p2 * xf ** 4) / (100 + p3 * hc);
    if (Math.abs(xn - xf) < 1e-9) break;
  }
  const tcl = 100 * xn - 273;
  // Eq. 1: heat-balance terms (W/m²).
  const skinDiffusion = 3.05e-3 * (5733 - 6.99 * mw - pa);
  const sweat = mw > MET ? 0.42 * (mw - MET) : 0;
  const latentRespiration = 1.7e-5 * m * (5867 - pa);
  const dryRespiration = 0.0014 * m * (34 - ta);
  const radiation = 3.96e-8 * fcl * ((tcl + 273) ** 4 - trK4);
  const convection = fcl * hc * (tcl - ta);
  const pmv = (0.303 * Math.exp(-0.036 * m) + 0.028) * (mw - skinDiffusion - sweat - latentRespiration - dryRespiration - radiation - convection);
  if (!within(pmv, PMV_LIMITS.pmv)) return invalid;
  return { pmv, ppd: ppdOf(pmv) };
}

/** PPD (%) of a PMV, ISO 7730 eq. 5: 100 − 95·exp(−0.03353·PMV⁴ − 0.2179·PMV²). */
export function ppdOf(pmv: number): number {
  return 100 - 95 * Math.exp(-0.03353 * pmv ** 4 - 0.2179 * pmv ** 2);
}
