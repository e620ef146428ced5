import type { EngineApi, SyntheticStatus, TelemetryReading } from '../../src-shared/contract';
import { describeError } from './workspace.svelte';

/** The most distinct streams (twin, name) the live table keeps. */
const maxStreams = 5_000;

/** Live readings: the latest value of every stream, the rate, and the synthetic devices. */
export class LiveState {
  latest = $state.raw<TelemetryReading[]>([]);
  status = $state<SyntheticStatus | null>(null);
  perSecond = $state(0);
  error = $state<string | null>(null);
  // A private index, rebuilt into `latest` (what views read) once per batch, not reactive itself.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly streams = new Map<string, TelemetryReading>();
  private received: { time: number; count: number }[] = [];

  constructor(private readonly api: EngineApi) {
    api.telemetry.onDidPublish((readings) => this.take(readings));
  }

  private take(readings: readonly TelemetryReading[]): void {
    for (const reading of readings) {
      const key = `${reading.twinId}\u0000${reading.component ?? ''}\u0000${reading.name}`;
      if (this.streams.size < maxStreams || this.streams.has(key)) this.streams.set(key, reading);
    }
    const now = Date.now();
    this.received = [...this.received.filter((entry) => now - entry.time < 10_000), { time: now, count: readings.length }];
    this.perSecond = this.received.reduce((sum, entry) => sum + entry.count, 0) / 10;
    this.latest = [...this.streams.values()];
  }

  async refresh(): Promise<void> {
    try {
      this.status = await this.api.ingest.status();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  async toggle(): Promise<void> {
    try {
      this.status = this.status?.running ? await this.api.ingest.stopSynthetic() : await this.api.ingest.startSynthetic();
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
