// Differential test against the official DTDLParser 1.1.3 (WASM): a sample of the corpus'
// generated cases and seeded mutations of them go through both parsers, which must agree on
// validity and, when both accept, on the element count. Only cases the official interop can run
// as-is are used (no resolver, no options, no quirks); the sample is kept to a few hundred.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModels } from '../../../src-main/engine/models/dtdl';
import { loadOfficialParser, type OfficialParser, type OfficialResult } from './conformance/official-parser';
import { mutate, rng, type J } from './conformance/mutations';
import { corpusAvailable, corpusDir } from './corpus';

interface Case {
  readonly name: string;
  readonly docs: J[];
}

/** Generated v2/v3 cases the official interop can run unchanged (one JSON text, default options). */
function eligibleCases(): Case[] {
  const dir = path.join(corpusDir, 'dtdl-cases', 'test-cases', 'generated');
  const out: Case[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!/V[23]\.json$/.test(file)) continue;
    const text = readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, '');
    const c = JSON.parse(text) as { input?: J[]; options?: string[]; quirks?: string[]; resolution?: unknown; partialResolution?: unknown; maxDtdlVersion?: number };
    if (c.input === undefined || (c.options ?? []).length > 0 || (c.quirks ?? []).length > 0 || c.resolution !== undefined || c.partialResolution !== undefined || c.maxDtdlVersion !== undefined) continue;
    // The layering extension is a DTDLParser preview feature this library does not implement.
    if (/dtmi:dtdl:(?:extension|limits):(?:layering|mqtt|onvif|requirement)|dtmi:dtdl:limits/.test(text)) continue;
    // The interop takes one text: a case with several documents becomes one array, which
    // cannot hold a document that is itself an array.
    if (c.input.length > 1 && c.input.some((d) => Array.isArray(d))) continue;
    out.push({ name: file, docs: c.input });
  }
  return out;
}

function outcome(r: OfficialResult): string {
  return r.ok ? `valid(${r.elementCount})` : 'invalid';
}

describe.runIf(corpusAvailable)('differential: twinbench vs the official DTDLParser', () => {
  let official: OfficialParser;
  beforeAll(async () => {
    official = await loadOfficialParser();
  }, 60_000);

  /** null when both agree, 'crash' when the official interop failed, else the difference. */
  const compare = async (c: Case): Promise<string | null> => {
    const theirs = official.parse(JSON.stringify(c.docs.length === 1 ? c.docs[0] : c.docs));
    if (!theirs.ok && theirs.kind === 'Crash') return 'crash';
    const ours = await parseModels(c.docs);
    const mine = ours.ok ? `valid(${ours.elementCount})` : 'invalid';
    const other = outcome(theirs);
    if (mine === other) return null;
    const detail = ours.ok ? '' : ours.errors.slice(0, 3).map((e) => e.validationId.split(':').pop()).join(',');
    const theirDetail = !theirs.ok && theirs.kind === 'Parsing' ? theirs.errors.slice(0, 3).map((e) => e.validationId.split(':').pop()).join(',') : '';
    return `ours ${mine} ${detail} / official ${other} ${theirDetail}`;
  };

  it('agrees on every sixth eligible generated case', async () => {
    const cases = eligibleCases().filter((_, i) => i % 6 === 0);
    const differences: string[] = [];
    for (const c of cases) {
      const d = await compare(c);
      if (d !== null) differences.push(`${c.name}: ${d}`);
    }
    expect(cases.length).toBe(174);
    expect(differences).toEqual([]);
  }, 60_000);

  it('agrees on 300 seeded mutations of eligible cases', async () => {
    const cases = eligibleCases();
    const seed = Number(process.env.TWINBENCH_FUZZ_SEED ?? 20261127);
    const r = rng(seed);
    const differences: string[] = [];
    let crashes = 0;
    for (let i = 0; i < 300; i++) {
      const base = cases[Math.floor(r() * cases.length)] as Case;
      let docs = structuredClone(base.docs);
      const k = Math.floor(r() * docs.length);
      docs[k] = mutate(docs[k] as J, r);
      if (r() < 0.5) docs[k] = mutate(docs[k] as J, r);
      if (docs.length > 1 && docs.some((d) => Array.isArray(d))) docs = [docs[k] as J];
      const d = await compare({ name: base.name, docs });
      if (d === 'crash') crashes++;
      else if (d !== null) differences.push(`${base.name} mutation ${i}: ${d}`);
    }
    expect(differences).toEqual([]);
    // The official interop occasionally fails with a .NET NullReferenceException on broken input
    // (no verdict to compare); with the default seed this happens once.
    expect(crashes).toBeLessThanOrEqual(process.env.TWINBENCH_FUZZ_SEED === undefined ? 1 : 15);
  }, 60_000);
});
