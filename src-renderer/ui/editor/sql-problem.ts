/**
 * Where in `text` a DuckDB error points, from the `LINE n: <excerpt>` and caret lines DuckDB
 * appends to parser and binder errors; null when the message has none, or the excerpt was cut.
 */
export function duckdbErrorOffset(text: string, message: string): number | null {
  const found = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!found) return null;
  const lineNumber = Number(found[1]);
  const excerpt = found[2]!;
  const column = found[3]!.length - `LINE ${found[1]}: `.length;
  if (excerpt.startsWith('...') || column < 0) return null;
  const lines = text.split('\n');
  if (lineNumber < 1 || lineNumber > lines.length) return null;
  const lineStart = lines.slice(0, lineNumber - 1).reduce((sum, line) => sum + line.length + 1, 0);
  return Math.min(lineStart + column, text.length);
}
