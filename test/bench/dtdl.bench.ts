// Parse-and-validate throughput on the two largest real ontologies (Willow: 3,700 interfaces;
// RealEstateCore 4: 1,364), against the official DTDLParser 1.1.3 (WASM) in the same run. Both
// sides get the same input: one JSON text holding every model (the Willow files joined into one
// array; the rec4 set already is one), built once outside the measured calls. After warm-up runs,
// the two parsers take turns (who goes first alternates each round), so a change in the machine's
// load hits both alike; the figures are medians, and the ratio is the official median over ours.
// TWINBENCH_BENCH_DTDL_ROUNDS sets the number of measured rounds (default 7).

import path from 'node:path';
import { bench, describe } from 'vitest';
import { parseModels } from '../../src-main/engine/models/dtdl';
import { loadOfficialParser, type OfficialParser } from '../engine/models/conformance/official-parser';
import { corpusAvailable, corpusDir } from '../engine/models/corpus';
import { listFiles, readTexts } from '../engine/models/model-files';

const sets: Array<[string, string, readonly string[]]> = [
  ['willow-building-dtdlv3', 'willow-building-dtdlv3', ['.json']],
  ['rec4-dtdlv2', 'rec4-dtdlv2', ['.jsonld']],
];
const rounds = Math.max(1, Number(process.env.TWINBENCH_BENCH_DTDL_ROUNDS ?? 7));
const oursWarmUp = 3;
const officialWarmUp = 1;

const official = corpusAvailable ? await loadOfficialParser() : null;

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs ours; returns the milliseconds and the number of Interfaces. */
async function runOurs(label: string, text: string): Promise<{ ms: number; interfaces: number }> {
  const t0 = performance.now();
  const r = await parseModels([text]);
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${label}: ${r.errors[0]?.message ?? 'failed'}`);
  return { ms, interfaces: r.interfaces.size };
}

function runOfficial(parser: OfficialParser, text: string): number {
  const t0 = performance.now();
  parser.parseRaw(text);
  return performance.now() - t0;
}

for (const [label, rel, exts] of sets) {
  describe.runIf(corpusAvailable)(`DTDL parse + validate: ${label}`, () => {
    const texts = corpusAvailable ? readTexts(listFiles(path.join(corpusDir, rel), exts)) : [];
    const oneText = texts.length === 1 ? withoutBom(texts[0] as string) : `[${texts.map(withoutBom).join(',')}]`;
    bench(
      `twinbench parseModels and official DTDLParser ${official?.version.split(',')[1]?.trim() ?? ''} (WASM), ${rounds} interleaved rounds`,
      async () => {
        const parser = official as OfficialParser;
        for (let i = 0; i < oursWarmUp; i++) await runOurs(label, oneText);
        for (let i = 0; i < officialWarmUp; i++) runOfficial(parser, oneText);
        const ours: number[] = [];
        const theirs: number[] = [];
        let interfaces = 0;
        for (let round = 0; round < rounds; round++) {
          if (round % 2 === 1) theirs.push(runOfficial(parser, oneText));
          const r = await runOurs(label, oneText);
          ours.push(r.ms);
          interfaces = r.interfaces;
          if (round % 2 === 0) theirs.push(runOfficial(parser, oneText));
        }
        const o = median(ours);
        const t = median(theirs);
        console.log(
          `${label}: ${interfaces} interfaces; twinbench ${o.toFixed(0)} ms median (min ${Math.min(...ours).toFixed(0)}), ` +
            `${Math.round((interfaces * 1000) / o)} interfaces/s; official ${t.toFixed(0)} ms median (min ${Math.min(...theirs).toFixed(0)}), ` +
            `${Math.round((interfaces * 1000) / t)} interfaces/s; twinbench ${(t / o).toFixed(2)}x faster`,
        );
      },
      { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
    );
  });
}
