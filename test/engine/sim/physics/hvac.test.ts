// AHU and VAV: setpoints within capacity, fan part-load power, COPs, schedules, failures,
// degradation and energy per step.
import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError } from '../../../../src-shared/contract';
import { AirHandlingUnit, VavBox, WEEKDAYS, isScheduledOn, vavFanPowerFraction, type HvacSchedule } from '../../../../src-main/engine/sim/physics';

const officeHours: HvacSchedule = { days: WEEKDAYS, startHour: 7, endHour: 19 };
const ahuParams = { maxAirflow: 2, designFanPower: 3000, heatingCapacity: 60_000, coolingCapacity: 40_000, coolingCop: 4, heatingCop: 0.9, minOutdoorAirFraction: 0.3 };
const base = { hour: 10, outdoorTemperature: 30, returnTemperature: 24, airflowDemand: 1, seconds: 3600 };

describe('schedules', () => {
  it('is on during office hours on weekdays only (hour 0 = Monday 00:00)', () => {
    expect(isScheduledOn(officeHours, 7)).toBe(true);
    expect(isScheduledOn(officeHours, 6.5)).toBe(false);
    expect(isScheduledOn(officeHours, 19)).toBe(false);
    expect(isScheduledOn(officeHours, 5 * 24 + 10)).toBe(false); // Saturday
    expect(isScheduledOn(officeHours, 7 * 24 + 10)).toBe(true); // next Monday
    expect(isScheduledOn(officeHours, 10, 5)).toBe(false); // the year starts on a Saturday
  });

  it('runs overnight schedules across midnight', () => {
    const night: HvacSchedule = { days: [true, false, false, false, false, false, false], startHour: 22, endHour: 6 };
    expect(isScheduledOn(night, 23)).toBe(true);
    expect(isScheduledOn(night, 24 + 5)).toBe(true); // Tuesday 05:00 belongs to Monday's run
    expect(isScheduledOn(night, 24 + 23)).toBe(false);
  });
});

describe('AirHandlingUnit', () => {
  it('mixes outdoor and return air and cools to the supply setpoint with power = ρc·V̇·ΔT and input = power / COP', () => {
    const r = new AirHandlingUnit(ahuParams).step(base);
    const mixed = 0.3 * 30 + 0.7 * 24;
    expect(r.mixedTemperature).toBeCloseTo(mixed, 12);
    expect(r.supplyTemperature).toBeCloseTo(13, 12);
    expect(r.coolingPower).toBeCloseTo(1200 * 1 * (mixed - 13), 9);
    expect(r.coolingInputPower).toBeCloseTo(r.coolingPower / 4, 9);
    expect(r.outdoorAirFlow).toBeCloseTo(0.3, 12);
    expect(r.energy).toBeCloseTo((r.fanPower + r.coolingInputPower) * 3600, 6);
  });

  it('draws design fan power at design flow and follows the ASHRAE 90.1 part-load curve below it', () => {
    expect(vavFanPowerFraction(1)).toBeCloseTo(0.9991, 12); // the published curve, not exactly 1
    expect(vavFanPowerFraction(0.5)).toBeCloseTo(0.0013 + 0.0735 + 0.23765 - 0.012475, 12);
    const full = new AirHandlingUnit(ahuParams).step({ ...base, airflowDemand: 5 });
    expect(full.airflow).toBe(2);
    expect(full.fanPower).toBeCloseTo(3000 * vavFanPowerFraction(1), 9);
  });

  it('leaves the supply warm and reports the unmet load when the cooling capacity is exceeded', () => {
    const r = new AirHandlingUnit({ ...ahuParams, coolingCapacity: 5000 }).step(base);
    expect(r.coolingPower).toBe(5000);
    expect(r.supplyTemperature).toBeGreaterThan(13);
    expect(r.unmetPower).toBeLessThan(0);
  });

  it('preheats with heat recovery, so heating in winter takes less power', () => {
    const winter = { ...base, outdoorTemperature: -10, returnTemperature: 21 };
    const without = new AirHandlingUnit({ ...ahuParams, supplyTemperatureSetpoint: 18 }).step(winter);
    const withHr = new AirHandlingUnit({ ...ahuParams, supplyTemperatureSetpoint: 18, heatRecoveryEfficiency: 0.7 }).step(winter);
    expect(withHr.heatingPower).toBeLessThan(without.heatingPower);
    expect(without.heatingInputPower).toBeCloseTo(without.heatingPower / 0.9, 9);
  });

  it('uses no energy off schedule or with a failed fan, and no cooling with a failed cooling coil', () => {
    const ahu = new AirHandlingUnit({ ...ahuParams, schedule: officeHours });
    expect(ahu.step({ ...base, hour: 2 })).toMatchObject({ on: false, airflow: 0, energy: 0 });
    ahu.failure = 'fan';
    expect(ahu.step(base)).toMatchObject({ on: false, energy: 0 });
    ahu.failure = 'cooling';
    const r = ahu.step(base);
    expect(r.coolingPower).toBe(0);
    expect(r.supplyTemperature).toBeCloseTo(r.mixedTemperature, 12);
  });

  it('degrades: lost COP raises the input power, dirty filters raise the fan power, fouled coils lose capacity', () => {
    const ahu = new AirHandlingUnit({ ...ahuParams, coolingCapacity: 10_000 });
    const healthy = ahu.step(base);
    ahu.degrade({ cop: 0.25, fan: 0.2, capacity: 0.5 });
    const worn = ahu.step(base);
    expect(worn.coolingPower).toBe(5000);
    expect(worn.coolingInputPower).toBeCloseTo(5000 / (4 * 0.75), 9);
    expect(worn.fanPower).toBeCloseTo(healthy.fanPower * 1.2, 9);
  });

  it('rejects non-physical parameters naming them', () => {
    for (const [patch, parameter] of [
      [{ maxAirflow: -1 }, 'maxAirflow'],
      [{ coolingCop: 0 }, 'coolingCop'],
      [{ minOutdoorAirFraction: 1.5 }, 'minOutdoorAirFraction'],
      [{ schedule: { days: [true], startHour: 1, endHour: 2 } }, 'schedule.days'],
    ] as const) {
      let error: unknown;
      try {
        new AirHandlingUnit({ ...ahuParams, ...patch });
      } catch (e) {
        error = e;
      }
      expect(isEngineError(error) && error.code === ErrorCode.InvalidArgument && (error.details as { parameter: string }).parameter === parameter).toBe(true);
    }
  });
});

