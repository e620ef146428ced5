import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError, physics, type Scenario } from '../../../../src-main/engine';
import { resultColumns, type ResultChunk } from '../../../../src-main/engine/sim/runner/result-columns';
import { runKernel } from '../../../../src-main/engine/sim/runner/sim-kernel';
import { smallModel } from '../fixtures/small-model';

// 2025-01-06 is a Monday.
const base: Scenario = { id: 'k', start: '2025-01-06', horizonHours: 48, weather: { kind: 'synthetic' }, seed: 3 };

function run(scenario: Scenario, model = smallModel()): ResultChunk[] {
  const weather = physics.syntheticWeather({ seed: 1, stepsPerHour: 60 / (scenario.stepMinutes ?? 60) });
  const chunks: ResultChunk[] = [];
  runKernel(model, { scenario, weather, chunkSteps: 10 }, { onChunk: (chunk) => chunks.push(chunk) });
  return chunks;
}

/** One column of every chunk joined, as (step, zone) rows. */
function column(chunks: readonly ResultChunk[], name: (typeof resultColumns)[number]): number[] {
  return chunks.flatMap((chunk) => [...chunk.columns[name]]);
}

describe('simulation kernel', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = run(base);
    const b = run(base);
    for (const name of resultColumns) expect(column(b, name)).toEqual(column(a, name));
    expect(column(run({ ...base, seed: 4 }), 'occupants')).not.toEqual(column(a, 'occupants'));
  });

  it('lowers the blinds where the irradiance on a façade exceeds the threshold', () => {
    const summer: Scenario = { ...base, start: '2025-06-16' };
    const withShading = (threshold: number, factor: number) => run(summer, { ...smallModel(), solarShading: { threshold, factor } });
    const noWindows = smallModel();
    const windowless = run(summer, { ...noWindows, zones: noWindows.zones.map((zone) => ({ ...zone, windowArea: 0 })) });
    const unshaded = run(summer);
    // Always down and opaque: as if there were no windows; never down, or letting all through: as without blinds.
    expect(column(withShading(0, 0), 'air_temperature')).toEqual(column(windowless, 'air_temperature'));
    expect(column(withShading(5_000, 0), 'air_temperature')).toEqual(column(unshaded, 'air_temperature'));
    expect(column(withShading(0, 1), 'air_temperature')).toEqual(column(unshaded, 'air_temperature'));
    // Down only in strong sun: the south office warms less than without blinds, more than without windows.
    const mass = (chunks: ResultChunk[]) => column(chunks, 'mass_temperature').filter((_, i) => i % 3 === 0);
    const shaded = mass(withShading(300, 0.3));
    const open = mass(unshaded);
    const dark = mass(windowless);
    expect(Math.min(...shaded.map((value, i) => value - open[i]!))).toBeLessThan(-1e-9);
    expect(shaded.every((value, i) => value <= open[i]! + 1e-12 && value >= dark[i]! - 1e-12)).toBe(true);
  });

  it('exchanges heat between the rooms of a building, warmer to cooler, and nothing between equal rooms', () => {
    const summer: Scenario = { ...base, start: '2025-06-16' };
    const model = smallModel();
    const coupled = { ...model, zones: model.zones.map((zone, i) => (i < 2 ? { ...zone, building: 0, adjacentConductance: 150 } : zone)) };
    const mean = (chunks: ResultChunk[], zone: number) => {
      const values = column(chunks, 'mass_temperature').filter((_, i) => i % 3 === zone);
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    };
    const apart = run(summer, model);
    const together = run(summer, coupled);
    // The warmer office gives heat to the cooler one: their means draw together.
    const [warm, cool] = mean(apart, 0) > mean(apart, 1) ? [0, 1] : [1, 0];
    expect(mean(apart, warm) - mean(apart, cool)).toBeGreaterThan(0.01);
    expect(mean(together, warm)).toBeLessThan(mean(apart, warm));
    expect(mean(together, cool)).toBeGreaterThan(mean(apart, cool));
    // The storage room is in no building: untouched.
    expect(column(together, 'air_temperature').filter((_, i) => i % 3 === 2)).toEqual(column(apart, 'air_temperature').filter((_, i) => i % 3 === 2));
    // Two identical rooms (nobody in them: occupancy is drawn per room) stay identical, so nothing passes between them
    // but rounding (θ̄ = (H·θ + H·θ) / 2H).
    const empty = { ...model.zones[0]!, peopleMax: 0 };
    const pair = { ...model, zones: [empty, { ...empty, id: 'office-1b' }], targets: {} };
    const pairCoupled = { ...pair, zones: pair.zones.map((zone) => ({ ...zone, building: 0, adjacentConductance: 150 })) };
    const alone = column(run(summer, pair), 'air_temperature');
    const differences = column(run(summer, pairCoupled), 'air_temperature').map((value, i) => Math.abs(value - alone[i]!));
    expect(Math.max(...differences)).toBeLessThan(1e-9);
  });

  it('streams chunks covering every step once', () => {
    const chunks = run(base);
    expect(chunks.map((chunk) => [chunk.firstStep, chunk.steps])).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
      [30, 10],
      [40, 8],
    ]);
  });

  it('gives lighting exactly density × area in occupied hours and a tenth outside', () => {
    const lighting = column(run(base), 'lighting_power');
    // Zone 0 (100 m², 8 W/m²) on Monday: 08–18 occupied.
    const monday = Array.from({ length: 24 }, (_, hour) => lighting[hour * 3]);
    expect(monday).toEqual(Array.from({ length: 24 }, (_, hour) => (hour >= 8 && hour < 18 ? 800 : 80)));
  });

  it('holds the air at the heating setpoint in occupied winter hours and sets back at night', () => {
    const air = column(run(base), 'air_temperature');
    const heating = column(run(base), 'heating_power');
    expect(air[10 * 3]).toBeCloseTo(21, 9);
    expect(heating[10 * 3]).toBeGreaterThan(0);
    expect(air[3 * 3]).toBeGreaterThanOrEqual(16 - 1e-9);
  });

  it('an AHU fan failure stops fans, cooling and ventilation of its zones only', () => {
    const summer: Scenario = { ...base, start: '2025-07-07', weather: { kind: 'synthetic' } };
    const failed: Scenario = { ...summer, interventions: [{ at: 0, kind: 'fail', target: 'ahu-1' }] };
    const fans = column(run(failed), 'fan_power');
    const cooling = column(run(failed), 'cooling_power');
    expect(fans.every((value) => value === 0)).toBe(true);
    expect(cooling.every((value) => value === 0)).toBe(true);
    const normal = column(run(summer), 'fan_power');
    expect(normal[10 * 3]).toBeGreaterThan(0);
    const co2Failed = column(run(failed), 'co2');
    const co2Normal = column(run(summer), 'co2');
    expect(co2Failed[17 * 3]).toBeGreaterThan(co2Normal[17 * 3]!);
  });

  it('applies setpoint changes, occupancy scaling and outdoor offsets at their time', () => {
    const raised = column(run({ ...base, interventions: [{ at: 24, kind: 'setpoint', target: 'floor-1', heating: 23 }] }), 'air_temperature');
    expect(raised[10 * 3]).toBeCloseTo(21, 9);
    expect(raised[(24 + 10) * 3]).toBeCloseTo(23, 9);
    const doubled = column(run({ ...base, interventions: [{ at: 0, kind: 'scaleOccupancy', factor: 2, target: 'office-1' }] }), 'occupants');
    const plain = column(run(base), 'occupants');
    expect(doubled[10 * 3]).toBeCloseTo(2 * plain[10 * 3]!, 12);
    expect(doubled[10 * 3 + 1]).toBe(plain[10 * 3 + 1]);
    const colder = column(run({ ...base, interventions: [{ at: 0, kind: 'offsetOutdoorTemperature', kelvin: -10 }] }), 'heating_power');
    expect(colder[10 * 3]!).toBeGreaterThan(column(run(base), 'heating_power')[10 * 3]!);
  });

  it('stops a diverging run naming the zone, the time and the values', () => {
    const model = smallModel();
    const zones = model.zones.map((zone, i) => (i === 2 ? { ...zone, lightingPowerDensity: 1e12 } : zone));
    let caught: unknown;
    try {
      run(base, { ...model, zones });
    } catch (error) {
      caught = error;
    }
    expect(isEngineError(caught) && caught.code).toBe(ErrorCode.InvalidArgument);
    const error = caught as { message: string; details: { zone: string; time: string; causes: string[] } };
    expect(error.message).toMatch(/^The run diverged in zone storage-1 at 2025-01-06T00:00:00.000Z: /);
    expect(error.details).toMatchObject({ zone: 'storage-1', time: '2025-01-06T00:00:00.000Z', causes: ['internalGains'] });
  });

  it('stops with Cancelled when asked', () => {
    let polls = 0;
    const weather = physics.syntheticWeather({ seed: 1 });
    expect(() => runKernel(smallModel(), { scenario: base, weather }, { onChunk: () => undefined, isCancelled: () => ++polls > 5 })).toThrow(/cancelled after 5 of 48 steps/);
  });
});
