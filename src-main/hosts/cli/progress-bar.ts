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
