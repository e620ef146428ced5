// Runs the official DTDLParser conformance cases and guards the pass counts against regressions.

import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFailures, formatTable, runConformance, type Tally } from './conformance/run-conformance';
import { corpusAvailable, corpusDir } from './corpus';

/** Passed cases reached per folder and version; a drop below these fails the test. */
const minimumPassed: Record<string, number> = {
  'specification V2': 6624,
  'specification V3': 6760,
  'generated V2': 535,
  'generated V3': 578,
  'solecisms V2': 22,
  'solecisms V3': 22,
  'doc-examples V2': 51,
  'doc-examples V3': 61,
  'dtmis Vany': 34,
};

describe.runIf(corpusAvailable)('DTDL conformance (dtdl-cases)', () => {
  it('passes at least the recorded number of cases in every folder and version', async () => {
    const report = await runConformance(corpusDir);
    console.log(`\nDTDL conformance\n${formatTable(report)}\ninstance checks: ${report.instanceChecks}\n`);
    const dump = process.env.TWINBENCH_CONFORMANCE_DUMP;
    // The dump is the Markdown table of remaining failures that docs/dtdl.md shows, then every
    // failure's full detail.
    if (dump !== undefined) writeFileSync(dump, `${formatTable(report)}\n\n${formatFailures(report)}\n\n${report.failures.map((f) => `${f.folder}/${f.file}#${f.index}: ${f.reason}`).join('\n')}\n`);
    expect(report.instanceChecks).toBe(836);
    for (const [key, min] of Object.entries(minimumPassed)) {
      const t = report.tallies.get(key) as Tally | undefined;
      expect(t?.passed ?? 0, key).toBeGreaterThanOrEqual(min);
    }
  }, 300_000);
});
