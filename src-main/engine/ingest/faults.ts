import { EngineError, ErrorCode, type SyntheticFault } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';

/** Changes one reading of a device while a fault is active. */
export type FaultEffect = (name: string, value: unknown, date: Date) => unknown;

const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const hoursBetween = (from: number, date: Date) => Math.max(0, (date.getTime() - from) / 3_600_000);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Checks faults and fills in their start (`startedAt` when not given); a clear error for the first bad one. */
export function checkFaults(graph: GraphContext, input: unknown, startedAt: Date): SyntheticFault[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw new EngineError(ErrorCode.InvalidArgument, 'Faults are a list of { kind: "stuckSensor" | "failedAhu", twinId, … }.');
  return input.map((raw: { kind?: unknown; twinId?: unknown; telemetry?: unknown; from?: unknown; until?: unknown } | null, i) => {
    const where = `Fault ${i + 1}`;
    if (raw?.kind !== 'stuckSensor' && raw?.kind !== 'failedAhu') throw new EngineError(ErrorCode.InvalidArgument, `${where}: "kind" must be "stuckSensor" or "failedAhu".`, { fault: raw });
    if (typeof raw.twinId !== 'string' || graph.store.twinModel(raw.twinId) === undefined) throw new EngineError(ErrorCode.TwinNotFound, `${where}: there is no twin ${String(raw.twinId)}.`, { id: raw.twinId });
    for (const key of ['from', 'until'] as const) {
      const value = raw[key];
      if (value !== undefined && (typeof value !== 'string' || !isoPattern.test(value))) throw new EngineError(ErrorCode.InvalidArgument, `${where}: "${key}" must be an ISO 8601 date-time such as 2026-11-28T09:00:00Z.`);
    }
    const from = (raw.from as string | undefined) ?? startedAt.toISOString();
    if (typeof raw.until === 'string' && Date.parse(raw.until) <= Date.parse(from)) throw new EngineError(ErrorCode.InvalidArgument, `${where}: "until" must come after "from".`);
    const until = typeof raw.until === 'string' ? { until: raw.until } : {};
    if (raw.kind === 'failedAhu') return { kind: 'failedAhu', twinId: raw.twinId, from, ...until };
    const telemetry = typeof raw.telemetry === 'string' ? { telemetry: raw.telemetry } : {};
    return { kind: 'stuckSensor', twinId: raw.twinId, ...telemetry, from, ...until };
  });
}

/** A stuck sensor repeats the value each stream had at the first reading inside the fault's window. */
function stuck(fault: Extract<SyntheticFault, { kind: 'stuckSensor' }>, active: (date: Date) => boolean): FaultEffect {
  const held = new Map<string, unknown>();
  return (name, value, date) => {
    if (fault.telemetry !== undefined && fault.telemetry !== name) return value;
    if (!active(date)) {
      held.delete(name);
      return value;
    }
    if (!held.has(name)) held.set(name, value);
    return held.get(name);
  };
}

/**
 * The twins a failed AHU affects: itself (supply air drifts to room level, no airflow), what it
 * serves (VAV boxes: no airflow) and the sensors observing the rooms those serve (the rooms warm
 * up by 2 K an hour up to 6 K, and CO2 builds up without fresh air).
 */
function failedAhu(graph: GraphContext, twinId: string, from: number, active: (date: Date) => boolean): Map<string, FaultEffect> {
  const served = (ids: readonly string[]) => ids.flatMap((id) => graph.db.prepare<[string], { target: string }>("SELECT target FROM relationships WHERE source = ? AND name = 'serves'").all(id).map((row) => row.target));
  const boxes = served([twinId]);
  const spaces = [...new Set([...boxes, ...served(boxes)])];
  const observers = spaces.flatMap((space) => graph.db.prepare<[string], { source: string }>("SELECT source FROM relationships WHERE target = ? AND name = 'observes'").all(space).map((row) => row.source));
  const effects = new Map<string, FaultEffect>();
  const numeric = (effect: (value: number, hours: number) => number): FaultEffect => (_name, value, date) => (typeof value === 'number' && active(date) ? effect(value, hoursBetween(from, date)) : value);
  const supplyAir = numeric((v, hours) => round(v + (24 - v) * (1 - Math.exp(-hours / 0.25)), 2));
  const noAirflow = numeric(() => 0);
  effects.set(twinId, (name, value, date) => (name === 'supplyAirTemperature' ? supplyAir(name, value, date) : name === 'airflow' ? noAirflow(name, value, date) : value));
  for (const box of boxes) effects.set(box, (name, value, date) => (name === 'airflow' ? noAirflow(name, value, date) : value));
  for (const sensor of observers) {
    effects.set(sensor, (name, value, date) => {
      const lower = name.toLowerCase();
      if (lower === 'temperature') return numeric((v, hours) => round(v + Math.min(6, 2 * hours), 2))(name, value, date);
      if (lower === 'co2') return numeric((v, hours) => Math.round(v + Math.min(1_200, 400 * hours)))(name, value, date);
      return value;
    });
  }
  return effects;
}

/** Each affected twin's effects, in the order the faults were given. */
export function faultEffects(graph: GraphContext, faults: readonly SyntheticFault[]): Map<string, FaultEffect[]> {
  const byTwin = new Map<string, FaultEffect[]>();
  const add = (twinId: string, effect: FaultEffect) => byTwin.set(twinId, [...(byTwin.get(twinId) ?? []), effect]);
  for (const fault of faults) {
    const from = Date.parse(fault.from ?? '1970-01-01T00:00:00Z');
    const until = fault.until !== undefined ? Date.parse(fault.until) : Infinity;
    const active = (date: Date) => date.getTime() >= from && date.getTime() < until;
    if (fault.kind === 'stuckSensor') add(fault.twinId, stuck(fault, active));
    else for (const [twinId, effect] of failedAhu(graph, fault.twinId, from, active)) add(twinId, effect);
  }
  return byTwin;
}
