import type { AnalyticsResult, AnalyticsService } from '../../../src-shared/contract';
import { requireHistory, type HistoryHandle } from '../history';

/** Analytic SQL over the history, read-only and sandboxed (see docs/analytics.md). */
export class LocalAnalyticsService implements AnalyticsService {
  constructor(private readonly history: HistoryHandle) {}

  async sql(text: string, options: { readonly rowLimit?: number } = {}): Promise<AnalyticsResult> {
    return requireHistory(this.history).analytics.sql(text, { rowLimit: options.rowLimit });
  }

  async export(text: string, options: { readonly path: string; readonly format: 'csv' | 'parquet' }): Promise<{ rows: number }> {
    return requireHistory(this.history).analytics.exportSql(text, options?.path, options?.format);
  }
}
