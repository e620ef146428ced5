import type { JsonPatchOperation } from '../../../src-shared/contract';

/** A JSON object. */
export type JsonRecord = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The unescaped segments of a JSON Pointer (`/a~1b/c` → `['a/b', 'c']`). */
export function decodePointer(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Applies a patch the graph has already validated and committed. It never throws: the mirror
 * must follow the graph, so a path the mirror cannot reach (history started after the twin)
 * creates its parents instead of failing the batch.
 */
export function applyLenientPatch(document: JsonRecord, patch: readonly JsonPatchOperation[]): JsonRecord {
  for (const operation of patch) {
    const segments = decodePointer(operation.path);
    const last = segments.pop();
    if (last === undefined) continue;
    let parent: JsonRecord = document;
    for (const segment of segments) {
      const next = parent[segment];
      if (!isRecord(next)) parent[segment] = {};
      parent = parent[segment] as JsonRecord;
    }
    if (operation.op === 'remove') delete parent[last];
    else parent[last] = structuredClone(operation.value);
  }
  return document;
}
