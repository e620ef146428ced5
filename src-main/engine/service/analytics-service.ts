import type {
  AnalyticsQueryOptions,
  AnalyticsResult,
  AnalyticsService,
  HistoryExportOptions,
  HistoryProgress,
  RetentionPolicy,
  RetentionResult,
  TelemetryExportRequest,
} from '../../../src-shared/contract';
import { EngineError, ErrorCode, type Event } from '../../../src-shared/contract';
import { checkRetention, keepEverything, requireHistory, type AnalyticsScope, type HistoryHandle, type HistoryTasks } from '../history';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

/** What the analytics service needs from the rest of the engine. */
export interface AnalyticsEnvironment {
  readonly history: HistoryHandle;
  readonly tasks: HistoryTasks;
  readonly settings: SettingsStore;
  readonly writes: SerialQueue;
  readonly now: () => Date;
  /** The twin ids an ADT query returns. */
  readonly resolveTwins: (query: string) => Promise<string[]>;
}

/** The `$dtId` of every row of an ADT query's answer (`text`): rows that are twins, or hold exactly one twin (`SELECT T FROM …`). */
export function twinIdsOf(items: readonly unknown[], text: string): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    const row = item as Record<string, unknown>;
    const twins = typeof row.$dtId === 'string' ? [row] : Object.values(row).filter((value): value is Record<string, unknown> => typeof (value as Record<string, unknown> | null)?.$dtId === 'string');
    if (twins.length !== 1) throw new EngineError(ErrorCode.InvalidArgument, 'The twins query must return twins, e.g. SELECT * FROM digitaltwins WHERE IS_OF_MODEL(\'dtmi:…;1\').', { query: text });
    ids.add(twins[0]!.$dtId as string);
  }
  return [...ids];
}

/** Analytic SQL over the history, read-only and sandboxed; exports; retention (see docs/analytics.md). */
export class LocalAnalyticsService implements AnalyticsService {
  readonly onDidProgress: Event<HistoryProgress>;
  private schedule: NodeJS.Timeout | undefined;

  constructor(private readonly environment: AnalyticsEnvironment) {
    this.onDidProgress = environment.tasks.onDidProgress;
  }

  async sql(text: string, options: AnalyticsQueryOptions = {}): Promise<AnalyticsResult> {
    return requireHistory(this.environment.history).analytics.sql(text, { rowLimit: options?.rowLimit, pageSize: options?.pageSize, timeoutMs: options?.timeoutMs });
  }

  /** Analytic SQL narrowed to what one subject may see: views filtered to its twins, hidden properties removed. */
  narrowed(scope: AnalyticsScope): Pick<AnalyticsService, 'sql' | 'nextPage' | 'closePages'> {
    return {
      sql: async (text, options = {}) => requireHistory(this.environment.history).analytics.sql(text, { rowLimit: options?.rowLimit, pageSize: options?.pageSize, scope }),
      nextPage: (continuationToken) => this.nextPage(continuationToken),
      closePages: (continuationToken) => this.closePages(continuationToken),
    };
  }

  async nextPage(continuationToken: string): Promise<AnalyticsResult> {
    return requireHistory(this.environment.history).analytics.nextPage(continuationToken);
  }

  async closePages(continuationToken: string): Promise<void> {
    requireHistory(this.environment.history).analytics.closePages(continuationToken);
  }

  async export(text: string, options: HistoryExportOptions): Promise<{ rows: number; path: string }> {
    const store = requireHistory(this.environment.history);
    const { path, format, force, taskId } = options ?? ({} as HistoryExportOptions);
    return this.environment.tasks.run(taskId, 'export', async (task) => ({ ...(await store.analytics.exportSql(text, path, format, { force, task })), path }));
  }

  async exportTelemetry(request: TelemetryExportRequest): Promise<{ rows: number; path: string }> {
    const store = requireHistory(this.environment.history);
    if (typeof request !== 'object' || request === null) throw new EngineError(ErrorCode.InvalidArgument, 'exportTelemetry takes { path, format, twins?, from?, to?, force?, taskId? }.');
    const { path, format, force, taskId, twins, from, to } = request;
    return this.environment.tasks.run(taskId, 'export', async (task) => {
      task.report('preparing', 0, null, 'rows');
      const twinIds = twins === undefined ? null : await this.environment.resolveTwins(twins);
      task.throwIfCancelled();
      return { ...(await store.analytics.exportTelemetry({ twinIds, from, to }, path, format, { force, task })), path };
    });
  }

  async cancel(taskId: string): Promise<boolean> {
    return this.environment.tasks.cancel(taskId);
  }

  async retention(): Promise<RetentionPolicy> {
    return this.environment.settings.get().historyRetention ?? keepEverything;
  }

  async setRetention(policy: RetentionPolicy): Promise<RetentionPolicy> {
    const checked = checkRetention(policy);
    await this.environment.writes.run(() => this.environment.settings.update((settings) => ({ ...settings, historyRetention: checked })));
    this.scheduleRetention();
    return checked;
  }

  async applyRetention(options: { readonly taskId?: string } = {}): Promise<RetentionResult> {
    const store = requireHistory(this.environment.history);
    const policy = await this.retention();
    return this.environment.tasks.run(options?.taskId, 'retention', async (task) => {
      task.report('writing', 0, null, 'rows');
      const result = await store.applyRetention(policy, this.environment.now());
      task.report('done', result.removedReadings, result.removedReadings, 'rows');
      return result;
    });
  }

  /** (Re)starts the periodic application of the policy, when it asks for one and history is open here. */
  scheduleRetention(): void {
    clearInterval(this.schedule);
    this.schedule = undefined;
    const every = this.environment.settings.get().historyRetention?.applyEveryMinutes ?? null;
    if (every === null || !this.environment.history.store) return;
    this.schedule = setInterval(() => {
      this.applyRetention().catch((error: unknown) => console.error('Could not apply the history retention policy:', error));
    }, every * 60_000);
    this.schedule.unref();
  }

  /** Stops the schedule (the engine is closing). */
  dispose(): void {
    clearInterval(this.schedule);
  }
}
