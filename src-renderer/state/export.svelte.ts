import { fileStamp } from '../ui/file-stamp';
import { describeError } from './workspace.svelte';

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

  constructor(
    readonly formats: readonly ResultFormat[],
    private readonly folder: () => string | undefined,
    private readonly write: (format: ResultFormat, path: string) => Promise<number>,
  ) {}

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
    try {
      const rows = await this.write(this.format, this.path.trim());
      this.failed = false;
      this.message = `Wrote ${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'} to ${this.path.trim()}.`;
    } catch (error) {
      this.failed = true;
      this.message = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  private suggestedName(): string {
    return `results-${fileStamp()}.${this.format}`;
  }
}