describe('VavBox', () => {
  const vav = { maxAirflow: 0.4, minAirflowFraction: 0.25, reheatCapacity: 2000, heatingSetpoint: 20, coolingSetpoint: 24, throttlingRange: 2 };
  const input = { hour: 10, supplyTemperature: 13, seconds: 900 };

  it('holds minimum flow in the deadband and opens proportionally above the cooling setpoint', () => {
    const box = new VavBox(vav);
    expect(box.step({ ...input, zoneTemperature: 22 }).airflow).toBeCloseTo(0.1, 12);
    expect(box.step({ ...input, zoneTemperature: 25 }).airflow).toBeCloseTo(0.1 + 0.3 * 0.5, 12);
    const full = box.step({ ...input, zoneTemperature: 27 });
    expect(full.airflow).toBeCloseTo(0.4, 12);
    expect(full.zoneHeatingPower).toBeCloseTo(1200 * 0.4 * (13 - 27), 9);
  });

  it('reheats at minimum flow below the heating setpoint and counts the reheat energy', () => {
    const r = new VavBox(vav).step({ ...input, zoneTemperature: 19 });
    expect(r.airflow).toBeCloseTo(0.1, 12);
    expect(r.reheatPower).toBeCloseTo(1000, 9);
    expect(r.dischargeTemperature).toBeCloseTo(13 + 1000 / (1200 * 0.1), 9);
    expect(r.energy).toBeCloseTo(1000 * 900, 6);
  });

  it('fails: a stuck-closed damper delivers nothing, a failed reheat coil no heat', () => {
    const box = new VavBox(vav);
    box.failure = 'damper-stuck-closed';
    expect(box.step({ ...input, zoneTemperature: 27 })).toMatchObject({ airflow: 0, zoneHeatingPower: 0 });
    box.failure = 'reheat';
    expect(box.step({ ...input, zoneTemperature: 18 }).reheatPower).toBe(0);
    box.failure = 'damper-stuck-open';
    expect(box.step({ ...input, zoneTemperature: 22 }).airflow).toBe(0.4);
  });

  it('is off outside its schedule and rejects a heating setpoint above the cooling one', () => {
    expect(new VavBox({ ...vav, schedule: officeHours }).step({ ...input, hour: 30, zoneTemperature: 27 })).toMatchObject({ on: false, airflow: 0 });
    expect(() => new VavBox({ ...vav, heatingSetpoint: 25 })).toThrow(/heatingSetpoint/);
  });
});
