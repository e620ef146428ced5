import type { EngineApi, RunComparison, ZoneQuantity, ZoneSeries } from '../../src-shared/contract';
import { describeError } from './workspace.svelte';

/** Zones charted at first: those whose temperatures differ most between the two runs. */
const initialZones = 3;

/** Two runs side by side: their key figures with deltas, per-zone differences, and chosen zones over time. */
export class SimCompareState {
  a = $state<string | null>(null);
  b = $state<string | null>(null);
  comparison = $state.raw<RunComparison | null>(null);
  quantity = $state<ZoneQuantity>('operativeTemperature');
  zones = $state.raw<string[]>([]);
  seriesA = $state.raw<ZoneSeries | null>(null);
  seriesB = $state.raw<ZoneSeries | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly api: EngineApi) {}

  /** Compares run a with run b and charts the zones that differ most. */
  async compare(a: string, b: string): Promise<void> {
    this.a = a;
    this.b = b;
    this.loading = true;
    this.error = null;
    try {
      this.comparison = await this.api.sim.compareRuns(a, b);
      this.zones = [...this.comparison.zones]
        .sort((x, y) => y.maxTemperatureDifference - x.maxTemperatureDifference || x.zone.localeCompare(y.zone))
        .slice(0, initialZones)
        .map((zone) => zone.zone);
      await this.loadSeries();
    } catch (error) {
      this.comparison = null;
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }

  /** Adds a zone to the chart or takes it off. */
  async toggleZone(zone: string): Promise<void> {
    this.zones = this.zones.includes(zone) ? this.zones.filter((z) => z !== zone) : [...this.zones, zone];
    await this.loadSeries();
  }

  async chooseQuantity(quantity: ZoneQuantity): Promise<void> {
    this.quantity = quantity;
    await this.loadSeries();
  }

  /** Forgets a comparison that names a run no longer there. */
  forget(runId: string): void {
    if (this.a !== runId && this.b !== runId) return;
    this.comparison = null;
    this.seriesA = this.seriesB = null;
  }

  private async loadSeries(): Promise<void> {
    if (!this.a || !this.b || this.zones.length === 0) {
      this.seriesA = this.seriesB = null;
      return;
    }
    try {
      const request = { zones: this.zones, quantity: this.quantity };
      [this.seriesA, this.seriesB] = await Promise.all([this.api.sim.zoneSeries(this.a, request), this.api.sim.zoneSeries(this.b, request)]);
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
