/** The synthetic devices: whether they run, and what they have sent. */
export interface SyntheticStatus {
  readonly running: boolean;
  /** Twins whose models declare telemetry: one synthetic device each. */
  readonly devices: number;
  readonly messages: number;
  readonly errors: number;
  readonly intervalMs: number;
  readonly seed: number;
  readonly lastTick?: string;
  readonly lastError?: string;
}

export interface IngestService {
  /** Starts a synthetic device for every twin with telemetry (daily cycles, office hours, noise, drift; seeded). The workspace remembers it. */
  startSynthetic(options?: { readonly intervalMs?: number; readonly seed?: number }): Promise<SyntheticStatus>;
  stopSynthetic(): Promise<SyntheticStatus>;
  status(): Promise<SyntheticStatus>;
}
