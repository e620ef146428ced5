import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../src-shared/contract';
import { freeScenarioId, newIntervention, newScenario, parseScenarioJson, problemsAt, problemsElsewhere, formPaths, scenarioJson, withField, withIntervention } from '../../../../src-renderer/features/simulation/scenario-form';
import { figure, kpiLabel, signedDelta } from '../../../../src-renderer/features/simulation/kpi-format';

describe('the scenario editor data', () => {
  it('reads back what the JSON view shows, and says why text is not a scenario', () => {
    const scenario: Scenario = { ...newScenario('hot-week'), interventions: [newIntervention('offsetOutdoorTemperature', 12)] };
    expect(parseScenarioJson(scenarioJson(scenario))).toEqual({ scenario });
    expect(parseScenarioJson('{"id": "a",')).toEqual({ error: expect.stringMatching(/^Not JSON: /) as unknown as string });
    expect(parseScenarioJson('[1, 2]')).toEqual({ error: 'A scenario is a JSON object ({ "id": …, "horizonHours": …, "weather": … }).' });
    expect(parseScenarioJson('{"weather": 3}')).toEqual({ error: '"weather" is an object with a "kind".' });
    expect(parseScenarioJson('{"interventions": {}}')).toEqual({ error: '"interventions" is a list.' });
    expect(parseScenarioJson('{"interventions": [2]}')).toEqual({ error: 'Each intervention is an object with "at" and "kind".' });
  });

  it('sets and clears fields, an emptied number field leaving the field out', () => {
    const scenario = newScenario('a');
    expect(withField(scenario, 'horizonHours', 48).horizonHours).toBe(48);
    expect('seed' in withField(scenario, 'seed', Number.NaN)).toBe(false);
    expect('name' in withField({ ...scenario, name: 'x' }, 'name', '')).toBe(false);
  });

  it('adds, replaces and removes interventions with the fields of their kind', () => {
    const one = withIntervention(newScenario('a'), 0, newIntervention('fail', 3));
    expect(one.interventions).toEqual([{ at: 3, kind: 'fail', target: '', failure: 'fan' }]);
    const two = withIntervention(one, 1, newIntervention('scaleOccupancy', 5));
    expect(two.interventions).toEqual([{ at: 3, kind: 'fail', target: '', failure: 'fan' }, { at: 5, kind: 'scaleOccupancy', factor: 2 }]);
    expect(withIntervention(two, 0, null).interventions).toEqual([{ at: 5, kind: 'scaleOccupancy', factor: 2 }]);
  });

  it('places the engine problems at their fields and keeps the rest for a list', () => {
    const problems = [
      { path: 'horizonHours', message: 'must be > 0 (got -1)' },
      { path: 'interventions[1].target', message: 'there is no twin x' },
      { path: 'interventions[10]', message: 'needs a kind' },
      { path: 'twins.r1.area', message: 'must be > 0' },
      { path: 'scope', message: 'the graph has no zones' },
    ];
    expect(problemsAt(problems, 'horizonHours')).toEqual(['must be > 0 (got -1)']);
    expect(problemsAt(problems, 'interventions[1]')).toEqual(['there is no twin x']);
    expect(problemsAt(problems, 'interventions[1].target')).toEqual(['there is no twin x']);
    expect(problemsAt(problems, 'horizon')).toEqual([]);
    expect(problemsElsewhere(problems, formPaths)).toEqual([
      { path: 'twins.r1.area', message: 'must be > 0' },
      { path: 'scope', message: 'the graph has no zones' },
    ]);
  });

  it('names a new scenario after those stored', () => {
    expect(freeScenarioId([])).toBe('what-if-1');
    expect(freeScenarioId(['what-if-1', 'what-if-3'])).toBe('what-if-2');
  });
});

describe('the comparison figures', () => {
  it('signs deltas and relates them to run a, dashing what is not a number', () => {
    expect(signedDelta(1.375, 31.79)).toEqual({ text: '+1.38', percent: '+4.3 %', sign: 1 });
    expect(signedDelta(-3, 21)).toEqual({ text: '−3', percent: '−14.3 %', sign: -1 });
    expect(signedDelta(0, 0)).toEqual({ text: '±0', percent: '', sign: 0 });
    expect(signedDelta(null, 5)).toEqual({ text: '—', percent: '', sign: 0 });
    expect(figure(37343.031)).toBe('37,343.03');
    expect(figure(null)).toBe('—');
    expect(kpiLabel('energy.total')).toBe('Total energy');
    expect(kpiLabel('somethingNew')).toBe('somethingNew');
  });
});
