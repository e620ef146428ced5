import { describe, expect, it } from 'vitest';
import { checkScenario, scenarioSchemaProblems } from '../../../../src-main/engine/sim/scenario/check-scenario';

const valid = { id: 'heatwave', horizonHours: 24, stepMinutes: 15, weather: { kind: 'synthetic' }, seed: 2 };

describe('scenario schema', () => {
  it('accepts a well-formed scenario', () => {
    expect(scenarioSchemaProblems(valid)).toEqual([]);
  });

  it('locates every problem by its JSON path', () => {
    const problems = scenarioSchemaProblems({
      id: 'bad id',
      horizonHours: -5,
      stepMinutes: 7,
      weather: { kind: 'epw' },
      interventions: [
        { at: 2, kind: 'fail', target: 'ahu-1', failure: 'engine' },
        { at: 1, kind: 'scaleOccupancy' },
        { at: 3, kind: 'setpoint', target: 'floor-1', heating: 26, cooling: 22 },
        { at: 1, kind: 'explode' },
      ],
      seed: 1.5,
    });
    expect(problems).toEqual([
      { path: 'id', message: 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit' },
      { path: 'horizonHours', message: 'must be > 0 (got -5)' },
      { path: 'stepMinutes', message: 'must be a whole number of minutes that divides the hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got 7' },
      { path: 'weather.path', message: 'must be a non-empty string (got nothing)' },
      { path: 'interventions[0].failure', message: 'must be "fan", "heating" or "cooling" (got "engine")' },
      { path: 'interventions[1].factor', message: 'must be a finite number (got nothing)' },
      { path: 'interventions[2].heating', message: 'must not exceed cooling (22)' },
      { path: 'interventions[3].kind', message: 'must be one of set, setpoint, fail, restore, scaleOccupancy, offsetOutdoorTemperature (got "explode")' },
      { path: 'seed', message: 'must be a whole number (got 1.5)' },
    ]);
  });

  it('refuses interventions at or after the horizon and horizons that are not whole steps', () => {
    expect(scenarioSchemaProblems({ ...valid, horizonHours: 1.1, interventions: [{ at: 1.1, kind: 'restore', target: 'x' }] })).toEqual([
      { path: 'horizonHours', message: 'must be a whole number of 15-minute steps (got 1.1 h)' },
      { path: 'interventions[0].at', message: 'must be before the horizon (1.1 h), got 1.1' },
    ]);
  });

  it('throws one InvalidArgument carrying every problem', () => {
    expect(() => checkScenario({ ...valid, horizonHours: 0 })).toThrow(expect.objectContaining({ code: 'InvalidArgument', message: 'The scenario is invalid: horizonHours: must be > 0 (got 0).', details: { problems: [{ path: 'horizonHours', message: 'must be > 0 (got 0)' }] } }));
  });
});
