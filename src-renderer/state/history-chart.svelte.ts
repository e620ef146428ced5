import type { EngineApi, TelemetryReading } from '../../src-shared/contract';
import { alignSeries, appendPoints, type AlignedData, type Series } from '../features/telemetry/align-series';
import { describeError } from './workspace.svelte';

/** The ranges a chart looks back over, as DuckDB intervals. */
export const chartRanges = [
  { id: '15 minutes', label: 'Last 15 minutes' },
  { id: '1 hour', label: 'Last hour' },
  { id: '6 hours', label: 'Last 6 hours' },
  { id: '1 day', label: 'Last 24 hours' },
  { id: '7 days', label: 'Last 7 days' },
] as const;
export type ChartRange = (typeof chartRanges)[number]['id'];

/** Points a series keeps (the history query's limit and the live tail's). */
const maxPoints = 20_000;

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A chart of one twin's telemetry and numeric property history over a range, with a live tail. */
export class HistoryChartState {
  twinId = $state('');
  range = $state<ChartRange>('1 hour');
  /** Every series the twin has in the range, and those drawn. */
  available = $state.raw<string[]>([]);
  selected = $state.raw<string[]>([]);
  /** Appends readings as they are published. */
  tail = $state(true);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The twin whose history is loaded. */
  loadedTwin = $state<string | null>(null);
  private series = $state.raw<Record<string, Series>>({});

  constructor(private readonly api: EngineApi) {
    api.telemetry.onDidPublish((readings) => this.take(readings));
  }

  /** What uPlot draws: the shared time axis, then each selected series. */
  get data(): AlignedData {
    return alignSeries(this.selected.map((name) => this.series[name] ?? { times: [], values: [] }));
  }

  /** Loads the twin's telemetry and property history over the range. */
  async load(): Promise<void> {
    const twinId = this.twinId.trim();
    if (!twinId) return;
    this.loading = true;
    this.error = null;
    const twin = sqlText(twinId);
    const since = `now() - INTERVAL ${sqlText(this.range)}`;
    try {
      const result = await this.api.analytics.sql(
        `SELECT name, epoch_ms(time) / 1000.0 AS t, value FROM telemetry WHERE twin_id = ${twin} AND component IS NULL AND value IS NOT NULL AND time > ${since}
         UNION ALL
         SELECT Key || ' (property)', epoch_ms(TimeStamp) / 1000.0, TRY_CAST(CAST(Value AS VARCHAR) AS DOUBLE) FROM property_events
           WHERE Id = ${twin} AND RelationshipId IS NULL AND TimeStamp > ${since} AND TRY_CAST(CAST(Value AS VARCHAR) AS DOUBLE) IS NOT NULL
         ORDER BY t LIMIT ${maxPoints * 5}`,
        { rowLimit: maxPoints * 5 },
      );
      const series: Record<string, { times: number[]; values: number[] }> = {};
      for (const [name, time, value] of result.rows as (readonly [string, number, number])[]) {
        const entry = (series[name] ??= { times: [], values: [] });
        entry.times.push(Number(time));
        entry.values.push(Number(value));
      }
      this.series = series;
      this.available = Object.keys(series).sort();
      const kept = this.loadedTwin === twinId ? this.selected.filter((name) => name in series) : [];
      this.selected = kept.length ? kept : this.available.slice(0, 4);
      this.loadedTwin = twinId;
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }

  toggle(name: string): void {
    this.selected = this.selected.includes(name) ? this.selected.filter((other) => other !== name) : [...this.selected, name];
  }

  /** The live tail: numeric readings of the loaded twin join their series. */
  private take(readings: readonly TelemetryReading[]): void {
    if (!this.tail || !this.loadedTwin) return;
    const mine = readings.filter((reading) => reading.twinId === this.loadedTwin && reading.component === undefined && typeof reading.value === 'number');
    if (mine.length === 0) return;
    const next = { ...this.series };
    for (const name of mine.map((reading) => reading.name).filter((name, index, names) => names.indexOf(name) === index)) {
      const points = mine.filter((reading) => reading.name === name);
      next[name] = appendPoints(next[name] ?? { times: [], values: [] }, points.map((reading) => Date.parse(reading.time) / 1000), points.map((reading) => reading.value as number), maxPoints);
    }
    this.series = next;
    const names = Object.keys(next).sort();
    if (names.length !== this.available.length) this.available = names;
  }
}
