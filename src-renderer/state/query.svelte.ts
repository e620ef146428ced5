import { isEngineError, type EngineApi } from '../../src-shared/contract';

/** Where a query failed, when the engine could say. */
export interface QueryProblem {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
}

/** The query console: its text, mode, rows so far and how the last run went. */
export class QueryState {
  text = $state("SELECT * FROM DIGITALTWINS T WHERE IS_DEFINED(T.name)");
  strict = $state(false);
  rows = $state<unknown[]>([]);
  running = $state(false);
  problem = $state<QueryProblem | null>(null);
  elapsedMs = $state<number | null>(null);
  private token = $state<string | undefined>(undefined);

  constructor(private readonly api: EngineApi) {}

  /** True when the last page said more rows follow. */
  get hasMore(): boolean {
    return this.token !== undefined;
  }

  /** Runs the query from its first page. */
  async run(): Promise<void> {
    this.rows = [];
    this.token = undefined;
    await this.fetch(() => this.api.query.run(this.text, { strict: this.strict }));
  }

  /** Fetches the next page. */
  async more(): Promise<void> {
    const continuationToken = this.token;
    if (continuationToken) await this.fetch(() => this.api.query.run(this.text, { strict: this.strict, continuationToken }));
  }

  private async fetch(page: () => Promise<{ readonly items: readonly unknown[]; readonly continuationToken?: string }>): Promise<void> {
    this.running = true;
    this.problem = null;
    const started = performance.now();
    try {
      const result = await page();
      this.rows = [...this.rows, ...result.items];
      this.token = result.continuationToken;
    } catch (error) {
      const details = isEngineError(error) ? (error.details as { line?: number; column?: number; hint?: string } | undefined) : undefined;
      this.problem = { message: error instanceof Error ? error.message : String(error), line: details?.line, column: details?.column, hint: details?.hint };
    } finally {
      this.elapsedMs = performance.now() - started;
      this.running = false;
    }
  }
}
