import type { SQLNamespace } from '@codemirror/lang-sql';
import type { AnalyticsResult, EngineApi } from '../../src-shared/contract';
import { duckdbErrorOffset } from '../ui/editor/sql-problem';
import { ExportState } from './export.svelte';
import { SavedQueriesState } from './saved-queries.svelte';
import { describeError } from './workspace.svelte';

/** Rows the console shows at most; export writes them all. */
export const analyticsRowLimit = 100_000;

/** The analytics console: DuckDB SQL over the history, its result, how the run went, and the tables the editor completes. */
export class AnalyticsState {
  text = $state("SELECT name, count(*) AS readings, round(avg(value), 2) AS average\nFROM telemetry\nGROUP BY name\nORDER BY readings DESC");
  result = $state.raw<AnalyticsResult | null>(null);
  /** The result's rows as objects keyed by column, for the shared result table. */
  rows = $state.raw<Record<string, unknown>[]>([]);
  running = $state(false);
  problem = $state<{ message: string; offset?: number } | null>(null);
  elapsedMs = $state<number | null>(null);
  /** Tables and their columns, for completion. */
  schema = $state.raw<SQLNamespace>({});
  readonly saved: SavedQueriesState;
  readonly exporter: ExportState;

  constructor(
    private readonly api: EngineApi,
    workspaceFolder: () => string | undefined,
  ) {
    this.saved = new SavedQueriesState(api, 'sql');
    this.exporter = new ExportState(
      ['csv', 'parquet'],
      workspaceFolder,
      async (format, path, taskId) => (await api.analytics.export(this.text, { path, format: format as 'csv' | 'parquet', taskId })).rows,
      { cancel: (taskId) => api.analytics.cancel(taskId), progress: api.analytics.onDidProgress },
    );
  }

  /** Loads what the console needs when it opens: saved queries, history and the tables' columns. */
  async open(): Promise<void> {
    await Promise.all([this.saved.load(), this.loadSchema()]);
  }

  async run(): Promise<void> {
    if (this.text.trim() === '' || this.running) return;
    const text = this.text;
    this.running = true;
    this.problem = null;
    const started = performance.now();
    try {
      const result = await this.api.analytics.sql(text, { rowLimit: analyticsRowLimit });
      this.result = result;
      this.rows = result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])));
      void this.saved.record({ text, rows: result.rows.length });
    } catch (error) {
      this.result = null;
      this.rows = [];
      const message = describeError(error);
      this.problem = { message, offset: duckdbErrorOffset(text, message) ?? undefined };
      void this.saved.record({ text, error: message });
    } finally {
      this.elapsedMs = performance.now() - started;
      this.running = false;
    }
  }

  /** Opens a saved or past query in the editor. */
  use(entry: { readonly text: string }): void {
    this.text = entry.text;
    this.problem = null;
  }

  private async loadSchema(): Promise<void> {
    try {
      const columns = await this.api.analytics.sql("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY table_name, ordinal_position", { rowLimit: 5_000 });
      const schema: Record<string, string[]> = {};
      for (const [table, column] of columns.rows as (readonly [string, string])[]) (schema[table] ??= []).push(column);
      this.schema = schema;
    } catch {
      // Without a history there is nothing to complete; the console says so when a query runs.
      this.schema = {};
    }
  }
}
