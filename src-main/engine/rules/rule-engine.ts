import type { RuleAlert, RuleCounters, RulesStatus, TraceCause, TraceEntry, TwinPatch, TwinPatchResult } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';
import type { Emitter } from '../util/emitter';
import { EvaluationError, type Scope } from './expression';
import type { CompiledRule } from './rule-compile';
import { aggregate, relatedTwins } from './rollup';
import { PassState, type TwinChange } from './rule-state';
import { RuleTrace } from './rule-trace';

/** A telemetry message as the rules see it. */
export interface RuleInput {
  readonly twinId: string;
  readonly component?: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** A change of twin properties made outside the rules (the API, an import) or by a script. */
export interface PropertyChange {
  readonly twinId: string;
  readonly names: readonly string[];
  readonly kind: 'property' | 'script';
  readonly depth: number;
}

/** Runs script rules; the engine hands it the changes of each pass. */
export interface ScriptDispatch {
  dispatch(rule: Extract<CompiledRule, { kind: 'script' }>, twinId: string, change: TwinChange): void;
}

/** Readings handed to the rules with the promise of their storage: the rules commit nothing derived from them before it resolves. */
interface TelemetryBatch {
  readonly messages: readonly RuleInput[];
  readonly stored: Promise<unknown>;
}

/** Readings the next pass may gather while one runs before publishers wait for the running one. */
export const maxQueuedReadings = 1000;

/** Longest chain of rule steps from one original change before the engine stops it. */
export const maxRuleDepth = 16;

type Counters = { evaluations: number; writes: number; errors: number; lastError?: string };
const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Notes the readings of `messages` (components aside) in `latest`, the last of each twin and name winning; returns `latest`. */
function rememberLatest(latest: Map<string, Map<string, unknown>>, messages: readonly RuleInput[]): Map<string, Map<string, unknown>> {
  for (const message of messages) {
    if (message.component !== undefined) continue;
    let values = latest.get(message.twinId);
    if (!values) latest.set(message.twinId, (values = new Map()));
    for (const name in message.payload) values.set(name, message.payload[name]);
  }
  return latest;
}

/**
 * Evaluates the rules incrementally: each pass takes the changes that arrived since the last one
 * (telemetry and property writes), runs only the rules those changes feed, in dependency order,
 * on only the twins they affect, and commits every resulting write in one `updateMany`.
 * Changes that arrive during a pass are merged into the next, so a busy stream makes bigger,
 * fewer passes instead of a growing queue.
 */
export class RuleEngine {
  private rules: readonly CompiledRule[] = [];
  private readonly counters = new Map<string, Counters>();
  private totals = { applied: 0, refused: 0, failed: 0, depthExceeded: 0 };
  private lastError: string | undefined;
  private readonly latest = new Map<string, Map<string, unknown>>();
  private pendingTelemetry: TelemetryBatch[] = [];
  /** Messages in `pendingTelemetry`. */
  private pendingMessages = 0;
  private pendingChanges: PropertyChange[] = [];
  private running: Promise<void> | null = null;
  /** The pass being evaluated. */
  private inFlight: Promise<void> | null = null;
  private byId = new Map<string, CompiledRule>();
  readonly trace: RuleTrace;
  private scripts: ScriptDispatch | undefined;
  private readonly ancestry = new Map<string, boolean>();
  private readonly follow = (direction: 'out' | 'in', twinId: string, name: string) => this.graph.store.linked(direction, twinId, name);

  constructor(
    private readonly graph: GraphContext,
    private readonly write: (patches: TwinPatch[]) => Promise<TwinPatchResult[]>,
    private readonly alerts: Emitter<RuleAlert>,
    private readonly publishEvent: (event: Record<string, unknown>) => void = () => undefined,
    traceFile?: string,
  ) {
    this.trace = new RuleTrace(traceFile);
  }

  /** Sets the rules, already checked and in dependency order. */
  configure(rules: readonly CompiledRule[]): void {
    this.rules = rules;
    this.byId = new Map(rules.map((rule) => [rule.id, rule]));
    this.ancestry.clear();
    for (const id of [...this.counters.keys()]) if (!rules.some((rule) => rule.id === id)) this.counters.delete(id);
  }

