import { EngineError, ErrorCode, type SyntheticFault, type SyntheticStatus, type TelemetryService } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';
import { checkFaults, faultEffects, type FaultEffect } from './faults';
import { signalFor, type Signal } from './signals';

interface Device {
  readonly twinId: string;
  readonly signals: readonly (readonly [string, Signal])[];
  readonly faults: readonly FaultEffect[];
}

/** Options of the synthetic devices. */
export interface SyntheticOptions {
  readonly intervalMs: number;
  readonly seed: number;
  readonly faults?: readonly SyntheticFault[];
}

const batchSize = 1_000;

/**
 * A synthetic device for every twin whose model declares telemetry, publishing one message per
 * device each interval through the telemetry service (so readings are stored, routed and shown
 * like any other). New twins are picked up as the graph grows.
 */
export class SyntheticDevices {
  private devices: Device[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private options: SyntheticOptions = { intervalMs: 5_000, seed: 1 };
  private counts = { messages: 0, errors: 0, ticks: 0 };
  private lastTick: string | undefined;
  private lastError: string | undefined;
  private twinCount = -1;
  private ticking = false;

  constructor(
    private readonly graph: GraphContext,
    private readonly telemetry: TelemetryService,
  ) {}

  status(): SyntheticStatus {
    return {
      running: this.timer !== null,
      devices: this.devices.length,
      messages: this.counts.messages,
      errors: this.counts.errors,
      intervalMs: this.options.intervalMs,
      seed: this.options.seed,
      faults: this.options.faults ?? [],
      ...(this.lastTick ? { lastTick: this.lastTick } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Checks the options, filling in when each fault starts (now, unless given). */
  check(options: SyntheticOptions): SyntheticOptions {
    if (!Number.isInteger(options.intervalMs) || options.intervalMs < 100) throw new EngineError(ErrorCode.InvalidArgument, 'The interval is a whole number of milliseconds, 100 or more.');
    if (!Number.isInteger(options.seed)) throw new EngineError(ErrorCode.InvalidArgument, 'The seed is a whole number.');
    return { intervalMs: options.intervalMs, seed: options.seed, faults: checkFaults(this.graph, options.faults, this.graph.now()) };
  }

  /** Starts (or restarts with new options) and sends the first readings at once. */
  async start(options: SyntheticOptions): Promise<SyntheticStatus> {
    const checked = this.check(options);
    this.stop();
    this.options = checked;
    this.twinCount = -1;
    await this.tick();
    this.timer = setInterval(() => void this.tick(), options.intervalMs);
    this.timer.unref();
    return this.status();
  }

  stop(): SyntheticStatus {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.status();
  }

  /** Rebuilds the device list when the number of twins has changed. */
  private async discover(): Promise<void> {
    const count = this.graph.store.countTwins();
    if (count === this.twinCount) return;
    this.twinCount = count;
    const rows = this.graph.db.prepare<[], { id: string; model: string }>('SELECT id, model FROM twins ORDER BY id').all();
    const effects = faultEffects(this.graph, this.options.faults ?? []);
    const devices: Device[] = [];
    for (const { id, model } of rows) {
      const telemetry = (await this.graph.models.get(model))?.telemetry;
      if (!telemetry || telemetry.size === 0) continue;
      devices.push({ twinId: id, signals: [...telemetry.values()].map((content) => [content.name, signalFor(content.name, content.schema, this.options.seed, id)] as const), faults: effects.get(id) ?? [] });
    }
    this.devices = devices;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.discover();
      const time = { date: this.graph.now(), tick: this.counts.ticks++, stepSeconds: this.options.intervalMs / 1000 };
      const reading = (device: Device, name: string, signal: Signal) => device.faults.reduce((value, effect) => effect(name, value, time.date), signal(time));
      const messages = this.devices.map((device) => ({ twinId: device.twinId, payload: Object.fromEntries(device.signals.map(([name, signal]) => [name, reading(device, name, signal)])) }));
      for (let i = 0; i < messages.length; i += batchSize) await this.telemetry.publishBatch(messages.slice(i, i + batchSize));
      this.counts.messages += messages.length;
      this.lastTick = time.date.toISOString();
    } catch (error) {
      this.counts.errors++;
      this.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.ticking = false;
    }
  }
}
