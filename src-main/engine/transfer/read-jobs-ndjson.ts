import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { readLines } from './read-lines';
import { isObject, type ImportRecord, type Section } from './records';

const order: readonly (Section | 'Header')[] = ['Header', 'Models', 'Twins', 'Relationships'];

function formatError(path: string, line: number, message: string): EngineError {
  return new EngineError(ErrorCode.InvalidArgument, `${path}:${line}: ${message}`, { path, line });
}

/**
 * Reads ADT's import-job NDJSON: `{"Section": "Header"}` and one header object, then the optional
 * sections Models, Twins and Relationships, in that order, one JSON value per line. In the
 * Relationships section the source twin is `$dtId`. A line that is not JSON is yielded as
 * unreadable (the importer rejects it); a broken structure (sections out of order, a missing
 * header) fails the whole file.
 */
export async function* readJobsNdjson(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<ImportRecord> {
  let section: Section | 'Header' | null = null;
  let headerSeen = false;
  for await (const { text, line } of readLines(path, onBytes)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (section === null || section === 'Header') throw formatError(path, line, `not a JSON value (${(error as Error).message}).`);
      yield { kind: 'unreadable', section, line, message: `Line ${line} is not valid JSON (${(error as Error).message}); it may be truncated.` };
      continue;
    }
    if (isObject(value) && typeof value.Section === 'string' && Object.keys(value).length === 1) {
      const next = value.Section as Section | 'Header';
      if (!order.includes(next)) throw formatError(path, line, `unknown section "${next}"; expected Header, Models, Twins or Relationships.`);
      if (section === null && next !== 'Header') throw formatError(path, line, 'the file must start with {"Section": "Header"} and a header line.');
      if (section !== null && order.indexOf(next) <= order.indexOf(section)) {
        throw formatError(path, line, `section ${next} comes after ${section}; the order is Header, Models, Twins, Relationships, each at most once.`);
      }
      if (section === 'Header' && !headerSeen) throw formatError(path, line, 'the Header section needs one header object such as {"fileVersion": "1.0.0"}.');
      section = next;
      continue;
    }
    switch (section) {
      case null:
        throw formatError(path, line, 'the file must start with {"Section": "Header"}.');
      case 'Header':
        if (headerSeen) throw formatError(path, line, 'the Header section holds exactly one object.');
        if (!isObject(value) || value.fileVersion !== '1.0.0') throw formatError(path, line, 'the header must be an object with "fileVersion": "1.0.0".');
        headerSeen = true;
        break;
      case 'Models':
        yield { kind: 'model', value, line };
        break;
      case 'Twins':
        if (!isObject(value)) yield { kind: 'unreadable', section, line, message: `Line ${line} is not a twin object.` };
        else yield { kind: 'twin', value, line };
        break;
      case 'Relationships': {
        if (!isObject(value)) {
          yield { kind: 'unreadable', section, line, message: `Line ${line} is not a relationship object.` };
          break;
        }
        const { $dtId, ...rest } = value;
        yield { kind: 'relationship', value: { ...rest, $sourceId: rest.$sourceId ?? $dtId }, line };
        break;
      }
    }
  }
  if (!headerSeen) throw new EngineError(ErrorCode.InvalidArgument, `${path}: no header; the file must start with {"Section": "Header"} and a header line.`, { path });
}
