// The scenario editor's data side: a scenario is edited as plain JSON data, by the form or as text.
import type { Intervention, Scenario, ScenarioProblem } from '../../../src-shared/contract';

export type InterventionKind = Intervention['kind'];

/** What each kind of intervention does, as the form offers them. */
export const interventionKinds: readonly { readonly kind: InterventionKind; readonly label: string }[] = [
  { kind: 'setpoint', label: 'Change setpoints' },
  { kind: 'set', label: 'Set a zone parameter' },
  { kind: 'fail', label: 'Fail equipment' },
  { kind: 'restore', label: 'Restore equipment' },
  { kind: 'scaleOccupancy', label: 'Scale occupancy' },
  { kind: 'offsetOutdoorTemperature', label: 'Offset outdoor temperature' },
];

/** Step lengths that divide the hour, in minutes. */
export const stepChoices: readonly number[] = [60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1];

/** A new scenario: one week of summer, synthetic weather. */
export function newScenario(id = 'what-if'): Scenario {
  return { id, start: '2025-07-07', horizonHours: 168, stepMinutes: 60, weather: { kind: 'synthetic', meanTemperature: 14 }, seed: 1, interventions: [] };
}

/** The first of what-if-1, what-if-2… that no stored scenario has. */
export function freeScenarioId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`what-if-${n}`)) return `what-if-${n}`;
}

/** An intervention of `kind` at hour `at`, with the fields its kind needs. */
export function newIntervention(kind: InterventionKind, at: number): Intervention {
  switch (kind) {
    case 'set':
      return { at, kind, target: '', property: 'heatingSetpoint', value: 21 };
    case 'setpoint':
      return { at, kind, target: '', cooling: 26 };
    case 'fail':
      return { at, kind, target: '', failure: 'fan' };
    case 'restore':
      return { at, kind, target: '' };
    case 'scaleOccupancy':
      return { at, kind, factor: 2 };
    case 'offsetOutdoorTemperature':
      return { at, kind, kelvin: 5 };
  }
}

/** The scenario with intervention `index` replaced by `next` (or removed when `next` is null). */
export function withIntervention(scenario: Scenario, index: number, next: Intervention | null): Scenario {
  const list = [...(scenario.interventions ?? [])];
  if (next === null) list.splice(index, 1);
  else list[index] = next;
  return { ...scenario, interventions: list };
}

/** The scenario with `field` set, or removed when `value` is undefined or NaN (an emptied number field). */
export function withField<T extends object>(value: T, field: string, next: unknown): T {
  const copy = { ...value } as Record<string, unknown>;
  if (next === undefined || (typeof next === 'number' && Number.isNaN(next)) || next === '') delete copy[field];
  else copy[field] = next;
  return copy as T;
}

/** The scenario as the JSON view shows it. */
export function scenarioJson(scenario: Scenario): string {
  return JSON.stringify(scenario, null, 2);
}

/** Text of the JSON view read back: a scenario-shaped object, or why not (the engine checks the rest). */
export function parseScenarioJson(text: string): { readonly scenario: Scenario } | { readonly error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not JSON: ${(error as Error).message}.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'A scenario is a JSON object ({ "id": …, "horizonHours": …, "weather": … }).' };
  const record = value as Record<string, unknown>;
  if (record.weather !== undefined && (typeof record.weather !== 'object' || record.weather === null || Array.isArray(record.weather))) return { error: '"weather" is an object with a "kind".' };
  if (record.interventions !== undefined && !Array.isArray(record.interventions)) return { error: '"interventions" is a list.' };
  if (Array.isArray(record.interventions) && !record.interventions.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) return { error: 'Each intervention is an object with "at" and "kind".' };
  return { scenario: value as Scenario };
}

/** The problems at `path` or inside it (`weather` holds `weather.path`; `interventions[1]` holds `interventions[1].at`). */
export function problemsAt(problems: readonly ScenarioProblem[], path: string): string[] {
  return problems.filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`)).map((problem) => problem.message);
}

/** Problems no field of the form shows (the scope, the graph's twins, the whole scenario). */
export function problemsElsewhere(problems: readonly ScenarioProblem[], fieldPaths: readonly string[]): ScenarioProblem[] {
  return problems.filter((problem) => !fieldPaths.some((path) => problemsAt([problem], path).length > 0));
}

/** Paths the form shows problems at, besides each intervention's own fields. */
export const formPaths: readonly string[] = ['id', 'name', 'start', 'horizonHours', 'stepMinutes', 'seed', 'weather', 'comfortBand', 'interventions'];
