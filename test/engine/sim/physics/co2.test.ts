// CO2: the exact exponential transient of a well-mixed zone, generation by activity, HVAC ventilation.
import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError } from '../../../../src-shared/contract';
import { Co2Zone, co2After, co2GenerationPerPerson, metabolicHeatPerPerson, zoneOutdoorAirFlow } from '../../../../src-main/engine/sim/physics';

describe('CO2 mass balance', () => {
  it('generates 0.0052 L/s per person at office work (1.2 met), the ASTM D6245 / ASHRAE 62.1 figure', () => {
    expect(Math.abs(co2GenerationPerPerson('officeWork') * 1000 - 0.0052)).toBeLessThan(1e-4);
    expect(co2GenerationPerPerson('officeWork') * 1000).toBeCloseTo(0.005149, 6);
    expect(co2GenerationPerPerson(2.4)).toBeCloseTo(2 * co2GenerationPerPerson(1.2), 15);
    expect(metabolicHeatPerPerson('seatedQuiet')).toBeCloseTo(104.67, 2);
  });

  it('follows the exact transient C(t) = C_ss + (C₀ − C_ss)·e^(−Qt/V) for 10 people in 100 m³ at 0.05 m³/s', () => {
    const g = 10 * co2GenerationPerPerson('officeWork');
    const steady = 420 + (1e6 * g) / 0.05;
    const zone = new Co2Zone({ volume: 100, outdoorCo2: 420 });
    for (let minute = 1; minute <= 120; minute++) {
      const c = zone.step({ occupants: 10, outdoorAirFlow: 0.05, seconds: 60 });
      expect(Math.abs(c - (steady + (420 - steady) * Math.exp((-0.05 * minute * 60) / 100)))).toBeLessThan(1e-9);
    }
    expect(steady).toBeCloseTo(1449.89, 2);
  });

  it('is exact for any step length: one 1-hour step equals 3600 one-second steps', () => {
    const one = new Co2Zone({ volume: 250, initialCo2: 900, infiltrationAch: 0.3 });
    const many = new Co2Zone({ volume: 250, initialCo2: 900, infiltrationAch: 0.3 });
    one.step({ occupants: 12, activity: 'standingLight', outdoorAirFlow: 0.08, seconds: 3600 });
    for (let s = 0; s < 3600; s++) many.step({ occupants: 12, activity: 'standingLight', outdoorAirFlow: 0.08, seconds: 1 });
    expect(Math.abs(one.concentration - many.concentration)).toBeLessThan(1e-8);
  });

  it('grows linearly without ventilation and decays to outdoor when empty', () => {
    expect(co2After(420, 420, 1e-5, 0, 50, 3600)).toBeCloseTo(420 + (1e6 * 1e-5 * 3600) / 50, 9);
    const zone = new Co2Zone({ volume: 100, initialCo2: 1400 });
    zone.step({ occupants: 0, outdoorAirFlow: 1, seconds: 3600 });
    expect(zone.concentration).toBeCloseTo(420, 9);
  });

  it('takes ventilation from the HVAC state: VAV airflow × AHU outdoor-air fraction', () => {
    expect(zoneOutdoorAirFlow(0.5, 0.2)).toBeCloseTo(0.1, 15);
  });

  it('rejects negative occupants and unknown activities naming the parameter', () => {
    const zone = new Co2Zone({ volume: 100 });
    for (const [run, parameter] of [
      [() => zone.step({ occupants: -1, seconds: 60 }), 'occupants'],
      [() => zone.step({ occupants: 1, activity: 'dancing' as 'walking', seconds: 60 }), 'activity'],
      [() => new Co2Zone({ volume: -5 }), 'volume'],
    ] as const) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(isEngineError(error) && error.code === ErrorCode.InvalidArgument && (error.details as { parameter: string }).parameter === parameter).toBe(true);
    }
  });
});
