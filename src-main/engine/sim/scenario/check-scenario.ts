// The scenario schema: every field checked, every problem located by its JSON path, before a run.
import type { Intervention, Scenario, ScenarioProblem } from '../../../../src-shared/contract';
import { isObject, Problems } from './problems';

/** Scenario and run ids: safe in file names and SQL literals. */
export const simIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The longest horizon a run accepts, hours (ten years). */
export const maxHorizonHours = 87_600;

const settings = new Set(['heatingSetpoint', 'coolingSetpoint', 'ventilationAch', 'lightingPowerDensity', 'equipmentPowerDensity']);
const kinds = ['set', 'setpoint', 'fail', 'restore', 'scaleOccupancy', 'offsetOutdoorTemperature'];

function checkWeather(problems: Problems, value: unknown): void {
  if (!isObject(value)) return problems.add('weather', 'must be { kind: "synthetic" | "epw" | "csv", … }');
  if (value.kind === 'synthetic') {
    problems.number('weather.seed', value.seed, { min: -(2 ** 31), max: 2 ** 32 });
    problems.number('weather.latitude', value.latitude, { min: -90, max: 90 });
    problems.number('weather.meanTemperature', value.meanTemperature, { min: -40, max: 40 });
    problems.number('weather.annualAmplitude', value.annualAmplitude, { min: 0, max: 40 });
    problems.number('weather.dailyAmplitude', value.dailyAmplitude, { min: 0, max: 20 });
  } else if (value.kind === 'epw' || value.kind === 'csv') {
    problems.text('weather.path', value.path);
    if (value.kind === 'csv') {
      const steps = problems.number('weather.stepsPerHour', value.stepsPerHour, { min: 1, max: 60 });
      if (steps !== undefined && (!Number.isInteger(steps) || 60 % steps !== 0)) problems.add('weather.stepsPerHour', `must be a whole number that divides 60 (got ${steps})`);
    }
  } else problems.add('weather.kind', `must be "synthetic", "epw" or "csv" (got ${JSON.stringify(value.kind) ?? 'nothing'})`);
}

function checkIntervention(problems: Problems, path: string, value: unknown, horizon: number | undefined): void {
  if (!isObject(value)) return problems.add(path, 'must be an object with "at" and "kind"');
  const at = problems.number(`${path}.at`, value.at, { min: 0, required: true });
  if (at !== undefined && horizon !== undefined && at >= horizon) problems.add(`${path}.at`, `must be before the horizon (${horizon} h), got ${at}`);
  const needsTarget = value.kind === 'set' || value.kind === 'setpoint' || value.kind === 'fail' || value.kind === 'restore';
  if (needsTarget || (value.kind === 'scaleOccupancy' && value.target !== undefined)) problems.text(`${path}.target`, value.target);
  switch (value.kind) {
    case 'set':
      if (typeof value.property !== 'string' || !settings.has(value.property)) problems.add(`${path}.property`, `must be one of ${[...settings].join(', ')} (got ${JSON.stringify(value.property) ?? 'nothing'})`);
      problems.number(`${path}.value`, value.value, { required: true, min: value.property === 'heatingSetpoint' || value.property === 'coolingSetpoint' ? 5 : 0, max: value.property === 'heatingSetpoint' || value.property === 'coolingSetpoint' ? 40 : 1000 });
      return;
    case 'setpoint': {
      const heating = problems.number(`${path}.heating`, value.heating, { min: 5, max: 35 });
      const cooling = problems.number(`${path}.cooling`, value.cooling, { min: 5, max: 40 });
      if (value.heating === undefined && value.cooling === undefined) problems.add(path, 'a setpoint change needs "heating", "cooling" or both');
      if (heating !== undefined && cooling !== undefined && heating > cooling) problems.add(`${path}.heating`, `must not exceed cooling (${cooling})`);
      return;
    }
    case 'fail':
      if (value.failure !== undefined && value.failure !== 'fan' && value.failure !== 'heating' && value.failure !== 'cooling') problems.add(`${path}.failure`, `must be "fan", "heating" or "cooling" (got ${JSON.stringify(value.failure)})`);
      return;
    case 'restore':
      return;
    case 'scaleOccupancy':
      problems.number(`${path}.factor`, value.factor, { min: 0, max: 20, required: true });
      return;
    case 'offsetOutdoorTemperature': {
      problems.number(`${path}.kelvin`, value.kelvin, { min: -30, max: 30, required: true });
      const until = problems.number(`${path}.until`, value.until, { min: 0 });
      if (until !== undefined && at !== undefined && until <= at) problems.add(`${path}.until`, `must be after "at" (${at}), got ${until}`);
      return;
    }
    default:
      problems.add(`${path}.kind`, `must be one of ${kinds.join(', ')} (got ${JSON.stringify(value.kind) ?? 'nothing'})`);
  }
}

