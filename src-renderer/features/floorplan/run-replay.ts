// A simulation run (or the difference of two) as the time slider plays it: one quantity of every
// zone of the scene at every step, read from the engine in pages and kept in one typed array.

import type { EngineApi, RunQuantity, ZoneValues } from '../../../src-shared/contract';

/** Most values asked for in one call (the engine's limit per call is higher). */
const pageValues = 1_000_000;

/** A run's values on the time slider: zone z at step s is values[s · zones + z] (NaN: no value). */
export interface RunReplay {
  readonly kind: 'run';
  readonly runId: string;
  /** The run subtracted (b − a) in compare mode. */
  readonly baseRunId: string | null;
  readonly quantity: RunQuantity;
  readonly from: number;
  readonly to: number;
  readonly stepMs: number;
  readonly steps: number;
  readonly zoneOf: ReadonlyMap<string, number>;
  readonly values: Float64Array;
}

/** Every step of one quantity of a run for the given zones (twin ids), page by page. */
async function readRun(api: EngineApi, runId: string, quantity: RunQuantity, zones: readonly string[]): Promise<ZoneValues[]> {
  const run = await api.sim.getRun(runId);
  const perPage = Math.max(1, Math.floor(pageValues / Math.max(1, zones.length)));
  const pages: ZoneValues[] = [];
  for (let fromStep = 0; fromStep < run.stepsDone || pages.length === 0; fromStep += perPage) {
    pages.push(await api.sim.zoneValues(runId, { quantity, zones, fromStep, steps: Math.min(perPage, run.stepsDone - fromStep) }));
  }
  return pages;
}

/** Lays pages out in the order of `zoneOf`, NaN where a zone or step has no value. */
function layOut(pages: readonly ZoneValues[], zoneOf: ReadonlyMap<string, number>, steps: number): Float64Array {
  const values = new Float64Array(steps * zoneOf.size).fill(Number.NaN);
  for (const page of pages) {
    const target = page.zones.map((zone) => zoneOf.get(zone) ?? -1);
    for (let s = 0; s < page.steps && page.fromStep + s < steps; s++) {
      for (let z = 0; z < target.length; z++) {
        const value = page.values[s * page.zones.length + z];
        if (target[z]! >= 0 && value !== null && value !== undefined) values[(page.fromStep + s) * zoneOf.size + target[z]!] = value;
      }
    }
  }
  return values;
}

/** Loads a run (or, with `baseRunId`, run − base step by step) for the zones of a scene. */
export async function loadRunReplay(api: EngineApi, runId: string, quantity: RunQuantity, zones: readonly string[], baseRunId: string | null = null): Promise<RunReplay> {
  const pages = await readRun(api, runId, quantity, zones);
  const zoneOf = new Map(pages[0]!.zones.map((zone, i) => [zone, i]));
  const first = pages[0]!;
  let steps = pages.reduce((n, page) => n + page.steps, 0);
  let values = layOut(pages, zoneOf, steps);
  if (baseRunId) {
    const base = await readRun(api, baseRunId, quantity, zones);
    steps = Math.min(steps, base.reduce((n, page) => n + page.steps, 0));
    const baseValues = layOut(base, zoneOf, steps);
    values = values.subarray(0, steps * zoneOf.size).map((value, i) => value - baseValues[i]!);
  }
  const stepMs = first.stepMinutes * 60_000;
  const from = Date.parse(first.startTime);
  return { kind: 'run', runId, baseRunId, quantity, from, to: from + Math.max(0, steps - 1) * stepMs, stepMs, steps, zoneOf, values };
}

/** The value a zone shows at `time` (the step that holds it), undefined when the run has none. */
export function runValueAt(replay: RunReplay, twinId: string, time: number): number | undefined {
  const z = replay.zoneOf.get(twinId);
  if (z === undefined || replay.steps === 0) return undefined;
  const step = Math.min(replay.steps - 1, Math.max(0, Math.floor((time - replay.from) / replay.stepMs)));
  const value = replay.values[step * replay.zoneOf.size + z]!;
  return Number.isNaN(value) ? undefined : value;
}

/** Lowest and highest value of the whole replay; symmetric about 0 for a difference. */
export function runRange(replay: RunReplay): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of replay.values) {
    if (Number.isNaN(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (!Number.isFinite(min)) return { min: 0, max: 1 };
  // Hundredths are plenty for a legend's ends, and readable in its fields.
  if (replay.baseRunId === null) return { min: Math.floor(min * 100) / 100, max: Math.ceil(max * 100) / 100 };
  const reach = Math.ceil(Math.max(Math.abs(min), Math.abs(max)) * 100) / 100 || 1;
  return { min: -reach, max: reach };
}
