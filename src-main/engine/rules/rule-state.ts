import type { TraceCause } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';

/** What changed on one twin during a pass, and why. */
export interface TwinChange {
  readonly properties: Set<string>;
  readonly telemetry: Set<string>;
  readonly cause: TraceCause;
  depth: number;
}

/** A property value written by a rule in the current pass, with what made it. */
export interface PendingWrite {
  readonly value: unknown;
  readonly ruleId: string;
  readonly cause: TraceCause;
  readonly depth: number;
  /** Set on an alert rule's write that raises or clears its alert. */
  readonly alert?: 'raised' | 'cleared';
}

/**
 * The graph as one evaluation pass sees it: stored twins, read once each, overlaid with the
 * writes the pass has made so far, so rules later in the order see earlier rules' results.
 */
export class PassState {
  readonly changes = new Map<string, TwinChange>();
  readonly writes = new Map<string, Map<string, PendingWrite>>();
  private readonly bodies = new Map<string, Readonly<Record<string, unknown>> | null>();
  private readonly models = new Map<string, string | undefined>();

  constructor(
    private readonly graph: GraphContext,
    private readonly latestTelemetry: ReadonlyMap<string, ReadonlyMap<string, unknown>>,
    /** The readings of this pass, newer than `latestTelemetry`. */
    private readonly passTelemetry: ReadonlyMap<string, ReadonlyMap<string, unknown>>,
    /** Model ancestry answers, kept across passes until the models change. */
    private readonly ancestry: Map<string, boolean>,
    private readonly follow: (direction: 'out' | 'in', twinId: string, relationship: string) => readonly string[],
  ) {}

  /** Twins linked to `twinId` by relationship `name`: its targets (`out`) or its sources (`in`). */
  linked(direction: 'out' | 'in', twinId: string, name: string): readonly string[] {
    return this.follow(direction, twinId, name);
  }

  /** The model of a twin, or undefined when it does not exist. */
  modelOf(twinId: string): string | undefined {
    if (!this.models.has(twinId)) this.models.set(twinId, this.graph.store.twinModel(twinId));
    return this.models.get(twinId);
  }

  /** True when the twin exists and is of `model` ('*': any model). */
  isOf(twinId: string, model: string): boolean {
    const actual = this.modelOf(twinId);
    if (actual === undefined) return false;
    if (model === '*' || actual === model) return true;
    const key = `${actual}\u0000${model}`;
    let answer = this.ancestry.get(key);
    if (answer === undefined) {
      answer = this.graph.isOfModel(actual, model);
      this.ancestry.set(key, answer);
    }
    return answer;
  }

  private body(twinId: string): Readonly<Record<string, unknown>> | null {
    let body = this.bodies.get(twinId);
    if (body === undefined) {
      body = (this.graph.store.peekTwin(twinId) as Readonly<Record<string, unknown>> | undefined) ?? null;
      this.bodies.set(twinId, body);
    }
    return body;
  }

  /** A property of a twin (`component.property` for a component's), pending writes first. */
  property(twinId: string, key: string): unknown {
    const pending = this.writes.get(twinId)?.get(key);
    if (pending) return pending.value;
    const dot = key.indexOf('.');
    const body = this.body(twinId);
    if (dot < 0) return body?.[key];
    const component = body?.[key.slice(0, dot)];
    return typeof component === 'object' && component !== null ? (component as Record<string, unknown>)[key.slice(dot + 1)] : undefined;
  }

  /** The latest reading of a telemetry of a twin since the workspace was opened (this pass's first). */
  telemetry(twinId: string, name: string): unknown {
    const values = this.passTelemetry.get(twinId);
    return values?.has(name) ? values.get(name) : this.latestTelemetry.get(twinId)?.get(name);
  }

  /** Notes a change of a twin, merging with what is already known. */
  change(twinId: string, kind: 'properties' | 'telemetry', names: Iterable<string>, cause: TraceCause, depth: number): TwinChange {
    let change = this.changes.get(twinId);
    if (!change) {
      change = { properties: new Set(), telemetry: new Set(), cause, depth };
      this.changes.set(twinId, change);
    } else change.depth = Math.max(change.depth, depth);
    for (const name of names) change[kind].add(name);
    return change;
  }

  /** Records a rule's write unless the value is what the twin already holds; true when it was recorded. */
  write(twinId: string, property: string, write: PendingWrite): boolean {
    if (Object.is(this.property(twinId, property), write.value)) return false;
    (this.writes.get(twinId) ?? this.writes.set(twinId, new Map()).get(twinId)!).set(property, write);
    // The original event stays the cause down the chain, so a trace leads back to the reading or edit.
    this.change(twinId, 'properties', [property], write.cause, write.depth);
    return true;
  }
}
