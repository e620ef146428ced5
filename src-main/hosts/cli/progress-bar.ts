import type { Disposable } from '../../engine';
import type { CliContext } from './cli-context';

/** A one-line progress display on a terminal; silent when output is not a terminal. */
export class ProgressBar {
  private last = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
  ) {}

  /** Redraws the line: a bar for `fraction` (0..1, or null when unknown) and a label. */
  update(fraction: number | null, label: string): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = fraction === null ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * width);
    const bar = fraction === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  `;
    const line = `${bar}${label}`;
    if (line === this.last) return;
    this.last = line;
    this.write(`\r\u001b[2K${line}`);
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled && this.last) this.write('\r\u001b[2K');
    this.last = '';
  }
}

/**
 * Runs long work with a progress bar on a terminal: `watch` feeds the bar, Ctrl+C calls
 * `cancel`, and the bar is cleared however the work ends.
 */
export async function withProgressBar<T>(
  cli: Pick<CliContext, 'io' | 'options'>,
  work: { readonly watch: (bar: ProgressBar) => Disposable; readonly cancel: () => void; readonly run: () => Promise<T> },
): Promise<T> {
  const bar = new ProgressBar(cli.io.stderr, process.stderr.isTTY === true && !cli.options.json);
  const subscription = work.watch(bar);
  const onInterrupt = () => work.cancel();
  process.once('SIGINT', onInterrupt);
  try {
    return await work.run();
  } finally {
    process.off('SIGINT', onInterrupt);
    subscription.dispose();
    bar.done();
  }
}
