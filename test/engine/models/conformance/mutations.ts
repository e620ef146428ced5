// Seeded random mutations of JSON models, shared by the fuzz and differential tests.

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A mutable JSON value. */
export type J = null | boolean | number | string | J[] | { [k: string]: J };
const vocabulary: J[] = [
  null, true, false, 0, -1, 1.5, 2 ** 40, '', 'double', 'Interface', 'Property', 'Telemetry', 'Enum', 'Array', 'dtmi:x:y;1', 'dtmi:bad', '@id', 'en',
  [], {}, ['Property', 'Temperature'], { '@value': 3 }, { '@id': 'dtmi:x:z;1' }, { en: 'hi' }, 'dtmi:dtdl:context;2', 'dtmi:dtdl:context;3', 'x'.repeat(600),
];
const keys = ['@id', '@type', '@context', '@graph', 'name', 'schema', 'contents', 'extends', 'unit', 'writable', 'target', 'enumValues', 'fields', 'displayName', 'foo', 'dtmi:foo//bar'];

/** A random item of a list. */
export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** Applies one random mutation somewhere in the value (in place); returns the value. */
export function mutate(root: J, r: () => number): J {
  // Walk to a random node.
  let node: J = root;
  for (let depth = 0; depth < 8 && node !== null && typeof node === 'object' && r() < 0.7; depth++) {
    const kids: J[] = Array.isArray(node) ? node : Object.values(node);
    const next = kids.length > 0 ? pick(r, kids) : null;
    if (next === null || typeof next !== 'object') break;
    node = next;
  }
  if (node === null || typeof node !== 'object') return pick(r, vocabulary);
  const op = Math.floor(r() * 6);
  if (Array.isArray(node)) {
    if (op === 0 && node.length > 0) node.splice(Math.floor(r() * node.length), 1);
    else if (op === 1) node.push(structuredClone(pick(r, vocabulary)));
    else if (op === 2 && node.length > 0) node.push(structuredClone(pick(r, node)));
    else if (node.length > 0) node[Math.floor(r() * node.length)] = structuredClone(pick(r, vocabulary));
    return root;
  }
  const ks = Object.keys(node);
  if (op === 0 && ks.length > 0) delete node[pick(r, ks)];
  else if (op === 1) node[pick(r, keys)] = structuredClone(pick(r, vocabulary));
  else if (op === 2 && ks.length > 0) node[pick(r, ks)] = structuredClone(pick(r, vocabulary));
  else if (op === 3 && ks.length > 0) {
    const k = pick(r, ks);
    node[pick(r, keys)] = node[k] as J;
    delete node[k];
  } else if (op === 4 && ks.length > 0) node[pick(r, ks)] = structuredClone(node) as J;
  else if (ks.length > 0) node[pick(r, ks)] = [structuredClone(node[pick(r, ks)] as J)];
  return root;
}
