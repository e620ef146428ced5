// Fuzzing: seeded mutations of real corpus models. Every run must end in a ParseResult whose
// errors are typed (an official-style validation id and a message), never in an exception, a
// hang or an "internal" error. The seed makes every failure reproducible.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModels } from '../../../src-main/engine/models/dtdl';
import { corpusAvailable, corpusDir } from './corpus';
import { listFiles, readTexts } from './model-files';

/** mulberry32: small, fast, seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type J = null | boolean | number | string | J[] | { [k: string]: J };
const vocabulary: J[] = [
  null, true, false, 0, -1, 1.5, 2 ** 40, '', 'double', 'Interface', 'Property', 'Telemetry', 'Enum', 'Array', 'dtmi:x:y;1', 'dtmi:bad', '@id', 'en',
  [], {}, ['Property', 'Temperature'], { '@value': 3 }, { '@id': 'dtmi:x:z;1' }, { en: 'hi' }, 'dtmi:dtdl:context;2', 'dtmi:dtdl:context;3', 'x'.repeat(600),
];
const keys = ['@id', '@type', '@context', '@graph', 'name', 'schema', 'contents', 'extends', 'unit', 'writable', 'target', 'enumValues', 'fields', 'displayName', 'foo', 'dtmi:foo//bar'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** Applies one random mutation somewhere in the value (in place); returns the value. */
function mutate(root: J, r: () => number): J {
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

describe.runIf(corpusAvailable)('fuzz: mutated corpus models', () => {
  it('10,000 seeded mutations end in typed results', async () => {
    const sources = [
      ...listFiles(path.join(corpusDir, 'adt-samples/azure-digital-twins-getting-started/models')),
      ...listFiles(path.join(corpusDir, 'dtdl-spec-samples')),
      ...listFiles(path.join(corpusDir, 'opendigitaltwins-smartcities')).slice(0, 20),
      ...listFiles(path.join(corpusDir, 'willow-building-dtdlv3')).slice(0, 20),
      ...listFiles(path.join(corpusDir, 'iot-plugandplay-models/dtmi/com/example')).slice(0, 10),
    ];
    const texts = readTexts(sources);
    const models = texts.map((t) => JSON.parse(t.replace(/^\uFEFF/, '')) as J);
    const seed = Number(process.env.TWINBENCH_FUZZ_SEED ?? 20261127);
    const r = rng(seed);
    const problems: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const k = Math.floor(r() * models.length);
      let doc: unknown;
      if (r() < 0.15) {
        // Text mode: truncate or splice the original text.
        const text = texts[k] as string;
        const cut = Math.floor(r() * text.length);
        doc = r() < 0.5 ? text.slice(0, cut) : text.slice(0, cut) + pick(r, ['{', ']', '"', ',', '\u0000', '1e999']) + text.slice(cut);
      } else {
        let m = structuredClone(models[k] as J);
        const n = 1 + Math.floor(r() * 3);
        for (let j = 0; j < n; j++) m = mutate(m, r);
        doc = m;
      }
      const res = await parseModels([doc]);
      if (res.ok) continue;
      for (const e of res.errors) {
        if (!/^dtmi:dtdl:(parsingError|resolutionError):[A-Za-z]+$/.test(e.validationId) || e.validationId.endsWith(':internal') || typeof e.message !== 'string' || e.message === '') {
          problems.push(`seed ${seed} case ${i}: ${e.validationId} ${e.message}`);
        }
      }
    }
    const elapsed = performance.now() - t0;
    expect(problems.slice(0, 5)).toEqual([]);
    expect(elapsed).toBeLessThan(60_000);
  }, 120_000);
});
