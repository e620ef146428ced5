// The struct-of-arrays batch gives the per-zone class's results over a year, and fails safely.
import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError } from '../../../../src-shared/contract';
import { Zone5R1C, Zone5R1CBatch, syntheticWeather, type Zone5R1CParams } from '../../../../src-main/engine/sim/physics';
import { rcTestZone } from './fixtures/rc-building-simulator-cases';

const zones: Zone5R1CParams[] = [
  rcTestZone,
  { ...rcTestZone, heatRecoveryEfficiency: 0.75, thermalCapacityPerFloorArea: 80_000, massAreaFactor: 2.5 },
  { ...rcTestZone, floorArea: 120, volume: 360, totalSurfaceArea: undefined, windowArea: 30, opaqueArea: 150, opaqueU: 0.35, massAreaFactor: 3.5, thermalCapacityPerFloorArea: 370_000, maxHeatingPower: Infinity, maxCoolingPower: 2000, initialMassTemperature: 18 },
  { ...rcTestZone, heatingSetpoint: 21, coolingSetpoint: 24, maxHeatingPower: 250, maxCoolingPower: Infinity },
];

function gains(hour: number, zone: number): { internalGains: number; solarGains: number } {
  const h = hour % 24;
  const occupied = h >= 8 && h < 18 && Math.floor(hour / 24) % 7 < 5;
  return { internalGains: (occupied ? 600 : 80) * (1 + 0.3 * zone), solarGains: Math.max(0, 2500 * Math.sin(((h - 6) * Math.PI) / 12)) * (zone % 2 === 0 ? 1 : 0.5) };
}

