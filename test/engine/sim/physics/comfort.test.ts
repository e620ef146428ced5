// PMV/PPD against ISO 7730 Annex D Table D.1, and NaN outside the standard's validity limits.
import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError } from '../../../../src-shared/contract';
import { clothingAreaFactor, CLO, forcedConvection, MET, pmvConditionsValid, pmvOf, pmvOfPerson, pmvPersonValid, pmvPpd, pmvSensitivity, ppdOf, saturationVapourPressure } from '../../../../src-main/engine/sim/physics';
import { iso7730TableD1 } from './fixtures/iso-7730-table-d1';

const neutral = { airTemperature: 22, radiantTemperature: 22, airSpeed: 0.1, relativeHumidity: 50, metabolicRate: 1.2, clothing: 0.7 };

describe('pmvPpd (ISO 7730:2005)', () => {
  const rows = iso7730TableD1.map((r, i) => [i + 1, r] as const);

  it.each(rows.filter(([, r]) => r.erratum !== true))('Table D.1 row %i: PMV within ±0.1 and PPD within ±1 %%', (_row, r) => {
    const { pmv, ppd } = pmvPpd(r);
    expect(Math.abs(pmv - r.pmv)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(ppd - r.ppd)).toBeLessThanOrEqual(1);
    // In fact to the table's rounding: PMV ±0.011, PPD ±0.5.
    expect(Math.abs(pmv - r.pmv)).toBeLessThanOrEqual(0.011);
    expect(Math.abs(ppd - r.ppd)).toBeLessThanOrEqual(0.5);
  });

  it('places the erratum row 7 (tabulated 0.50) between its neighbours in air speed, as the equations require', () => {
    const [, r7] = rows[6];
    const still = pmvPpd({ ...r7, airSpeed: 0.1 }).pmv;
    const moving = pmvPpd({ ...r7, airSpeed: 0.3 }).pmv; // row 8, tabulated 0.12
    expect(r7.erratum).toBe(true);
    expect(moving).toBeCloseTo(0.12, 2);
    // The 0.5-clo rows 2→3 lose 0.33 for the same change in air speed; 1.0 clo must lose less.
    expect(still - moving).toBeLessThan(0.33);
    expect(still).toBeCloseTo(0.361, 3);
  });

  it('solves eq. 2 to the same clothing temperature from any start, writing it back for the next solve', () => {
    const pa = 500 * saturationVapourPressure(24);
    const fromGuess = new Float64Array([Number.NaN]);
    const pmv = pmvOf(24, 25, 0.1, pa, 1.2 * MET, 0, 0.7 * CLO, fromGuess, 0);
    expect(pmv).toBeCloseTo(pmvPpd({ ...neutral, airTemperature: 24, radiantTemperature: 25 }).pmv, 12);
    for (const start of [-99, 0, fromGuess[0]!, 60, 149]) {
      const tcl = new Float64Array([start]);
      expect(Math.abs(pmvOf(24, 25, 0.1, pa, 1.2 * MET, 0, 0.7 * CLO, tcl, 0) - pmv)).toBeLessThan(1e-9);
      expect(Math.abs(tcl[0]! - fromGuess[0]!)).toBeLessThan(1e-8);
    }
    expect(fromGuess[0]).toBeGreaterThan(25);
    expect(fromGuess[0]).toBeLessThan(35);
  });

  it('gives with the constant parts of the person computed once exactly the number pmvOf gives', () => {
    let solved = 0;
    // Still and moving air, so both forced and natural convection decide h_c.
    for (const vel of [0, 0.1, 0.6])
      for (const met of [1, 1.2, 2.5])
        for (const clo of [0.3, 0.7, 1.5])
          for (const ta of [12, 18, 21.5, 26, 29])
            for (const tr of [ta - 2, ta, ta + 4]) {
              const m = met * MET;
              const icl = clo * CLO;
              const pa = 500 * saturationVapourPressure(ta);
              const expected = pmvOf(ta, tr, vel, pa, m, 0, icl, new Float64Array([Number.NaN]), 0);
              expect(pmvPersonValid(m, icl, vel) && pmvConditionsValid(ta, tr, pa)).toBe(true);
              const pmv = pmvOfPerson(ta, tr, pa, m, m, icl, clothingAreaFactor(icl), forcedConvection(vel), pmvSensitivity(m), new Float64Array([Number.NaN]), 0);
              expect(pmv).toBe(expected);
              if (pmv === pmv) solved++;
            }
    expect(solved).toBeGreaterThan(200);
  });

  it('tells the inputs outside the clause 4.1 limits apart', () => {
    expect(pmvPersonValid(0.7 * MET, 0.5 * CLO, 0.1)).toBe(false);
    expect(pmvPersonValid(1.2 * MET, 2.1 * CLO, 0.1)).toBe(false);
    expect(pmvPersonValid(1.2 * MET, 0.5 * CLO, 1.1)).toBe(false);
    expect(pmvConditionsValid(9.9, 20, 1000)).toBe(false);
    expect(pmvConditionsValid(20, 40.1, 1000)).toBe(false);
    expect(pmvConditionsValid(20, 20, 2700.1)).toBe(false);
    expect(pmvConditionsValid(10, 40, 2700)).toBe(true);
  });

  it('computes PPD with PMV⁴ as a square, within 3·10⁻¹⁴ % of the power form of eq. 5', () => {
    for (let pmv = -2; pmv <= 2; pmv += 0.001) {
      expect(Math.abs(ppdOf(pmv) - (100 - 95 * Math.exp(-0.03353 * pmv ** 4 - 0.2179 * pmv ** 2)))).toBeLessThanOrEqual(3e-14);
    }
  });

  it('gives the PPD floor of 5 % at PMV 0 and is symmetric (eq. 5)', () => {
    expect(ppdOf(0)).toBe(5);
    expect(ppdOf(1)).toBeCloseTo(ppdOf(-1), 12);
    expect(ppdOf(1)).toBeCloseTo(26.1, 1);
  });

  it.each([
    ['air temperature above 30 °C', { airTemperature: 31 }],
    ['air temperature below 10 °C', { airTemperature: 9 }],
    ['radiant temperature above 40 °C', { radiantTemperature: 41 }],
    ['air speed above 1 m/s', { airSpeed: 1.5 }],
    ['metabolic rate above 4 met', { metabolicRate: 4.5 }],
    ['metabolic rate below 0.8 met', { metabolicRate: 0.7 }],
    ['clothing above 2 clo', { clothing: 2.5 }],
    ['vapour pressure above 2700 Pa', { airTemperature: 29.5, relativeHumidity: 95 }],
    ['a PMV beyond +2', { airTemperature: 30, radiantTemperature: 40, metabolicRate: 2, clothing: 1.5 }],
  ])('returns NaN for %s', (_label, patch) => {
    const r = pmvPpd({ ...neutral, ...patch });
    expect(Number.isNaN(r.pmv)).toBe(true);
    expect(Number.isNaN(r.ppd)).toBe(true);
  });

  it('accepts the validity limits themselves', () => {
    expect(Number.isFinite(pmvPpd({ ...neutral, airSpeed: 0, clothing: 0, metabolicRate: 1.2, airTemperature: 30, radiantTemperature: 30 }).pmv)).toBe(true);
  });

  it('rejects a NaN input with InvalidArgument naming it', () => {
    let error: unknown;
    try {
      pmvPpd({ ...neutral, relativeHumidity: Number.NaN });
    } catch (e) {
      error = e;
    }
    expect(isEngineError(error) && error.code === ErrorCode.InvalidArgument && (error.details as { parameter: string }).parameter === 'relativeHumidity').toBe(true);
  });
});
