// The import and export dialogs the area offers, in the order it lists them.

export type TransferKind = 'graph-import' | 'telemetry-import' | 'graph-export' | 'query-export' | 'history-export';

export interface TransferKindInfo {
  readonly kind: TransferKind;
  readonly title: string;
  readonly description: string;
  /** Reads a file (import) or writes one (export). */
  readonly direction: 'import' | 'export';
}

export const transferKinds: readonly TransferKindInfo[] = [
  { kind: 'graph-import', direction: 'import', title: 'Import a graph', description: 'Models, twins and relationships from ADT Explorer JSON, an ADT import-job NDJSON file, Excel (.xlsx) or CSV. All or nothing, or best effort with a report of every refused record.' },
  { kind: 'telemetry-import', direction: 'import', title: 'Import telemetry', description: 'Readings from CSV, Parquet or NDJSON into the history, checked like live telemetry; all or nothing.' },
  { kind: 'graph-export', direction: 'export', title: 'Export the graph', description: 'Every model, twin and relationship as ADT Explorer JSON or import-job NDJSON; both import again to the same graph.' },
  { kind: 'query-export', direction: 'export', title: 'Export query results', description: 'Every row of an ADT query as CSV, Parquet, JSON or NDJSON.' },
  { kind: 'history-export', direction: 'export', title: 'Export history', description: 'The telemetry of a set of twins over a time range as CSV or Parquet.' },
];

/** The dialog's facts of a kind. */
export function transferKind(kind: TransferKind): TransferKindInfo {
  return transferKinds.find((info) => info.kind === kind)!;
}

/** The extension an export of `format` gets. */
export function extensionOf(format: string): string {
  return format === 'explorer' ? 'json' : format === 'jobs' ? 'ndjson' : format;
}

/** A byte count for people. */
export function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = count / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('en', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** A `datetime-local` field's value (local time) as an ISO 8601 instant. */
export function isoOfLocal(value: string): string {
  return new Date(value).toISOString();
}