  /** Attaches the runner of script rules. */
  attachScripts(scripts: ScriptDispatch): void {
    this.scripts = scripts;
  }

  /**
   * Takes a checked telemetry batch while it is being stored: a pass evaluates it at once but
   * commits its writes only once `stored` resolves (the readings are durable); when it rejects, the
   * batch is left out and the rest of its pass evaluated again. Resolves at once, unless a pass is
   * running and the readings waiting for the next one reach `maxQueuedReadings`: then when the
   * running pass is committed, so a publisher that awaits it stays within about a pass of the rules
   * and the latency stays bounded.
   */
  async onTelemetry(messages: readonly RuleInput[], stored: Promise<unknown> = Promise.resolve()): Promise<void> {
    if (this.rules.length === 0) {
      // Kept for rules added later, once the readings are stored.
      await stored.then(() => rememberLatest(this.latest, messages)).catch(() => undefined);
      return;
    }
    this.pendingTelemetry.push({ messages, stored });
    this.pendingMessages += messages.length;
    this.schedule();
    if (this.inFlight && this.pendingMessages >= maxQueuedReadings) await this.inFlight;
  }

  /** Takes property changes made by the API or by scripts. */
  onPropertyChanges(changes: readonly PropertyChange[]): void {
    if (this.rules.length === 0 || changes.length === 0) return;
    for (const change of changes) this.pendingChanges.push(change);
    this.schedule();
  }

  /** Forgets what the rules know of a deleted twin. */
  forget(twinId: string): void {
    this.latest.delete(twinId);
    this.trace.forget(twinId);
  }