/** The schema problems of a scenario (the graph is not consulted); none means it is well-formed. */
export function scenarioSchemaProblems(value: unknown): ScenarioProblem[] {
  const problems = new Problems();
  if (!isObject(value)) {
    problems.add('$', 'a scenario must be a JSON object');
    return problems.list;
  }
  if (typeof value.id !== 'string' || !simIdPattern.test(value.id)) problems.add('id', 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  if (value.name !== undefined) problems.text('name', value.name);
  if (value.description !== undefined && typeof value.description !== 'string') problems.add('description', 'must be a string');
  if (value.from !== undefined) {
    if (!isObject(value.from) || Object.keys(value.from).some((key) => key !== 'snapshot')) problems.add('from', 'must be { "snapshot": "<name>" } (leave it out to start from the live graph)');
    else if (typeof value.from.snapshot !== 'string' || !simIdPattern.test(value.from.snapshot)) problems.add('from.snapshot', `must be the name of a saved snapshot (got ${JSON.stringify(value.from.snapshot) ?? 'nothing'})`);
  }
  if (value.start !== undefined && (typeof value.start !== 'string' || Number.isNaN(Date.parse(value.start)) || !/^\d{4}-\d{2}-\d{2}/.test(value.start))) {
    problems.add('start', `must be an ISO date or date-time (got ${JSON.stringify(value.start)})`);
  }
  const horizon = problems.number('horizonHours', value.horizonHours, { min: 0, minExclusive: true, max: maxHorizonHours, required: true });
  const step = problems.number('stepMinutes', value.stepMinutes, { min: 1, max: 60 });
  if (step !== undefined && (!Number.isInteger(step) || 60 % step !== 0)) problems.add('stepMinutes', `must be a whole number of minutes that divides the hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got ${step}`);
  if (horizon !== undefined && step !== undefined && Number.isInteger(step) && 60 % step === 0 && !Number.isInteger((horizon * 60) / step)) {
    problems.add('horizonHours', `must be a whole number of ${step}-minute steps (got ${horizon} h)`);
  }
  checkWeather(problems, value.weather);
  if (value.scope !== undefined) {
    if (!Array.isArray(value.scope) || value.scope.length === 0) problems.add('scope', 'must be a non-empty array of twin ids');
    else value.scope.forEach((id, i) => problems.text(`scope[${i}]`, id));
  }
  if (value.interventions !== undefined) {
    if (!Array.isArray(value.interventions)) problems.add('interventions', 'must be an array');
    else value.interventions.forEach((intervention, i) => checkIntervention(problems, `interventions[${i}]`, intervention, horizon));
  }
  if (value.comfortBand !== undefined) {
    const band = value.comfortBand as Record<string, unknown>;
    if (!isObject(band)) problems.add('comfortBand', 'must be { min, max } in °C');
    else {
      const min = problems.number('comfortBand.min', band.min, { min: 5, max: 40, required: true });
      const max = problems.number('comfortBand.max', band.max, { min: 5, max: 40, required: true });
      if (min !== undefined && max !== undefined && min >= max) problems.add('comfortBand.max', `must be above min (${min})`);
    }
  }
  const seed = problems.number('seed', value.seed, { min: 0, max: 2 ** 32 - 1 });
  if (seed !== undefined && !Number.isInteger(seed)) problems.add('seed', `must be a whole number (got ${seed})`);
  return problems.list;
}

/** Twin ids a scenario names: its scope and its interventions' targets, with their paths. */
export function namedTwins(scenario: Scenario): { path: string; id: string }[] {
  const named = (scenario.scope ?? []).map((id, i) => ({ path: `scope[${i}]`, id }));
  (scenario.interventions ?? []).forEach((intervention: Intervention, i) => {
    if ('target' in intervention && intervention.target !== undefined) named.push({ path: `interventions[${i}].target`, id: intervention.target });
  });
  return named;
}

/** Checks a scenario's schema, throwing InvalidArgument with every located problem. */
export function checkScenario(value: unknown): Scenario {
  const problems = new Problems();
  problems.list.push(...scenarioSchemaProblems(value));
  problems.throwIfAny('The scenario is invalid');
  return value as Scenario;
}
