import { readFile, stat } from 'node:fs/promises';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { isObject, type ImportRecord } from './records';

/**
 * Reads an Azure Digital Twins Explorer export: `digitalTwinsFileInfo.fileVersion` "1.0.0",
 * `digitalTwinsGraph: { digitalTwins, relationships }` and optional `digitalTwinsModels`.
 * Relationship properties may be top-level (the service's shape) or under `$properties` (what
 * the Explorer's own Excel import writes).
 */
export async function* readExplorerJson(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<ImportRecord> {
  const { size } = await stat(path);
  const text = await readFile(path, 'utf8');
  onBytes(size);
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new EngineError(ErrorCode.InvalidArgument, `${path} is not valid JSON: ${(error as Error).message}.`, { path });
  }
  const fail = (message: string) => new EngineError(ErrorCode.InvalidArgument, `${path}: ${message}`, { path });
  if (!isObject(document)) throw fail('an Explorer file is a JSON object.');
  const info = document.digitalTwinsFileInfo;
  if (!isObject(info) || info.fileVersion !== '1.0.0') throw fail('"digitalTwinsFileInfo": { "fileVersion": "1.0.0" } is required.');
  const graph = document.digitalTwinsGraph;
  if (!isObject(graph)) throw fail('"digitalTwinsGraph" is required.');
  const list = (value: unknown, name: string): unknown[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw fail(`"${name}" must be an array.`);
    return value;
  };
  for (const model of list(document.digitalTwinsModels, 'digitalTwinsModels')) yield { kind: 'model', value: model };
  for (const twin of list(graph.digitalTwins, 'digitalTwinsGraph.digitalTwins')) {
    if (!isObject(twin)) yield { kind: 'unreadable', section: 'Twins', message: 'A twin entry is not an object.' };
    else yield { kind: 'twin', value: typeof twin.$dtId === 'number' ? { ...twin, $dtId: String(twin.$dtId) } : twin };
  }
  for (const relationship of list(graph.relationships, 'digitalTwinsGraph.relationships')) {
    if (!isObject(relationship)) {
      yield { kind: 'unreadable', section: 'Relationships', message: 'A relationship entry is not an object.' };
      continue;
    }
    const { $properties, ...rest } = relationship;
    yield { kind: 'relationship', value: isObject($properties) ? { ...$properties, ...rest } : rest };
  }
}
