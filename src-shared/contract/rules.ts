/**
 * A rule that turns readings into twin state: when telemetry `telemetry` arrives from a twin of
 * `fromModel` (or a model extending it), set `property` on the twins that twin points at through
 * the relationship `via` (a sensor *observes* a room), or on the twin itself when `via` is absent.
 */
export interface TelemetryRule {
  readonly id: string;
  readonly fromModel: string;
  readonly telemetry: string;
  readonly via?: string;
  readonly property: string;
}

/** How the rules are doing. */
export interface RulesStatus {
  readonly rules: number;
  /** Property updates applied so far. */
  readonly applied: number;
  /** Updates the model refused (wrong type, unknown property). */
  readonly refused: number;
  readonly lastError?: string;
}

export interface RulesService {
  list(): Promise<TelemetryRule[]>;
  /** Adds or replaces a rule. */
  put(rule: TelemetryRule): Promise<TelemetryRule>;
  delete(id: string): Promise<void>;
  status(): Promise<RulesStatus>;
}
