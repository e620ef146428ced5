// Which twins a query result names, for showing it on the graph and in 3D: rows that are twins,
// rows that hold twins (`SELECT T, R …`) or a twin's `$dtId`, and the two ends of relationships.

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

function idsOfObject(value: Row, into: Set<string>): void {
  if (typeof value.$dtId === 'string') into.add(value.$dtId);
  if (typeof value.$sourceId === 'string') into.add(value.$sourceId);
  if (typeof value.$targetId === 'string') into.add(value.$targetId);
}

/** The twin ids a result's rows name, each once, in the order they first appear. */
export function resultTwinIds(rows: readonly unknown[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    if (!isRow(row)) continue;
    idsOfObject(row, ids);
    for (const value of Object.values(row)) if (isRow(value)) idsOfObject(value, ids);
  }
  return [...ids];
}
