// The 5R1C zone against RC_BuildingSimulator's test cases, the exact first-order response of a
// one-capacity network, energy conservation at steady state, HVAC control, and bad input.
import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError, type EngineError } from '../../../../src-shared/contract';
import { Zone5R1C, type Zone5R1CParams } from '../../../../src-main/engine/sim/physics';
import { rcCases, rcTestZone } from './fixtures/rc-building-simulator-cases';

function caught(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (isEngineError(error)) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

const detailsOf = (e: EngineError): Record<string, unknown> => e.details as Record<string, unknown>;

describe('Zone5R1C against RC_BuildingSimulator (testRCmodel.py)', () => {
  it.each(rcCases.map((c) => [c.test, c] as const))('%s: Φ_HC within 0.01 W and θ_m within 0.01 K', (_name, c) => {
    const zone = new Zone5R1C({ ...rcTestZone, heatRecoveryEfficiency: c.heatRecoveryEfficiency, initialMassTemperature: c.previousMassTemperature });
    const r = zone.step({ outdoorTemperature: c.outdoorTemperature, internalGains: c.internalGains, solarGains: c.solarGains });
    // The reference values are rounded to 2 decimals: a correct result rounds to them (|Δ| ≤ 0.005).
    expect(Math.abs(r.heatingCoolingPower - c.heatingCoolingPower)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(r.massTemperature - c.massTemperature)).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it('derives the reference zone network as building_physics.py does', () => {
    const n = new Zone5R1C(rcTestZone).conductances;
    expect(n.hVe).toBeCloseTo((1200 * 106.33 * 2) / 3600, 10); // ach_vent + ach_infl = 2
    expect(n.hIs).toBeCloseTo(3.45 * 142.38, 10);
    expect(n.hW).toBeCloseTo(14.85, 10);
    expect(n.hEm).toBeCloseTo(0.338, 10);
    expect(n.hMs).toBeCloseTo(9.1 * 2.5 * 34.3, 10);
    expect(n.cM).toBeCloseTo(165_000 * 34.3, 6);
  });
});

/** A zone with no gains and the HVAC off: the mass node is exactly first order, τ = C_m/(H_em + H_3). */
function firstOrder(params: Zone5R1CParams, hours: number, outdoor: number): { maxError: number; maxMeanError: number } {
  const zone = new Zone5R1C({ ...params, maxHeatingPower: 0, maxCoolingPower: 0 });
  const n = zone.conductances;
  const h1 = 1 / (1 / n.hVe + 1 / n.hIs);
  const h3 = 1 / (1 / (h1 + n.hW) + 1 / n.hMs);
  const tau = n.cM / (n.hEm + h3);
  const theta0 = zone.massTemperatureState;
  const analytic = (t: number): number => outdoor + (theta0 - outdoor) * Math.exp(-t / tau);
  const dt = zone.params.stepSeconds;
  let maxError = 0;
  let maxMeanError = 0;
  for (let k = 1; k <= (hours * 3600) / dt; k++) {
    const r = zone.step({ outdoorTemperature: outdoor, internalGains: 0, solarGains: 0 });
    maxError = Math.max(maxError, Math.abs(r.massTemperatureEnd - analytic(k * dt)));
    maxMeanError = Math.max(maxMeanError, Math.abs(r.massTemperature - 0.5 * (analytic(k * dt) + analytic((k - 1) * dt))));
  }
  return { maxError, maxMeanError };
}

describe('first-order analytic step response', () => {
  it('follows θ_e + (θ₀ − θ_e)·e^(−t/τ) within 2·10⁻³ K over 24 h, hourly, for the reference zone (τ ≈ 22 h)', () => {
    const { maxError, maxMeanError } = firstOrder({ ...rcTestZone, initialMassTemperature: 20 }, 24, 0);
    expect(maxError).toBeLessThan(2e-3);
    expect(maxMeanError).toBeLessThan(2e-3);
  });

  it('stays within 2·10⁻³ K for a light zone (τ ≈ 6.6 h) with 15-minute steps, and shrinks ~16× from hourly', () => {
    const light: Zone5R1CParams = { ...rcTestZone, thermalCapacityPerFloorArea: 80_000, ventilationAch: 4, initialMassTemperature: 20 };
    const quarter = firstOrder({ ...light, stepSeconds: 900 }, 24, -5);
    const hourly = firstOrder(light, 24, -5);
    expect(quarter.maxError).toBeLessThan(2e-3);
    // Crank–Nicolson is second order: a 4× shorter step gives a ≈16× smaller error.
    expect(hourly.maxError / quarter.maxError).toBeGreaterThan(14);
    expect(hourly.maxError / quarter.maxError).toBeLessThan(18);
  });
});

describe('steady state and control', () => {
  it('conserves energy at steady state: losses through H_ve, H_tr,w and H_tr,em equal the gains the nodes receive', () => {
    const zone = new Zone5R1C({ ...rcTestZone, heatingSetpoint: -50, coolingSetpoint: 80 });
    let r = zone.step({ outdoorTemperature: 5, internalGains: 800, solarGains: 300 });
    for (let h = 0; h < 24 * 60; h++) r = zone.step({ outdoorTemperature: 5, internalGains: 800, solarGains: 300 });
    const n = zone.conductances;
    const loss = n.hVe * (r.airTemperature - 5) + n.hW * (r.surfaceTemperature - 5) + n.hEm * (r.massTemperature - 5);
    // Eq. C.2 assigns the share H_tr,w/(9.1·A_t) of (½Φ_int + Φ_sol) to no node: it leaves through the glazing.
    const received = 400 + (n.massShare + n.surfaceShare) * (400 + 300);
    expect(1 - n.massShare - n.surfaceShare).toBeCloseTo(n.hW / (9.1 * rcTestZone.totalSurfaceArea), 12);
    expect(loss).toBeCloseTo(received, 6);
    expect(r.operativeTemperature).toBeCloseTo(0.3 * r.airTemperature + 0.7 * r.surfaceTemperature, 12);
  });

  it('meets the heating setpoint exactly when the capacity allows, and delivers the capacity when it does not', () => {
    const zone = new Zone5R1C({ ...rcTestZone, maxHeatingPower: Infinity, initialMassTemperature: 15 });
    const met = zone.step({ outdoorTemperature: -10, internalGains: 0, solarGains: 0 });
    expect(met.airTemperature).toBeCloseTo(20, 9);
    expect(met.heatingCoolingPower).toBeGreaterThan(411.6);
    const limited = new Zone5R1C({ ...rcTestZone, initialMassTemperature: 15 }).step({ outdoorTemperature: -10, internalGains: 0, solarGains: 0 });
    expect(limited.heatingCoolingPower).toBe(rcTestZone.maxHeatingPower);
    expect(limited.airTemperature).toBeLessThan(20);
  });

  it('cools with a negative power to the cooling setpoint, and floats when the HVAC is unavailable', () => {
    const input = { outdoorTemperature: 30, internalGains: 500, solarGains: 3000 };
    const cooled = new Zone5R1C({ ...rcTestZone, maxCoolingPower: Infinity, initialMassTemperature: 26 }).step(input);
    expect(cooled.heatingCoolingPower).toBeLessThan(0);
    expect(cooled.airTemperature).toBeCloseTo(26, 9);
    const off = new Zone5R1C({ ...rcTestZone, initialMassTemperature: 26 }).step({ ...input, hvacAvailable: false });
    expect(off.heatingCoolingPower).toBe(0);
    expect(off.airTemperature).toBeGreaterThan(26);
  });

  it('uses per-step setpoints (a setback) instead of the zone defaults', () => {
    const zone = new Zone5R1C({ ...rcTestZone, maxHeatingPower: Infinity, initialMassTemperature: 15 });
    const r = zone.step({ outdoorTemperature: 0, internalGains: 0, solarGains: 0, heatingSetpoint: 16, coolingSetpoint: 30 });
    expect(r.airTemperature).toBeCloseTo(16, 9);
  });

  it('lowers the ventilation loss with heat recovery and when the ventilation is switched off', () => {
    const zone = new Zone5R1C(rcTestZone);
    const base = zone.conductances.hVe;
    zone.setVentilationAch(0);
    expect(zone.conductances.hVe).toBeCloseTo(base / 4, 10); // only the 0.5 ach infiltration remains
    expect(new Zone5R1C({ ...rcTestZone, heatRecoveryEfficiency: 0.8 }).conductances.hVe).toBeCloseTo((1200 * 106.33 * (0.5 + 1.5 * 0.2)) / 3600, 10);
  });
});

describe('bad input', () => {
  it.each([
    ['floorArea', { floorArea: -1 }],
    ['volume', { volume: 0 }],
    ['windowArea', { windowArea: -2 }],
    ['opaqueU', { opaqueU: Number.NaN }],
    ['thermalCapacityPerFloorArea', { thermalCapacityPerFloorArea: -165_000 }],
    ['heatRecoveryEfficiency', { heatRecoveryEfficiency: 1.2 }],
    ['maxHeatingPower', { maxHeatingPower: -1 }],
    ['stepSeconds', { stepSeconds: 1000 }],
    ['stepSeconds', { stepSeconds: 0.5 }],
    ['heatingSetpoint', { heatingSetpoint: 27 }],
    ['ventilationAch', { ventilationAch: 0, infiltrationAch: 0 }],
    ['totalSurfaceArea', { totalSurfaceArea: 50 }],
  ] as const)('rejects a non-physical %s with InvalidArgument naming it', (parameter, patch) => {
    const e = caught(() => new Zone5R1C({ ...rcTestZone, ...patch }));
    expect(e.code).toBe(ErrorCode.InvalidArgument);
    expect(detailsOf(e).parameter).toBe(parameter);
  });

  it('accepts step lengths that divide the hour', () => {
    for (const stepSeconds of [60, 300, 600, 900, 1200, 1800, 3600]) expect(new Zone5R1C({ ...rcTestZone, stepSeconds }).params.stepSeconds).toBe(stepSeconds);
  });

  it('rejects a NaN input before stepping, leaving the state unchanged', () => {
    const zone = new Zone5R1C(rcTestZone);
    const e = caught(() => zone.step({ outdoorTemperature: Number.NaN, internalGains: 0, solarGains: 0 }));
    expect(e.code).toBe(ErrorCode.InvalidArgument);
    expect(detailsOf(e).parameter).toBe('outdoorTemperature');
    expect(zone.steps).toBe(0);
    expect(zone.massTemperatureState).toBe(20);
  });

  it('reports the input that made a step diverge', () => {
    const zone = new Zone5R1C({ ...rcTestZone, maxCoolingPower: 0 });
    const e = caught(() => zone.step({ outdoorTemperature: 10, internalGains: 0, solarGains: 1e12 }));
    expect(e.code).toBe(ErrorCode.InvalidArgument);
    expect(detailsOf(e).causes).toEqual(['solarGains']);
    expect(detailsOf(e).parameter).toBe('solarGains');
    expect(zone.massTemperatureState).toBe(20);
  });
});
