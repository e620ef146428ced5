// Fuzzing: seeded mutations of real corpus models. Every run must end in a ParseResult whose
// errors are typed (an official-style validation id and a message), never in an exception, a
// hang or an "internal" error. The seed makes every failure reproducible.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModels } from '../../../src-main/engine/models/dtdl';
import { corpusAvailable, corpusDir } from './corpus';
import { mutate, pick, rng, type J } from './conformance/mutations';
import { listFiles, readTexts } from './model-files';

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