  /** Resolves once every change received so far has been evaluated and committed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  status(): RulesStatus {
    const perRule: RuleCounters[] = this.rules.map((rule) => {
      const counters = this.counters.get(rule.id) ?? { evaluations: 0, writes: 0, errors: 0 };
      return { id: rule.id, kind: rule.kind, evaluations: counters.evaluations, writes: counters.writes, errors: counters.errors, ...(counters.lastError ? { lastError: counters.lastError } : {}) };
    });
    return { rules: this.rules.length, applied: this.totals.applied, refused: this.totals.refused, failed: this.totals.failed, depthExceeded: this.totals.depthExceeded, ...(this.lastError ? { lastError: this.lastError } : {}), perRule };
  }

  private countersOf(id: string): Counters {
    return this.counters.get(id) ?? this.counters.set(id, { evaluations: 0, writes: 0, errors: 0 }).get(id)!;
  }

  private fail(rule: CompiledRule, twinId: string, error: unknown): void {
    const counters = this.countersOf(rule.id);
    counters.errors++;
    counters.lastError = `${twinId}: ${errorText(error)}`;
    this.totals.failed++;
    this.lastError = `Rule ${rule.id} on ${twinId}: ${errorText(error)}`;
  }

  private schedule(): void {
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  private async drain(): Promise<void> {
    // Let the publishes of this tick arrive first, so they share one pass.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pendingTelemetry.length > 0 || this.pendingChanges.length > 0) {
      const telemetry = this.pendingTelemetry;
      const changes = this.pendingChanges;
      this.pendingTelemetry = [];
      this.pendingMessages = 0;
      this.pendingChanges = [];
      const done = this.pass(telemetry, changes).catch((error: unknown) => {
        this.lastError = `A rule pass failed: ${errorText(error)}`;
        this.totals.failed++;
      });
      this.inFlight = done;
      await done;
      this.inFlight = null;
    }
  }

  private async pass(batches: readonly TelemetryBatch[], changes: readonly PropertyChange[]): Promise<void> {
    const telemetry = batches.length === 1 ? batches[0]!.messages : batches.flatMap((batch) => batch.messages);
    // The pass's readings overlay what is known, and become known once they and the pass are kept.
    const readings = rememberLatest(new Map(), telemetry);
    const state = new PassState(this.graph, this.latest, readings, this.ancestry, this.follow);
    for (const message of telemetry) {
      if (message.component !== undefined) continue;
      const names = Object.keys(message.payload);
      state.change(message.twinId, 'telemetry', names, { kind: 'telemetry', twinId: message.twinId, names }, 0);
    }
    for (const change of changes) state.change(change.twinId, 'properties', change.names, { kind: change.kind, twinId: change.twinId, names: change.names }, change.depth);
    for (const rule of this.rules) {
      switch (rule.kind) {
        case 'telemetry':
          this.runTelemetry(rule, telemetry, state);
          break;
        case 'derive':
        case 'alert':
          this.runOnTwins(rule, state);
          break;
        case 'rollup':
          this.runRollup(rule, state);
          break;
        case 'script':
          break;
      }
    }
    const outcomes = await Promise.allSettled(batches.map((batch) => batch.stored));
    if (outcomes.some((outcome) => outcome.status === 'rejected')) {
      // A batch that could not be stored was refused to its publisher: evaluate the others again without it.
      const kept = batches.filter((_, index) => outcomes[index]!.status === 'fulfilled');
      this.pendingTelemetry.unshift(...kept);
      this.pendingMessages += kept.reduce((count, batch) => count + batch.messages.length, 0);
      this.pendingChanges.unshift(...changes);
      return;
    }
    for (const [twinId, values] of readings) {
      const known = this.latest.get(twinId);
      if (known) for (const [name, value] of values) known.set(name, value);
      else this.latest.set(twinId, values);
    }
    const raised = await this.commit(state);
    for (const alert of raised) this.announce(alert);
    this.runScripts(state);
  }

  private record(rule: CompiledRule, state: PassState, twinId: string, property: string, value: unknown, cause: TraceCause, depth: number, alert?: 'raised' | 'cleared'): boolean {
    if (depth > maxRuleDepth) {
      this.totals.depthExceeded++;
      this.fail(rule, twinId, new Error(`stopped after ${maxRuleDepth} rule steps (depth guard)`));
      return false;
    }
    const written = state.write(twinId, property, { value, ruleId: rule.id, cause, depth, ...(alert ? { alert } : {}) });
    if (written) this.countersOf(rule.id).writes++;
    return written;
  }

  private runTelemetry(rule: Extract<CompiledRule, { kind: 'telemetry' }>, telemetry: readonly RuleInput[], state: PassState): void {
    const { fromModel, via, property, telemetry: name } = rule.rule;
    for (const message of telemetry) {
      if (message.component !== undefined || !(name in message.payload) || !state.isOf(message.twinId, fromModel)) continue;
      this.countersOf(rule.id).evaluations++;
      const targets = via ? state.linked('out', message.twinId, via) : [message.twinId];
      const cause: TraceCause = { kind: 'telemetry', twinId: message.twinId, names: [name] };
      for (const target of targets) this.record(rule, state, target, property, message.payload[name], cause, 1);
    }
  }

  private runOnTwins(rule: Extract<CompiledRule, { kind: 'derive' | 'alert' }>, state: PassState): void {
    for (const [twinId, change] of [...state.changes]) {
      if (!this.triggers(rule.inputs.properties, rule.telemetry, change) || !state.isOf(twinId, rule.inputs.model)) continue;
      this.countersOf(rule.id).evaluations++;
      const scope: Scope = { read: (source, key) => (source === 'property' ? state.property(twinId, key) : state.telemetry(twinId, key)) };
      try {
        if (rule.kind === 'derive') {
          const value = rule.expression.evaluate(scope);
          if (value === null) continue;
          const converted = typeof value === 'number' ? rule.toTarget(value) : value;
          this.record(rule, state, twinId, rule.rule.property, rule.integer && typeof converted === 'number' ? Math.round(converted) : converted, change.cause, change.depth + 1);
        } else {
          const active = state.property(twinId, rule.rule.property) === true;
          const flip = active ? rule.clear.evaluate(scope) === true : rule.raise.evaluate(scope) === true;
          if (flip) this.record(rule, state, twinId, rule.rule.property, !active, change.cause, change.depth + 1, active ? 'cleared' : 'raised');
          else if (state.property(twinId, rule.rule.property) === undefined) this.record(rule, state, twinId, rule.rule.property, false, change.cause, change.depth + 1);
        }
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        this.fail(rule, twinId, error);
      }
    }
  }

  private triggers(properties: ReadonlySet<string>, telemetry: ReadonlySet<string> | undefined, change: TwinChange): boolean {
    for (const name of change.properties) if (properties.has(name)) return true;
    if (telemetry) for (const name of change.telemetry) if (telemetry.has(name)) return true;
    return false;
  }

  private runRollup(rule: Extract<CompiledRule, { kind: 'rollup' }>, state: PassState): void {
    const { path, source, filterModel, property } = rule.rule;
    const targets = new Map<string, TwinChange>();
    for (const [twinId, change] of [...state.changes]) {
      if (source !== undefined ? !change.properties.has(source) : change.properties.size === 0) continue;
      if (!state.isOf(twinId, rule.inputs.model)) continue;
      for (const target of relatedTwins([twinId], [...path].reverse(), (id, name) => state.linked('in', id, name))) {
        if (!targets.has(target) && state.isOf(target, rule.rule.model)) targets.set(target, change);
      }
    }
    for (const [target, change] of targets) {
      this.countersOf(rule.id).evaluations++;
      const reached = relatedTwins([target], path, (id, name) => state.linked('out', id, name)).filter((id) => !filterModel || state.isOf(id, filterModel));
      const value = aggregate(rule.rule.function, source === undefined ? reached.map(() => 1) : reached.map((id) => state.property(id, source)));
      if (value === null) continue;
      this.record(rule, state, target, property, rule.integer ? Math.round(value) : value, change.cause, change.depth + 1);
    }
  }

  /** Commits every write of the pass in one batch; returns the alerts whose writes were accepted. */
  private async commit(state: PassState): Promise<RuleAlert[]> {
    if (state.writes.size === 0) return [];
    const patches: TwinPatch[] = [...state.writes].map(([id, properties]) => ({ id, patch: [...properties].map(([name, write]) => ({ op: 'add' as const, path: `/${escape(name)}`, value: write.value })) }));
    let results: TwinPatchResult[];
    try {
      results = await this.write(patches);
    } catch (error) {
      this.totals.refused += patches.length;
      this.lastError = errorText(error);
      return [];
    }
    const time = this.graph.now().toISOString();
    const alerts: RuleAlert[] = [];
    for (const result of results) {
      const properties = state.writes.get(result.id)!;
      if ('error' in result) {
        this.totals.refused++;
        this.lastError = `${result.id}: ${result.error.message}`;
        for (const write of properties.values()) {
          const counters = this.countersOf(write.ruleId);
          counters.errors++;
          counters.lastError = `${result.id}: ${result.error.message}`;
        }
        state.changes.delete(result.id);
        continue;
      }
      this.totals.applied++;
      for (const [property, write] of properties) {
        const rule = this.byId.get(write.ruleId);
        const entry: TraceEntry = { time, twinId: result.id, property, value: write.value, ruleId: write.ruleId, kind: rule?.kind ?? 'derive', cause: write.cause, depth: write.depth };
        this.trace.record(entry);
        if (rule?.kind === 'alert' && write.alert) {
          alerts.push({ time, ruleId: rule.id, twinId: result.id, state: write.alert, severity: rule.rule.severity ?? 'warning', message: rule.rule.message ?? `${rule.id} on ${result.id}` });
        }
      }
    }
    return alerts;
  }

  private announce(alert: RuleAlert): void {
    this.alerts.fire(alert);
    this.publishEvent({ type: 'Twinbench.Rules.Alert', subject: alert.twinId, time: alert.time, data: alert });
  }

  private runScripts(state: PassState): void {
    if (!this.scripts) return;
    for (const rule of this.rules) {
      if (rule.kind !== 'script') continue;
      for (const [twinId, change] of state.changes) {
        if (rule.rule.on && !this.triggers(rule.inputs.properties, rule.telemetry, change)) continue;
        if (!state.isOf(twinId, rule.rule.model)) continue;
        if (change.depth >= maxRuleDepth) {
          this.totals.depthExceeded++;
          this.fail(rule, twinId, new Error(`stopped after ${maxRuleDepth} rule steps (depth guard)`));
          continue;
        }
        this.countersOf(rule.id).evaluations++;
        this.scripts.dispatch(rule, twinId, change);
      }
    }
  }

  /** Counts a script failure (an exception, a timeout) against its rule. */
  scriptFailed(ruleId: string, twinId: string, reason: string): void {
    const rule = this.byId.get(ruleId);
    if (rule) this.fail(rule, twinId, new Error(reason));
  }
}