describe('Zone5R1CBatch', () => {
  it.each([3600, 900])('matches Zone5R1C for every output over a year of varying weather (step %i s)', (stepSeconds) => {
    const weather = syntheticWeather({ seed: 7, hours: 8760 });
    const batch = new Zone5R1CBatch(zones, { stepSeconds });
    const singles = zones.map((z) => new Zone5R1C({ ...z, stepSeconds }));
    const perHour = 3600 / stepSeconds;
    let maxPowerDiff = 0;
    let maxTempDiff = 0;
    let heatingHours = 0;
    let coolingHours = 0;
    const hours = stepSeconds === 3600 ? 8760 : 24 * 60;
    for (let h = 0; h < hours; h++) {
      const te = weather.dryBulbTemperature[h];
      for (let s = 0; s < perHour; s++) {
        for (let i = 0; i < zones.length; i++) {
          const g = gains(h, i);
          batch.internalGains[i] = g.internalGains;
          batch.solarGains[i] = g.solarGains;
        }
        batch.step(te);
        for (let i = 0; i < zones.length; i++) {
          const r = singles[i].step({ outdoorTemperature: te, ...gains(h, i) });
          maxPowerDiff = Math.max(maxPowerDiff, Math.abs(r.heatingCoolingPower - batch.heatingCoolingPower[i]));
          maxTempDiff = Math.max(
            maxTempDiff,
            Math.abs(r.airTemperature - batch.airTemperature[i]),
            Math.abs(r.surfaceTemperature - batch.surfaceTemperature[i]),
            Math.abs(r.massTemperature - batch.massTemperature[i]),
            Math.abs(r.operativeTemperature - batch.operativeTemperature[i]),
            Math.abs(r.massTemperatureEnd - batch.massTemperatureEnd[i]),
          );
          if (r.heatingCoolingPower > 0) heatingHours++;
          if (r.heatingCoolingPower < 0) coolingHours++;
        }
      }
    }
    // Same equations, regrouped: identical up to floating-point rounding.
    expect(maxPowerDiff).toBeLessThan(1e-8);
    expect(maxTempDiff).toBeLessThan(1e-10);
    expect(heatingHours).toBeGreaterThan(100);
    expect(coolingHours).toBeGreaterThan(10);
  });

  it('takes one outdoor temperature per zone', () => {
    const batch = new Zone5R1CBatch([rcTestZone, rcTestZone]);
    batch.step(Float64Array.of(-5, 5));
    const a = new Zone5R1C(rcTestZone).step({ outdoorTemperature: -5, internalGains: 0, solarGains: 0 });
    const b = new Zone5R1C(rcTestZone).step({ outdoorTemperature: 5, internalGains: 0, solarGains: 0 });
    expect(batch.heatingCoolingPower[0]).toBeCloseTo(a.heatingCoolingPower, 9);
    expect(batch.heatingCoolingPower[1]).toBeCloseTo(b.heatingCoolingPower, 9);
  });

  it('switches a zone off with ±Infinity setpoints or its HVAC unavailable, and recomputes on a ventilation change', () => {
    const batch = new Zone5R1CBatch([rcTestZone, rcTestZone, rcTestZone]);
    batch.setSetpoints(1, -Infinity, 26);
    batch.setHvacAvailable(2, false);
    batch.step(-10);
    expect(batch.heatingCoolingPower[0]).toBeGreaterThan(0);
    expect(batch.heatingCoolingPower[1]).toBe(0);
    expect(batch.heatingCoolingPower[2]).toBe(0);
    const single = new Zone5R1C(rcTestZone);
    single.step({ outdoorTemperature: -10, internalGains: 0, solarGains: 0 });
    single.setVentilationAch(0.2);
    batch.setVentilationAch(0, 0.2);
    batch.setSetpoints(1, 20, 26);
    batch.setHvacAvailable(2, true);
    expect(batch.controls(2)).toEqual({ heatingSetpoint: 20, coolingSetpoint: 26, maxHeatingPower: rcTestZone.maxHeatingPower, maxCoolingPower: rcTestZone.maxCoolingPower });
    batch.step(-10);
    single.step({ outdoorTemperature: -10, internalGains: 0, solarGains: 0 });
    expect(batch.massTemperatureEnd[0]).toBeCloseTo(single.massTemperatureState, 10);
  });

  it('switching between ventilation rates gives exactly what a zone fixed at each rate gives', () => {
    const rates = [0, 1.5, 0, 1.5, 4, 1.5, 0, 4, 0];
    const switching = new Zone5R1CBatch([rcTestZone]);
    const fixed = (ach: number) => new Zone5R1CBatch([{ ...rcTestZone, ventilationAch: ach }]);
    rates.forEach((ach, hour) => {
      const reference = fixed(ach);
      reference.reset(switching.massTemperatureEnd[0]);
      switching.setVentilationAch(0, ach);
      for (const batch of [switching, reference]) {
        batch.internalGains[0] = gains(hour, 0).internalGains;
        batch.solarGains[0] = gains(hour, 0).solarGains;
        batch.step(hour % 2 === 0 ? -5 : 30);
      }
      expect([switching.airTemperature[0], switching.heatingCoolingPower[0], switching.massTemperatureEnd[0]]).toEqual([reference.airTemperature[0], reference.heatingCoolingPower[0], reference.massTemperatureEnd[0]]);
    });
  });

  it('names the zone and the NaN input that broke a step, and keeps the previous state', () => {
    const batch = new Zone5R1CBatch([rcTestZone, rcTestZone, rcTestZone, rcTestZone]);
    batch.step(0);
    const before = Float64Array.from(batch.massTemperatureEnd);
    batch.solarGains[3] = Number.NaN;
    let error: unknown;
    try {
      batch.step(0);
    } catch (e) {
      error = e;
    }
    expect(isEngineError(error)).toBe(true);
    if (!isEngineError(error)) return;
    expect(error.code).toBe(ErrorCode.InvalidArgument);
    expect(error.details).toMatchObject({ zone: 3, causes: ['solarGains'], parameter: 'solarGains', step: 1 });
    expect(Array.from(batch.massTemperatureEnd)).toEqual(Array.from(before));
    expect(batch.steps).toBe(1);
  });

  it('rejects bad zones naming the zone and parameter, and a wrong-length outdoor array', () => {
    let error: unknown;
    try {
      new Zone5R1CBatch([rcTestZone, { ...rcTestZone, opaqueArea: -1 }]);
    } catch (e) {
      error = e;
    }
    expect(isEngineError(error) && error.code === ErrorCode.InvalidArgument && (error.details as { parameter: string }).parameter === 'opaqueArea' && error.message.includes('zone 1')).toBe(true);
    const batch = new Zone5R1CBatch([rcTestZone]);
    expect(() => batch.step(new Float64Array(2))).toThrow(/outdoorTemperature/);
    expect(() => new Zone5R1CBatch([rcTestZone], { stepSeconds: 7 })).toThrow(/stepSeconds/);
    expect(() => batch.setSetpoints(0, 25, 22)).toThrow(/heatingSetpoint/);
    expect(() => batch.setSetpoints(0, Number.NaN, 22)).toThrow(/heatingSetpoint/);
    expect(() => batch.setCapacities(0, -1, 0)).toThrow(/maxHeatingPower/);
    expect(() => batch.controls(1)).toThrow(/zone/);
    expect(() => new Zone5R1CBatch([{ ...rcTestZone, stepSeconds: 900 }, rcTestZone])).toThrow(/stepSeconds/);
    expect(new Zone5R1CBatch([{ ...rcTestZone, stepSeconds: 900 }, rcTestZone], { stepSeconds: 600 }).stepSeconds).toBe(600);
  });
});
