// Values written into ADT query text. Every value the workbench puts into a query goes through
// here, so a twin id with a quote or a backslash in it stays one string literal.

/** A string literal in the ADT query language: single-quoted, with `\` and `'` escaped. */
export function queryString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A list literal of strings, for `IN [...]`. */
export function queryStringList(values: readonly string[]): string {
  return `[${values.map(queryString).join(', ')}]`;
}
