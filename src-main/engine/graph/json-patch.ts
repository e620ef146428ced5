import { EngineError, ErrorCode, type JsonPatchOperation } from '../../../src-shared/contract';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function patchError(index: number, path: string, message: string): EngineError {
  return new EngineError(ErrorCode.InvalidArgument, `Patch operation ${index} (${path}): ${message}`, { operation: index, path });
}

/** Splits a JSON Pointer into its unescaped segments (`~1` is `/`, `~0` is `~`). */
export function pointerSegments(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`"${path}" is not a JSON Pointer: it must start with "/"`);
  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Checks the shape of a patch: an array of `{ op, path, value? }` with ADT's three operations. */
export function checkPatch(patch: unknown): readonly JsonPatchOperation[] {
  if (!Array.isArray(patch)) throw new EngineError(ErrorCode.InvalidArgument, 'A patch must be a JSON array of operations (RFC 6902).');
  patch.forEach((operation: unknown, index) => {
    if (!isObject(operation)) throw patchError(index, '?', 'each operation must be an object with "op" and "path".');
    const path = typeof operation.path === 'string' ? operation.path : '?';
    if (operation.op !== 'add' && operation.op !== 'replace' && operation.op !== 'remove') {
      throw patchError(index, path, `"op" must be "add", "replace" or "remove"; got ${JSON.stringify(operation.op)}.`);
    }
    if (typeof operation.path !== 'string') throw patchError(index, path, '"path" must be a JSON Pointer string such as "/temperature".');
    if (operation.op !== 'remove' && !('value' in operation)) throw patchError(index, path, `"${operation.op}" needs a "value".`);
  });
  return patch as readonly JsonPatchOperation[];
}

/**
 * Applies a patch to `document` in place (callers pass a copy). Object members only, as ADT:
 * `add` creates or replaces a member (and refuses a missing parent), `replace` and `remove`
 * refuse a missing member. Returns the top-level path segments each operation touched.
 */
export function applyPatch(document: JsonObject, patch: readonly JsonPatchOperation[]): string[][] {
  const touched: string[][] = [];
  patch.forEach((operation, index) => {
    let segments: string[];
    try {
      segments = pointerSegments(operation.path);
    } catch (error) {
      throw patchError(index, operation.path, `${(error as Error).message}.`);
    }
    if (segments.length === 0) throw patchError(index, operation.path, 'the whole document cannot be replaced; name a property.');
    let parent: unknown = document;
    for (const segment of segments.slice(0, -1)) {
      parent = isObject(parent) && Object.hasOwn(parent, segment) ? parent[segment] : undefined;
      if (!isObject(parent)) throw patchError(index, operation.path, `"${segment}" does not exist or is not an object, so nothing can be set under it.`);
    }
    const target = parent as JsonObject;
    const key = segments.at(-1)!;
    const exists = Object.hasOwn(target, key);
    if (operation.op !== 'add' && !exists) throw patchError(index, operation.path, `there is no value at this path to ${operation.op}.`);
    if (operation.op === 'remove') delete target[key];
    else {
      const value = typeof operation.value === 'object' && operation.value !== null ? structuredClone(operation.value) : operation.value;
      // "__proto__" through defineProperty, so it stays an ordinary member; plain assignment keeps the others fast.
      if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
      else target[key] = value;
    }
    touched.push(segments);
  });
  return touched;
}
