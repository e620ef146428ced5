import type { AnalyticsResult, EngineApi } from '../../src-shared/contract';
import { describeError } from './workspace.svelte';

/** The analytics console: DuckDB SQL over the history, its result and how the run went. */
export class AnalyticsState {
  text = $state("SELECT name, count(*) AS readings, round(avg(value), 2) AS average\nFROM telemetry\nGROUP BY name\nORDER BY readings DESC");
  result = $state.raw<AnalyticsResult | null>(null);
  running = $state(false);
  problem = $state<string | null>(null);
  elapsedMs = $state<number | null>(null);

  constructor(private readonly api: EngineApi) {}

  async run(): Promise<void> {
    this.running = true;
    this.problem = null;
    const started = performance.now();
    try {
      this.result = await this.api.analytics.sql(this.text, { rowLimit: 10_000 });
    } catch (error) {
      this.result = null;
      this.problem = describeError(error);
    } finally {
      this.elapsedMs = performance.now() - started;
      this.running = false;
    }
  }

  /** The result's rows as objects keyed by column, for the shared result table. */
  get rows(): Record<string, unknown>[] {
    const result = this.result;
    if (!result) return [];
    return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])));
  }
}
