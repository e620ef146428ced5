// Hostile input: each case ends in typed errors, in bounded time, without stack overflow.

import { describe, expect, it } from 'vitest';
import { parseModels, type ParseResult } from '../../../src-main/engine/models/dtdl';

const ctx = 'dtmi:dtdl:context;3';

// Generous bounds: they prove the work is bounded (no blow-up, no hang) on a shared, loaded
// machine, not how fast it is (test/bench measures speed). About 1.5 s and 200 MB when quiet.
const timeBoundMs = 30_000;
const heapBoundBytes = 1_500_000_000;

/** Runs a parse and asserts it stayed within the time bound and the heap bound. */
async function bounded(documents: unknown[], options?: Parameters<typeof parseModels>[1]): Promise<ParseResult> {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = await parseModels(documents, options);
  expect(performance.now() - t0).toBeLessThan(timeBoundMs);
  expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(heapBoundBytes);
  return r;
}

function kinds(r: ParseResult): string[] {
  return r.ok ? [] : [...new Set(r.errors.map((e) => e.validationId.slice(e.validationId.lastIndexOf(':') + 1)))].sort();
}

describe('bad input', () => {
  it('a 10 MB interface: objectCountAboveMax for v2 contents, in bounded time and heap', async () => {
    const contents = Array.from({ length: 60_000 }, (_, i) => ({ '@type': 'Property', name: `p${i}`, schema: 'double', description: 'x'.repeat(100) }));
    const text = JSON.stringify({ '@context': 'dtmi:dtdl:context;2', '@id': 'dtmi:x:Big;1', '@type': 'Interface', contents });
    expect(text.length).toBeGreaterThan(10_000_000);
    const r = await bounded([text]);
    expect(kinds(r)).toEqual(['objectCountAboveMax']);
  }, 60_000);

  it('malformed JSON text: a jsonSyntax error with line and column', async () => {
    const r = await bounded(['{\n  "@context": "dtmi:dtdl:context;3",\n  "@id": "dtmi:x:A;1",\n  "@type": "Interface",\n  "contents": [ { "name": "a" } \n}']);
    expect(r.ok ? [] : r.errors.map((e) => [e.validationId, e.line, e.column])).toEqual([['dtmi:dtdl:parsingError:jsonSyntax', 6, 1]]);
  });

  it('documents that are not objects (text and values): one notJsonObject each', async () => {
    const r = await bounded(['42', '"text"', 'true', 'null', '[1, 2]', 7, null, [[]]]);
    expect(r.ok ? [] : r.errors.map((e) => [e.validationId, e.documentIndex])).toEqual([
      ['dtmi:dtdl:parsingError:notJsonObject', 0],
      ['dtmi:dtdl:parsingError:notJsonObject', 1],
      ['dtmi:dtdl:parsingError:notJsonObject', 2],
      ['dtmi:dtdl:parsingError:notJsonObject', 3],
      ['dtmi:dtdl:parsingError:notJsonObject', 4],
      ['dtmi:dtdl:parsingError:notJsonObject', 4],
      ['dtmi:dtdl:parsingError:notJsonObject', 5],
      ['dtmi:dtdl:parsingError:notJsonObject', 6],
      ['dtmi:dtdl:parsingError:notJsonObject', 7],
    ]);
  });

  it('a 1,000-deep extends chain: one excessiveDepthNarrow error', async () => {
    const docs = Array.from({ length: 1001 }, (_, i) => ({ '@context': ctx, '@id': `dtmi:x:I${i};1`, '@type': 'Interface', ...(i > 0 ? { extends: `dtmi:x:I${i - 1};1` } : {}) }));
    const r = await bounded(docs);
    expect(r.ok ? [] : r.errors.map((e) => [e.validationId, e.primaryId])).toEqual([['dtmi:dtdl:parsingError:excessiveDepthNarrow', 'dtmi:x:I11;1']]);
  });

  it('a 1,000-deep inline extends nesting: a depth error, no stack overflow', async () => {
    let node: Record<string, unknown> = { '@id': 'dtmi:x:N0;1', '@type': 'Interface' };
    for (let i = 1; i < 1000; i++) node = { '@id': `dtmi:x:N${i};1`, '@type': 'Interface', extends: node };
    const r = await bounded([{ '@context': ctx, ...node }]);
    expect(kinds(r)).toEqual(['excessiveDepthWide']);
  });

  it('a cyclic extends: recursiveStructureNarrow', async () => {
    const r = await bounded([
      { '@context': ctx, '@id': 'dtmi:x:A;1', '@type': 'Interface', extends: 'dtmi:x:B;1' },
      { '@context': ctx, '@id': 'dtmi:x:B;1', '@type': 'Interface', extends: 'dtmi:x:A;1' },
    ]);
    expect(kinds(r)).toEqual(['recursiveStructureNarrow']);
  });

  it('a schema nested 100 levels deep: excessiveDepthWide', async () => {
    let schema: unknown = 'double';
    for (let i = 0; i < 100; i++) schema = { '@type': 'Array', elementSchema: schema };
    const r = await bounded([{ '@context': ctx, '@id': 'dtmi:x:A;1', '@type': 'Interface', contents: [{ '@type': 'Telemetry', name: 't', schema }] }]);
    // The too-deep schema is dropped, so its holder also lacks a schema.
    expect(kinds(r)).toEqual(['excessiveDepthWide', 'objectCountBelowMin']);
  });

  it('JSON text nested 200,000 levels: parsed iteratively, rejected as not an object', async () => {
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    const r = await bounded([text]);
    expect(kinds(r)).toEqual(['notJsonObject']);
  });

  it('a cyclic JavaScript value: notJsonObject instead of a hang', async () => {
    const a: Record<string, unknown> = { '@context': ctx, '@id': 'dtmi:x:A;1', '@type': 'Interface' };
    a['self'] = a;
    expect(kinds(await parseModels([a]))).toEqual(['notJsonObject']);
  });

  it('a resolver that throws: an internal error, not an exception', async () => {
    const r = await parseModels([{ '@context': ctx, '@id': 'dtmi:x:A;1', '@type': 'Interface', extends: 'dtmi:x:B;1' }], {
      resolve: () => {
        throw new Error('disk on fire');
      },
    });
    expect(r.ok ? [] : r.errors.map((e) => [e.validationId, e.message.includes('disk on fire')])).toEqual([['dtmi:dtdl:parsingError:internal', true]]);
  });
});
