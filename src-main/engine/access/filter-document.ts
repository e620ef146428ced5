/** A copy of a twin (or component) without the given property paths, and without their `$metadata` entries. */
export function withoutPaths<T extends Readonly<Record<string, unknown>>>(document: T, paths: readonly (readonly string[])[]): T {
  if (paths.length === 0) return document;
  const copy: Record<string, unknown> = structuredClone(document) as Record<string, unknown>;
  for (const path of paths) removePath(copy, path);
  return copy as T;
}

function removePath(document: Record<string, unknown>, path: readonly string[]): void {
  let node: unknown = document;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof node !== 'object' || node === null) return;
    const owner = node as Record<string, unknown>;
    // A component's own metadata lists its properties too.
    if (i === path.length - 2) dropMetadata(owner[path[i]!], path[i + 1]!);
    node = owner[path[i]!];
  }
  if (typeof node !== 'object' || node === null) return;
  const last = path[path.length - 1]!;
  delete (node as Record<string, unknown>)[last];
  if (path.length === 1) dropMetadata(document, last);
}

function dropMetadata(owner: unknown, name: string): void {
  if (typeof owner !== 'object' || owner === null) return;
  const metadata = (owner as Record<string, unknown>).$metadata;
  if (typeof metadata === 'object' && metadata !== null) delete (metadata as Record<string, unknown>)[name];
}

/** Whether `path` lies under one of `paths` or contains one (writing it would touch a protected part). */
export function touchesAny(path: readonly string[], paths: readonly (readonly string[])[]): boolean {
  return paths.some((protectedPath) => {
    const n = Math.min(path.length, protectedPath.length);
    for (let i = 0; i < n; i++) if (path[i] !== protectedPath[i]) return false;
    return true;
  });
}
