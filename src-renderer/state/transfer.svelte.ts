import { isEngineError, ErrorCode, type EngineApi, type ExportFormat, type HistoryFileFormat, type ImportFormat, type JobInfo, type JobLog, type RowFileFormat, type TelemetryColumnMapping, type TelemetryFileFormat } from '../../src-shared/contract';
import { bytes, extensionOf, isoOfLocal, type TransferKind } from '../features/import-export/transfer-kinds';
import type { TransportKind } from '../transport/connect';
import { uploadFile } from '../transport/upload';
import { fileStamp } from '../ui/file-stamp';
import { describeError } from './workspace.svelte';

export type TransferPhase = 'idle' | 'uploading' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Work done of a total (null: not known), and what it means in words. */
export interface TransferProgress {
  readonly done: number;
  readonly total: number | null;
  readonly text: string;
}

/** `1 twin`, `2 twins`, `1,000 twins`. */
function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? noun : `${noun}s`}`;
}

const defaultExportFormat: Record<TransferKind, string> = { 'graph-import': '', 'telemetry-import': '', 'graph-export': 'explorer', 'query-export': 'csv', 'history-export': 'csv' };

/**
 * The import and export dialogs: the one transfer being set up or running (its file, format and
 * options), its progress and cancellation, how it ended with the import log, and this session's jobs.
 */
export class TransferState {
  kind = $state<TransferKind | null>(null);
  phase = $state<TransferPhase>('idle');
  progress = $state<TransferProgress | null>(null);
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  /** The log of the dialog's import once it has finished. */
  report = $state.raw<JobLog | null>(null);
  jobs = $state.raw<JobInfo[]>([]);
  /** A finished job's log opened from the jobs list. */
  pastReport = $state.raw<{ readonly jobId: string; readonly log: JobLog } | null>(null);
  /** A failure of the jobs list or of opening a past report. */
  listError = $state<string | null>(null);

  file = $state.raw<File | null>(null);
  path = $state('');
  graphFormat = $state<ImportFormat | ''>('');
  bestEffort = $state(false);
  telemetryFormat = $state<TelemetryFileFormat | ''>('');
  columns = $state({ twinId: '', time: '', name: '', value: '', values: '' });
  format = $state('');
  outputPath = $state('');
  queryText = $state('SELECT * FROM DIGITALTWINS');
  twinsQuery = $state('');
  from = $state('');
  to = $state('');

  /** Files can be sent from this page to the engine (the server host offers uploads; the desktop app reads paths). */
  readonly canUpload: boolean;
  private cancelWork: (() => unknown) | null = null;
  private jobId: string | null = null;
  private taskId: string | null = null;

  constructor(
    private readonly api: EngineApi,
    transport: TransportKind,
    private readonly workspaceFolder: () => string | undefined,
  ) {
    this.canUpload = transport === 'websocket';
    api.jobs.onDidChange((info) => this.jobChanged(info));
    api.analytics.onDidProgress((progress) => {
      if (progress.taskId !== this.taskId) return;
      const unit = progress.unit === 'bytes' ? bytes : (n: number) => `${n.toLocaleString('en')} ${progress.unit}`;
      this.progress = { done: progress.done, total: progress.total, text: `${progress.phase}: ${unit(progress.done)}${progress.total !== null ? ` of ${unit(progress.total)}` : ''}` };
    });
  }

  get busy(): boolean {
    return this.phase === 'uploading' || this.phase === 'running';
  }

  /** The transfer can be stopped now. */
  get cancellable(): boolean {
    return this.busy && this.cancelWork !== null;
  }

  async loadJobs(): Promise<void> {
    try {
      this.jobs = await this.api.jobs.list();
      this.listError = null;
    } catch (error) {
      this.listError = describeError(error);
    }
  }

  /** Opens the dialog of `kind`, with a fresh file name for exports. */
  open(kind: TransferKind): void {
    if (this.busy) return;
    this.kind = kind;
    this.phase = 'idle';
    this.progress = this.message = this.error = this.report = null;
    this.format = defaultExportFormat[kind];
    this.outputPath = this.suggestedPath(kind, this.format);
  }

  close(): void {
    if (!this.busy) this.kind = null;
  }

  /** Switches an export's format, keeping the chosen path with the format's extension. */
  chooseFormat(format: string): void {
    this.format = format;
    this.outputPath = this.outputPath.replace(/\.(csv|parquet|json|ndjson)$/i, '') + `.${extensionOf(format)}`;
  }

  private suggestedPath(kind: TransferKind, format: string): string {
    const folder = this.workspaceFolder();
    if (!folder || format === '') return '';
    const stem = kind === 'graph-export' ? 'graph' : kind === 'query-export' ? 'query-results' : 'telemetry';
    return `${folder}/${stem}-${fileStamp()}.${extensionOf(format)}`;
  }

  async start(): Promise<void> {
    if (!this.kind || this.busy) return;
    this.progress = this.message = this.error = this.report = null;
    const kind = this.kind;
    try {
      if (kind === 'graph-import') await this.importGraph(await this.source());
      else if (kind === 'telemetry-import') await this.importTelemetry(await this.source());
      else await this.export(kind);
    } catch (error) {
      this.phase = isEngineError(error) && error.code === ErrorCode.Cancelled ? 'cancelled' : 'failed';
      this.error = this.phase === 'cancelled' ? 'Cancelled: nothing was changed.' : describeError(error);
    } finally {
      this.cancelWork = null;
      this.taskId = null;
    }
  }

  async cancel(): Promise<void> {
    try {
      await this.cancelWork?.();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** The file an import reads: the chosen file once uploaded, or the typed path. */
  private async source(): Promise<string> {
    if (this.file) {
      const file = this.file;
      this.phase = 'uploading';
      const upload = uploadFile(file, (sent, total) => (this.progress = { done: sent, total, text: `Uploading ${file.name}: ${bytes(sent)} of ${bytes(total)}` }));
      this.cancelWork = () => upload.abort();
      const uploaded = await upload.done;
      this.path = uploaded.path;
      this.file = null;
      return uploaded.path;
    }
    const path = this.path.trim();
    if (path === '') throw new Error(this.canUpload ? 'Choose a file to upload, or type the path of a file on the engine’s machine.' : 'Type the path of the file to import.');
    return path;
  }

  private async importGraph(inputPath: string): Promise<void> {
    const id = `import-${fileStamp()}-${Math.random().toString(36).slice(2, 6)}`;
    this.phase = 'running';
    this.jobId = id;
    this.progress = { done: 0, total: null, text: 'Starting…' };
    await this.api.jobs.startImport(id, { inputPath, bestEffort: this.bestEffort, ...(this.graphFormat ? { format: this.graphFormat } : {}) });
    this.cancelWork = () => this.api.jobs.cancel(id);
    const final = await this.api.jobs.wait(id);
    this.jobChanged(final);
    this.report = await this.api.jobs.log(id);
    const { models, twins, relationships, rejected } = final.progress;
    const counts = `${models.toLocaleString('en')} models, ${twins.toLocaleString('en')} twins, ${relationships.toLocaleString('en')} relationships`;
    if (final.status === 'succeeded') {
      this.phase = 'succeeded';
      this.message = `Imported ${counts}${rejected > 0 ? `; ${rejected.toLocaleString('en')} records were refused (see the report below)` : ''}.`;
    } else {
      this.phase = final.status === 'cancelled' ? 'cancelled' : 'failed';
      this.error = final.status === 'cancelled' ? 'Cancelled: the import was rolled back, nothing was changed.' : `${final.error?.message ?? 'The import failed.'} Nothing was changed; the report below lists every refused record.`;
    }
  }

  private async importTelemetry(path: string): Promise<void> {
    const taskId = `telemetry-import-${fileStamp()}`;
    this.phase = 'running';
    this.taskId = taskId;
    this.cancelWork = () => this.api.analytics.cancel(taskId);
    this.progress = { done: 0, total: null, text: 'Reading…' };
    const mapping = this.mapping();
    const result = await this.api.telemetry.import({ path, taskId, ...(this.telemetryFormat ? { format: this.telemetryFormat } : {}), ...(mapping ? { mapping } : {}) });
    this.phase = 'succeeded';
    this.message = `Stored ${count(result.stored, 'reading')} of ${count(result.twins, 'twin')}.${result.unknown.length > 0 ? ` Names the models do not declare (stored, flagged): ${result.unknown.join(', ')}.` : ''}`;
  }

  /** The column mapping typed in the dialog; absent when every column has its default name. */
  private mapping(): TelemetryColumnMapping | undefined {
    const { twinId, time, name, value, values } = this.columns;
    const wide = values.split(',').map((column) => column.trim()).filter((column) => column !== '');
    const mapping: Record<string, unknown> = {};
    for (const [field, column] of Object.entries({ twinId, time, name, value })) if (column.trim() !== '') mapping[field] = column.trim();
    if (wide.length > 0) mapping.values = wide;
    return Object.keys(mapping).length > 0 ? (mapping as TelemetryColumnMapping) : undefined;
  }

  private async export(kind: TransferKind): Promise<void> {
    const path = this.outputPath.trim();
    if (path === '') throw new Error('Type the file to write, on the engine’s machine.');
    this.phase = 'running';
    this.progress = { done: 0, total: null, text: 'Writing…' };
    if (kind === 'graph-export') {
      const id = `export-${fileStamp()}-${Math.random().toString(36).slice(2, 6)}`;
      this.jobId = id;
      await this.api.jobs.startExport(id, { outputPath: path, format: this.format as ExportFormat });
      this.cancelWork = () => this.api.jobs.cancel(id);
      const final = await this.api.jobs.wait(id);
      this.jobChanged(final);
      if (final.status !== 'succeeded') {
        this.phase = final.status === 'cancelled' ? 'cancelled' : 'failed';
        this.error = final.status === 'cancelled' ? `Cancelled: ${path} was not finished; do not use it.` : (final.error?.message ?? 'The export failed.');
        return;
      }
      this.message = `Wrote ${final.progress.models.toLocaleString('en')} models, ${final.progress.twins.toLocaleString('en')} twins and ${final.progress.relationships.toLocaleString('en')} relationships to ${path}.`;
    } else if (kind === 'query-export') {
      const taskId = `query-export-${fileStamp()}`;
      this.taskId = taskId;
      this.cancelWork = () => this.api.query.cancel(taskId);
      const { rows } = await this.api.query.export(this.queryText, { path, format: this.format as RowFileFormat, taskId });
      this.message = `Wrote ${count(rows, 'row')} to ${path}.`;
    } else {
      const taskId = `history-export-${fileStamp()}`;
      this.taskId = taskId;
      this.cancelWork = () => this.api.analytics.cancel(taskId);
      const range = { ...(this.from ? { from: isoOfLocal(this.from) } : {}), ...(this.to ? { to: isoOfLocal(this.to) } : {}) };
      const { rows } = await this.api.analytics.exportTelemetry({ path, format: this.format as HistoryFileFormat, taskId, ...(this.twinsQuery.trim() ? { twins: this.twinsQuery.trim() } : {}), ...range });
      this.message = `Wrote ${count(rows, 'reading')} to ${path}.`;
    }
    this.phase = 'succeeded';
  }

  private jobChanged(info: JobInfo): void {
    this.jobs = [info, ...this.jobs.filter((job) => job.id !== info.id)];
    if (info.id !== this.jobId || !this.busy) return;
    const { bytesRead, totalBytes, models, twins, relationships, rejected } = info.progress;
    const counts = `${models.toLocaleString('en')} models, ${twins.toLocaleString('en')} twins, ${relationships.toLocaleString('en')} relationships${rejected ? `, ${rejected.toLocaleString('en')} refused` : ''}`;
    this.progress = info.type === 'import' ? { done: bytesRead, total: totalBytes, text: `${bytes(bytesRead)} of ${bytes(totalBytes)} read · ${counts}` } : { done: 0, total: null, text: `${counts} written` };
    if (info.status === 'cancelling') this.progress = { ...this.progress, text: `Cancelling… ${this.progress.text}` };
  }

  /** Opens the log of a finished job of the list. */
  async showReport(jobId: string): Promise<void> {
    try {
      this.pastReport = { jobId, log: await this.api.jobs.log(jobId) };
      this.listError = null;
    } catch (error) {
      this.listError = describeError(error);
    }
  }
}
