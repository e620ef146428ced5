import type { Event } from './event';

/**
 * A telemetry rule: when telemetry `telemetry` arrives from a twin of `fromModel` (or a model
 * extending it), set `property` on the twins that twin points at through the relationship `via`
 * (a sensor *observes* a room), or on the twin itself when `via` is absent.
 */
export interface TelemetryRule {
  readonly id: string;
  readonly kind?: 'telemetry';
  readonly fromModel: string;
  readonly telemetry: string;
  readonly via?: string;
  readonly property: string;
}

/** A derive rule: `property` of every twin of `model` is `expression` over its own properties and latest telemetry. */
export interface DeriveRule {
  readonly id: string;
  readonly kind: 'derive';
  readonly model: string;
  readonly property: string;
  readonly expression: string;
}

/** How a roll-up combines the values of related twins. */
export type RollupFunction = 'avg' | 'sum' | 'min' | 'max' | 'count';

/**
 * A roll-up rule: `property` of every twin of `model` combines `source` of the twins reached by
 * following the relationships of `path` (e.g. `["contains"]`), optionally only twins of `filterModel`.
 */
export interface RollupRule {
  readonly id: string;
  readonly kind: 'rollup';
  readonly model: string;
  readonly property: string;
  readonly path: readonly string[];
  readonly function: RollupFunction;
  /** The property read on the related twins; `count` may leave it out and counts twins. */
  readonly source?: string;
  readonly filterModel?: string;
}

/**
 * An alert rule: on twins of `model`, the alert is raised when `raise` becomes true and cleared
 * when `clear` becomes true (hysteresis: between the two it keeps its state); `property`, a
 * boolean, mirrors the state and each change is an alert event.
 */
export interface AlertRule {
  readonly id: string;
  readonly kind: 'alert';
  readonly model: string;
  readonly raise: string;
  /** Defaults to `not (raise)`: no hysteresis. */
  readonly clear?: string;
  readonly property: string;
  readonly severity?: 'info' | 'warning' | 'critical';
  readonly message?: string;
}

/** A script rule: JavaScript run in a worker for each change of a twin of `model`. */
export interface ScriptRule {
  readonly id: string;
  readonly kind: 'script';
  readonly model: string;
  /** The body of `async function (event, twins)`; see docs/rules.md for the API. */
  readonly code: string;
  /** Properties or telemetry names that trigger it; all changes when absent. */
  readonly on?: readonly string[];
  /** Time limit per event in milliseconds (default 1,000, at most 30,000). */
  readonly timeoutMs?: number;
}

/** Any rule the workspace keeps. */
export type Rule = TelemetryRule | DeriveRule | RollupRule | AlertRule | ScriptRule;

/** The kind of a rule; a rule without `kind` is a telemetry rule. */
export type RuleKind = NonNullable<Rule['kind']>;

/** Counters of one rule. */
export interface RuleCounters {
  readonly id: string;
  readonly kind: RuleKind;
  /** Evaluations (twins × changes) the rule ran. */
  readonly evaluations: number;
  /** Property writes it caused. */
  readonly writes: number;
  /** Evaluations that failed (division by zero, a refused value, a script error or timeout). */
  readonly errors: number;
  readonly lastError?: string;
}

/** How the rules are doing. */
export interface RulesStatus {
  readonly rules: number;
  /** Property updates applied so far. */
  readonly applied: number;
  /** Updates the model refused (wrong type, unknown property). */
  readonly refused: number;
  /** Evaluations that failed (division by zero, script errors and timeouts). */
  readonly failed?: number;
  /** Chains stopped by the depth guard. */
  readonly depthExceeded?: number;
  readonly lastError?: string;
  /** Per-rule counters, in evaluation order. */
  readonly perRule?: readonly RuleCounters[];
}

/** What caused a rule to write a property. */
export interface TraceCause {
  /** `telemetry` from a twin, a `property` change of a twin, or a `script` patch. */
  readonly kind: 'telemetry' | 'property' | 'script';
  readonly twinId: string;
  /** The telemetry or property names that changed. */
  readonly names: readonly string[];
}

/** One write made by a rule. */
export interface TraceEntry {
  readonly time: string;
  readonly twinId: string;
  readonly property: string;
  readonly value: unknown;
  readonly ruleId: string;
  readonly kind: RuleKind;
  readonly cause: TraceCause;
  /** How many rule steps separate the write from the original change (0: directly). */
  readonly depth: number;
}

/** An alert raised or cleared by an alert rule. */
export interface RuleAlert {
  readonly time: string;
  readonly ruleId: string;
  readonly twinId: string;
  readonly state: 'raised' | 'cleared';
  readonly severity: 'info' | 'warning' | 'critical';
  readonly message: string;
}

export interface RulesService {
  list(): Promise<Rule[]>;
  get(id: string): Promise<Rule>;
  /** Adds or replaces a rule, checked against the models (names, types, units) and the other rules (cycles). */
  put(rule: Rule): Promise<Rule>;
  delete(id: string): Promise<void>;
  status(): Promise<RulesStatus>;
  /** Rule writes of a twin (of one property when given), newest first, since the workspace was opened. */
  trace(twinId: string, property?: string): Promise<TraceEntry[]>;
  /** Alerts as they are raised and cleared. */
  onDidAlert: Event<RuleAlert>;
}
