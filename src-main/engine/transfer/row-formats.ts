// How rows of a query read as text: CSV (RFC 4180) and aligned tables, shared by every host and by exports.

type Row = Record<string, unknown>;

const asRow = (item: unknown): Row => (typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Row) : { value: item });

/** Column names of a set of rows: keys in first-seen order; `$etag` and `$metadata` are left to JSON output. */
export function columnsOf(items: Iterable<unknown>, into: Set<string> = new Set()): string[] {
  for (const item of items) for (const key of Object.keys(asRow(item))) if (key !== '$etag' && key !== '$metadata') into.add(key);
  return [...into];
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

/** One CSV line (with its CRLF) of `item` under `columns`. */
export function csvLine(item: unknown, columns: readonly string[]): string {
  return `${columns.map((column) => csvField(cellText(asRow(item)[column]))).join(',')}\r\n`;
}

/** A CSV document (header and rows) for `items` with `columns`. */
export function toCsv(items: readonly unknown[], columns: readonly string[]): string {
  return `${columns.map(csvField).join(',')}\r\n${items.map((item) => csvLine(item, columns)).join('')}`;
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
