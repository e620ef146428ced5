import type { JsonPatchOperation } from '../../../src-shared/contract';

function decode(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at a JSON Pointer in a document, or undefined where there is none. */
export function valueAt(document: unknown, pointer: string): unknown {
  let value: unknown = document;
  for (const segment of pointer.split('/').slice(1).map(decode)) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * The JSON Patch that takes a document back from `patch` to `before`: each path the patch
 * touched gets its old value back (replace or add), or is removed where it had none. Operations
 * come in reverse order, so a path touched twice ends at its first value.
 */
export function inversePatch(before: unknown, patch: readonly JsonPatchOperation[]): JsonPatchOperation[] {
  const seen = new Set<string>();
  const inverse: JsonPatchOperation[] = [];
  for (const operation of patch) {
    if (seen.has(operation.path)) continue;
    seen.add(operation.path);
    const old = valueAt(before, operation.path);
    if (old === undefined) inverse.push({ op: 'remove', path: operation.path });
    else inverse.push({ op: operation.op === 'remove' ? 'add' : 'replace', path: operation.path, value: structuredClone(old) });
  }
  return inverse.reverse();
}
