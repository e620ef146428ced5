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
 * A patch the graph has already validated and committed, applied to a copy of `document`: only
 * the objects along the patch's paths are copied, the rest is shared, so `document` (which may be
 * shared with a cache) never changes. It never throws: the mirror must follow the graph, so a path
 * the mirror cannot reach (history started after the twin) creates its parents instead of failing
 * the batch.
 */
export function patchedCopy(document: JsonRecord, patch: readonly JsonPatchOperation[]): JsonRecord {
  const copy: JsonRecord = { ...document };
  const copied = new Set<JsonRecord>([copy]);
  for (const operation of patch) {
    const segments = decodePointer(operation.path);
    const last = segments.pop();
    if (last === undefined) continue;
    let parent = copy;
    for (const segment of segments) {
      const next = parent[segment];
      const child = !isRecord(next) ? {} : copied.has(next) ? next : { ...next };
      copied.add(child);
      parent[segment] = child;
      parent = child;
    }
    if (operation.op === 'remove') delete parent[last];
    else parent[last] = typeof operation.value === 'object' && operation.value !== null ? structuredClone(operation.value) : operation.value;
  }
  return copy;
}
