import { isEngineError, type EngineApi, type ModelDetail, type QueryPage } from '../../src-shared/contract';
import { emptyVocabulary, vocabularyFromModels, type QueryVocabulary } from '../ui/editor/query-vocabulary';
import { ExportState } from './export.svelte';
import { PropertyIndexesState } from './property-indexes.svelte';
import { SavedQueriesState } from './saved-queries.svelte';
import { describeError } from './workspace.svelte';

/** Where a query failed, when the engine could say. */
export interface QueryProblem {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  readonly hint?: string;
}

/** Rows the console holds at most; past this, export the result to a file. */
export const maxConsoleRows = 250_000;

/** The query console: its text, mode, rows so far, how the last run went, and what the editor can complete. */
export class QueryState {
  text = $state('SELECT * FROM DIGITALTWINS T WHERE IS_DEFINED(T.name)');
  strict = $state(false);
  /** Raw: a result of 100,000 rows must not become 100,000 reactive proxies. */
  rows = $state.raw<unknown[]>([]);
  running = $state(false);
  loadingAll = $state(false);
  problem = $state<QueryProblem | null>(null);
  elapsedMs = $state<number | null>(null);
  vocabulary = $state.raw<QueryVocabulary>(emptyVocabulary);
  readonly saved: SavedQueriesState;
  readonly indexes: PropertyIndexesState;
  readonly exporter: ExportState;
  private token = $state<string | undefined>(undefined);
  private cancelled = false;
  private vocabularyStale = true;

  constructor(
    private readonly api: EngineApi,
    workspaceFolder: () => string | undefined,
  ) {
    this.saved = new SavedQueriesState(api, 'adt');
    this.indexes = new PropertyIndexesState(api);
    this.exporter = new ExportState(
      ['csv', 'parquet', 'json', 'ndjson'],
      workspaceFolder,
      async (format, path, taskId) => (await api.query.export(this.text, { path, format, strict: this.strict, taskId })).rows,
      { cancel: (taskId) => api.query.cancel(taskId), progress: api.analytics.onDidProgress },
    );
    api.workspace.onDidChange((change) => {
      if (change.kind !== 'workspaceRenamed') this.vocabularyStale = true;
    });
  }

  /** True when the last page said more rows follow. */
  get hasMore(): boolean {
    return this.token !== undefined;
  }

  /** Loads what the console needs when it opens: saved queries, history, and the models' names for completion. */
  async open(): Promise<void> {
    await Promise.all([this.saved.load(), this.indexes.load(), this.refreshVocabulary()]);
  }

  /** Rebuilds the completion vocabulary from the models, when they changed since last time. */
  async refreshVocabulary(): Promise<void> {
    if (!this.vocabularyStale) return;
    this.vocabularyStale = false;
    try {
      const models = await this.api.models.list();
      const details: ModelDetail[] = await Promise.all(models.map((model) => this.api.models.get(model.id, { flat: true })));
      this.vocabulary = vocabularyFromModels(details);
    } catch {
      // Completion is a help, not a requirement: keep the last vocabulary and try again next time.
      this.vocabularyStale = true;
    }
  }

  /** Runs the query from its first page and records the run in the history. */
  async run(): Promise<void> {
    if (this.text.trim() === '' || this.running) return;
    this.rows = [];
    this.token = undefined;
    const text = this.text;
    const strict = this.strict;
    const ok = await this.fetch(() => this.api.query.run(text, { strict }));
    void this.saved.record({ text, strict, ...(ok ? { rows: this.rows.length } : { error: this.problem?.message ?? 'failed' }) });
  }

  /** Fetches the next page. */
  async more(): Promise<void> {
    const continuationToken = this.token;
    if (continuationToken && !this.running) await this.fetch(() => this.api.query.run(this.text, { strict: this.strict, continuationToken }));
  }

  /** Fetches every remaining page, up to the console's row limit; `cancel()` stops after the current page. */
  async loadAll(): Promise<void> {
    this.cancelled = false;
    this.loadingAll = true;
    try {
      while (this.hasMore && !this.cancelled && this.rows.length < maxConsoleRows) {
        if (!(await this.fetchNext())) break;
      }
    } finally {
      this.loadingAll = false;
    }
  }

  /** Stops loading further pages. */
  cancel(): void {
    this.cancelled = true;
  }

  /** Opens a saved or past query in the editor. */
  use(entry: { readonly text: string; readonly strict?: boolean }): void {
    this.text = entry.text;
    this.strict = entry.strict === true;
    this.problem = null;
  }

  private async fetchNext(): Promise<boolean> {
    const continuationToken = this.token;
    return continuationToken ? this.fetch(() => this.api.query.run(this.text, { strict: this.strict, continuationToken })) : false;
  }

  private async fetch(page: () => Promise<QueryPage>): Promise<boolean> {
    this.running = true;
    this.problem = null;
    const started = performance.now();
    try {
      const result = await page();
      this.rows = this.rows.length === 0 ? [...result.items] : this.rows.concat(result.items);
      this.token = result.continuationToken;
      return true;
    } catch (error) {
      const details = isEngineError(error) ? (error.details as { line?: number; column?: number; offset?: number; hint?: string } | undefined) : undefined;
      const message = isEngineError(error) ? error.message.replace(/^Invalid query at line \d+, column \d+: /, '').replace(/ Hint: .*$/s, '') : describeError(error);
      this.problem = { message, line: details?.line, column: details?.column, offset: details?.offset, hint: details?.hint };
      this.token = undefined;
      return false;
    } finally {
      this.elapsedMs = performance.now() - started;
      this.running = false;
    }
  }
}
