import { ErrorCode, isEngineError, type Event, type HistoryProgress } from '../../src-shared/contract';
import { fileStamp } from '../ui/file-stamp';
import { describeError } from './workspace.svelte';

/** How a console's export is stopped and followed: by the task id it runs under. */
export interface ExportControl {
  cancel(taskId: string): Promise<boolean>;
  readonly progress: Event<HistoryProgress>;
}

let exportNumber = 0;

/** A file format results can be written to. */
export type ResultFormat = 'csv' | 'parquet' | 'json' | 'ndjson';

/** The export form of a console: format, target path on the engine's machine, and how the last export went. */
export class ExportState {
  open = $state(false);
  format = $state<ResultFormat>('csv');
  path = $state('');
  busy = $state(false);
  message = $state<string | null>(null);
  failed = $state(false);
  /** Rows read so far by the export under way, when the engine reports them. */
  rowsRead = $state<number | null>(null);
  private taskId: string | null = null;

  constructor(
    readonly formats: readonly ResultFormat[],
    private readonly folder: () => string | undefined,
    private readonly write: (format: ResultFormat, path: string, taskId: string) => Promise<number>,
    private readonly control?: ExportControl,
  ) {}

  /** Whether the export under way can be stopped. */
  get cancellable(): boolean {
    return this.control !== undefined;
  }

  /** Stops the export under way. */
  async cancel(): Promise<void> {
    if (this.taskId) await this.control?.cancel(this.taskId);
  }

  /** Opens the form with a fresh file name in the workspace folder. */
  show(): void {
    this.open = true;
    this.message = null;
    const folder = this.folder();
    if (folder && (this.path === '' || !this.busy)) this.path = `${folder}/${this.suggestedName()}`;
  }

  /** Switches format, keeping the chosen path but with the format's extension. */
  choose(format: ResultFormat): void {
    this.format = format;
    this.path = this.path.replace(/\.(csv|parquet|json|ndjson)$/i, '') + `.${format}`;
  }

  async run(): Promise<void> {
    if (this.path.trim() === '') {
      this.failed = true;
      this.message = 'Choose the file to write.';
      return;
    }
    this.busy = true;
    this.message = null;
    this.rowsRead = null;
    const taskId = `export-${Date.now().toString(36)}-${++exportNumber}`;
    this.taskId = taskId;
    const following = this.control?.progress((event) => {
      if (event.taskId === taskId && event.unit === 'rows') this.rowsRead = event.done;
    });
    try {
      const rows = await this.write(this.format, this.path.trim(), taskId);
      this.failed = false;
      this.message = `Wrote ${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'} to ${this.path.trim()}.`;
    } catch (error) {
      this.failed = true;
      this.message = isEngineError(error) && error.code === ErrorCode.Cancelled ? 'Export cancelled; no file was written.' : describeError(error);
    } finally {
      following?.dispose();
      this.taskId = null;
      this.busy = false;
    }
  }

  private suggestedName(): string {
    return `results-${fileStamp()}.${this.format}`;
  }
}
