import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { readLines } from './read-lines';
import type { ImportRecord } from './records';

/** Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes, newlines inside quotes). */
export async function* csvRows(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<{ fields: string[]; line: number }> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let startLine = 0;
  for await (const { text, line } of readLines(path, onBytes)) {
    if (!quoted) startLine = line;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (quoted) {
        if (char === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (char === '"') quoted = false;
        else field += char;
      } else if (char === '"' && field === '') quoted = true;
      else if (char === ',') {
        fields.push(field);
        field = '';
      } else field += char;
    }
    if (quoted) {
      field += '\n';
      continue;
    }
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) yield { fields, line: startLine };
    fields = [];
    field = '';
  }
  if (quoted) throw new EngineError(ErrorCode.InvalidArgument, `${path}:${startLine}: a quoted field is never closed.`, { path, line: startLine });
}

/** Sets `value` at a `/`-separated path inside `target`, creating objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const segments = path.split('/');
  let level = target;
  for (const segment of segments.slice(0, -1)) {
    const next = level[segment];
    level = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : (level[segment] = {} as Record<string, unknown>);
  }
  Object.defineProperty(level, segments.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Reads twins or relationships from CSV. A twins file has the columns `$dtId` and `$model`; a
 * relationships file `$sourceId`, `$relationshipId`, `$relationshipName` and `$targetId`. Other
 * columns are properties (`thermostat/setpoint` reaches into a component or object); empty cells
 * are left out. Cells are text: the importer converts them by the model's schemas.
 */
export async function* readCsv(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<ImportRecord> {
  let header: string[] | null = null;
  let kind: 'twin' | 'relationship' = 'twin';
  for await (const { fields, line } of csvRows(path, onBytes)) {
    if (header === null) {
      header = fields.map((name) => name.trim());
      if (header.includes('$dtId') && header.includes('$model')) kind = 'twin';
      else if (['$sourceId', '$relationshipId', '$relationshipName', '$targetId'].every((name) => header!.includes(name))) kind = 'relationship';
      else {
        throw new EngineError(
          ErrorCode.InvalidArgument,
          `${path}:1: a twins CSV needs the columns $dtId and $model; a relationships CSV needs $sourceId, $relationshipId, $relationshipName and $targetId.`,
          { path, line: 1 },
        );
      }
      continue;
    }
    if (fields.length !== header.length) {
      yield { kind: 'unreadable', section: kind === 'twin' ? 'Twins' : 'Relationships', line, message: `Line ${line} has ${fields.length} fields; the header has ${header.length}.` };
      continue;
    }
    const value: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const cell = fields[i]!;
      if (cell === '') return;
      if (name === '$model') value.$metadata = { $model: cell };
      else setPath(value, name, cell);
    });
    yield kind === 'twin' ? { kind: 'twin', value: { ...value, $csv: true }, line } : { kind: 'relationship', value: { ...value, $csv: true }, line };
  }
}
