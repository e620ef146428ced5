import { readFile } from 'node:fs/promises';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { isObject, type ImportRecord } from './records';
import { NotASpreadsheet, readFirstSheet } from './xlsx-sheet';

const columns = {
  model: 'ModelID',
  id: 'ID (must be unique)',
  from: 'Relationship (From)',
  name: 'Relationship Name',
  data: 'Init Data',
  relationshipData: 'Relationship Init Data',
} as const;

function parseData(text: string, where: string): { value?: Record<string, unknown>; problem?: string } {
  if (text.trim() === '') return { value: {} };
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? { value } : { problem: `${where} must be a JSON object.` };
  } catch (error) {
    return { problem: `${where} is not valid JSON (${(error as Error).message}).` };
  }
}

/**
 * Reads Azure Digital Twins Explorer's Excel import: the first sheet, whose header row names the
 * columns ModelID, ID (must be unique), Relationship (From), Relationship Name, Init Data and
 * optionally Relationship Init Data. A row with a ModelID creates a twin; a row with a
 * Relationship (From) also creates a relationship from that twin to the row's twin.
 */
export async function* readExplorerXlsx(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<ImportRecord> {
  const file = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new EngineError(error.code === 'ENOENT' ? ErrorCode.NotFound : ErrorCode.InvalidArgument, `Cannot read ${path}: ${error.message}.`, { path });
  });
  onBytes(file.length);
  let rows: { row: number; cells: string[] }[];
  try {
    rows = readFirstSheet(file);
  } catch (error) {
    if (error instanceof NotASpreadsheet) throw new EngineError(ErrorCode.InvalidArgument, `${path} cannot be imported: ${error.message}.`, { path });
    throw error;
  }
  const header = rows[0]?.cells.map((cell) => cell.trim()) ?? [];
  const at = (name: string) => header.indexOf(name);
  const missing = [columns.model, columns.id, columns.from, columns.name, columns.data].filter((name) => at(name) < 0);
  if (missing.length > 0) {
    throw new EngineError(ErrorCode.InvalidArgument, `${path}: the first row must name the columns ${missing.map((name) => `"${name}"`).join(', ')}.`, { path, line: 1 });
  }
  const seen = new Set<string>();
  // Rows may name a source twin defined further down, so relationships follow every twin.
  const relationships: ImportRecord[] = [];
  for (const { row, cells } of rows.slice(1)) {
    const cell = (name: string) => (at(name) >= 0 ? (cells[at(name)] ?? '').trim() : '');
    const id = cell(columns.id);
    const model = cell(columns.model);
    if (id === '' && model === '' && cell(columns.from) === '') continue;
    if (model !== '') {
      const data = parseData(cell(columns.data), `Init Data in row ${row}`);
      if (seen.has(id)) yield { kind: 'unreadable', section: 'Twins', line: row, message: `Row ${row}: twin id ${id} appears twice; IDs must be unique.` };
      else if (data.problem) yield { kind: 'unreadable', section: 'Twins', line: row, message: data.problem };
      else yield { kind: 'twin', line: row, value: { ...data.value, $dtId: id, $metadata: { $model: model } } };
      seen.add(id);
    }
    const from = cell(columns.from);
    if (from !== '') {
      const name = cell(columns.name);
      const data = parseData(cell(columns.relationshipData), `Relationship Init Data in row ${row}`);
      if (data.problem) relationships.push({ kind: 'unreadable', section: 'Relationships', line: row, message: data.problem });
      else relationships.push({ kind: 'relationship', line: row, value: { ...data.value, $relationshipId: `${from}-${name}-${id}`, $sourceId: from, $relationshipName: name, $targetId: id } });
    }
  }
  yield* relationships;
}
