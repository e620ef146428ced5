// Parse-and-validate throughput on the two largest real ontologies (Willow: 3,700 interfaces;
// RealEstateCore 4: 1,364), against the official DTDLParser 1.1.3 (WASM) on the same input in the
// same run, so the vitest summary prints the ratio. Files are read once, outside the measured
// functions. The official interop takes one JSON text, so it gets the files joined into one array
// (the rec4 set already is one); building that text is not measured.

import path from 'node:path';
import { bench, describe } from 'vitest';
import { parseModels } from '../../src-main/engine/models/dtdl';
import { loadOfficialParser } from '../engine/models/conformance/official-parser';
import { corpusAvailable, corpusDir } from '../engine/models/corpus';
import { listFiles, readTexts } from '../engine/models/model-files';

const sets: Array<[string, string, readonly string[]]> = [
  ['willow-building-dtdlv3 (3,700 interfaces)', 'willow-building-dtdlv3', ['.json']],
  ['rec4-dtdlv2 (1,364 interfaces, one .jsonld array)', 'rec4-dtdlv2', ['.jsonld']],
];

const official = corpusAvailable ? await loadOfficialParser() : null;

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

for (const [label, rel, exts] of sets) {
  describe.runIf(corpusAvailable)(`DTDL parse + validate: ${label}`, () => {
    const texts = corpusAvailable ? readTexts(listFiles(path.join(corpusDir, rel), exts)) : [];
    const oneText = texts.length === 1 ? withoutBom(texts[0] as string) : `[${texts.map(withoutBom).join(',')}]`;
    let runs = 0;
    let total = 0;
    let interfaces = 0;
    bench(
      'twinbench parseModels',
      async () => {
        const t0 = performance.now();
        const r = await parseModels(texts);
        total += performance.now() - t0;
        runs++;
        if (!r.ok) throw new Error(`${label}: ${r.errors[0]?.message ?? 'failed'}`);
        interfaces = r.interfaces.size;
      },
      {
        time: 3000,
        teardown: () => {
          if (runs > 0) console.log(`${label}: ${(total / runs).toFixed(0)} ms per run, ${Math.round((interfaces * runs * 1000) / total)} interfaces/s`);
        },
      },
    );
    bench(
      `official DTDLParser ${official?.version.split(',')[1]?.trim() ?? ''} (WASM)`,
      () => {
        official?.parseRaw(oneText);
      },
      { time: 3000, iterations: 3, warmupIterations: 1 },
    );
  });
}
