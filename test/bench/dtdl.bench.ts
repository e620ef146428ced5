// Parse-and-validate throughput on the two largest real ontologies (Willow: 3,700 interfaces;
// RealEstateCore 4: 1,364). Files are read once, outside the measured function.

import path from 'node:path';
import { bench, describe } from 'vitest';
import { parseModels } from '../../src-main/engine/models/dtdl';
import { corpusAvailable, corpusDir } from '../engine/models/corpus';
import { listFiles, readTexts } from '../engine/models/model-files';

const sets: Array<[string, string, readonly string[]]> = [
  ['willow-building-dtdlv3 (3,700 interfaces)', 'willow-building-dtdlv3', ['.json']],
  ['rec4-dtdlv2 (1,364 interfaces, one .jsonld array)', 'rec4-dtdlv2', ['.jsonld']],
];

describe.runIf(corpusAvailable)('DTDL parse + validate', () => {
  for (const [label, rel, exts] of sets) {
    const texts = corpusAvailable ? readTexts(listFiles(path.join(corpusDir, rel), exts)) : [];
    let runs = 0;
    let total = 0;
    let interfaces = 0;
    bench(
      label,
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
  }
});
