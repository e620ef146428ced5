import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { readLineBatches, type NumberedLine } from './read-lines';
import { isObject, type ImportRecord, type Section } from './records';

const order: readonly (Section | 'Header')[] = ['Header', 'Models', 'Twins', 'Relationships'];

function formatError(path: string, line: number, message: string): EngineError {
  return new EngineError(ErrorCode.InvalidArgument, `${path}:${line}: ${message}`, { path, line });
}

/** Where a reading of a job file is: the section and whether the header has been seen. */
interface JobsState {
  section: Section | 'Header' | null;
  headerSeen: boolean;
}

/** Reads one line of a job file into `records`, moving `state` at section markers. */
function readLine(path: string, { text, line }: NumberedLine, state: JobsState, records: ImportRecord[]): void {
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (state.section === null || state.section === 'Header') throw formatError(path, line, `not a JSON value (${(error as Error).message}).`);
    records.push({ kind: 'unreadable', section: state.section, line, message: `Line ${line} is not valid JSON (${(error as Error).message}); it may be truncated.` });
    return;
  }
  if (isObject(value) && typeof value.Section === 'string' && Object.keys(value).length === 1) {
    const next = value.Section as Section | 'Header';
    if (!order.includes(next)) throw formatError(path, line, `unknown section "${next}"; expected Header, Models, Twins or Relationships.`);
    if (state.section === null && next !== 'Header') throw formatError(path, line, 'the file must start with {"Section": "Header"} and a header line.');
    if (state.section !== null && order.indexOf(next) <= order.indexOf(state.section)) {
      throw formatError(path, line, `section ${next} comes after ${state.section}; the order is Header, Models, Twins, Relationships, each at most once.`);
    }
    if (state.section === 'Header' && !state.headerSeen) throw formatError(path, line, 'the Header section needs one header object such as {"fileVersion": "1.0.0"}.');
    state.section = next;
    return;
  }
  switch (state.section) {
    case null:
      throw formatError(path, line, 'the file must start with {"Section": "Header"}.');
    case 'Header':
      if (state.headerSeen) throw formatError(path, line, 'the Header section holds exactly one object.');
      if (!isObject(value) || value.fileVersion !== '1.0.0') throw formatError(path, line, 'the header must be an object with "fileVersion": "1.0.0".');
      state.headerSeen = true;
      break;
    case 'Models':
      records.push({ kind: 'model', value, line });
      break;
    case 'Twins':
      records.push(isObject(value) ? { kind: 'twin', value, line } : { kind: 'unreadable', section: state.section, line, message: `Line ${line} is not a twin object.` });
      break;
    case 'Relationships': {
      if (!isObject(value)) {
        records.push({ kind: 'unreadable', section: state.section, line, message: `Line ${line} is not a relationship object.` });
        break;
      }
      // The source moves from $dtId to $sourceId in place: the parsed line is ours alone.
      if (value.$sourceId === undefined) value.$sourceId = value.$dtId;
      delete value.$dtId;
      records.push({ kind: 'relationship', value, line });
      break;
    }
  }
}

/**
 * Reads ADT's import-job NDJSON: `{"Section": "Header"}` and one header object, then the optional
 * sections Models, Twins and Relationships, in that order, one JSON value per line. In the
 * Relationships section the source twin is `$dtId`. A line that is not JSON is yielded as
 * unreadable (the importer rejects it); a broken structure (sections out of order, a missing
 * header) fails the whole file. Records come in batches, one per chunk of the file.
 */
export async function* readJobsNdjson(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<ImportRecord[]> {
  const state: JobsState = { section: null, headerSeen: false };
  for await (const lines of readLineBatches(path, onBytes)) {
    const records: ImportRecord[] = [];
    for (const line of lines) readLine(path, line, state, records);
    if (records.length > 0) yield records;
  }
  if (!state.headerSeen) throw new EngineError(ErrorCode.InvalidArgument, `${path}: no header; the file must start with {"Section": "Header"} and a header line.`, { path });
}
