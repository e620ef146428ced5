/** How query rows are printed. */
export type RowFormat = 'json' | 'ndjson' | 'table' | 'csv';

export const rowFormats: readonly RowFormat[] = ['json', 'ndjson', 'table', 'csv'];

type Row = Record<string, unknown>;

const asRow = (item: unknown): Row => (typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Row) : { value: item });

/** Column names of a set of rows: keys in first-seen order; `$etag` and `$metadata` are left to JSON output. */
export function columnsOf(items: readonly unknown[]): string[] {
  const columns = new Set<string>();
  for (const item of items) for (const key of Object.keys(asRow(item))) if (key !== '$etag' && key !== '$metadata') columns.add(key);
  return [...columns];
}

/** A cell as text: strings as they are, everything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document (header and rows) for `items` with `columns`. */
export function toCsv(items: readonly unknown[], columns: readonly string[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const item of items) lines.push(columns.map((column) => csvField(cellText(asRow(item)[column]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Rows laid out in aligned columns, long cells shortened. */
export function toTable(items: readonly unknown[], columns: readonly string[], maxCell = 48): string {
  if (items.length === 0) return 'No rows.';
  const cell = (value: unknown) => {
    const text = cellText(value).replace(/\s+/g, ' ');
    return text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text;
  };
  const rows = items.map((item) => columns.map((column) => cell(asRow(item)[column])));
  const widths = columns.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((text, i) => text.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), ...rows.map(line)].join('\n');
}
