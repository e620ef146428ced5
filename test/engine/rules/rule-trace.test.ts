import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../../src-shared/contract';
import { RuleTrace } from '../../../src-main/engine/rules/rule-trace';

let second = 0;
const entry = (twinId: string, property: string, value: number): TraceEntry => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString(),
  twinId,
  property,
  value,
  ruleId: `derive-${property}`,
  kind: 'derive',
  cause: { kind: 'telemetry', twinId: `${twinId}-sensor`, names: [property] },
  depth: 1,
});
const fill = (trace: RuleTrace, twinId: string, count: number) => {
  for (let i = 0; i < count; i++) trace.record(entry(twinId, 'comfort', i), false);
};
const kept = (trace: RuleTrace, count: number) => Array.from({ length: count }, (_, i) => `t${i}`).filter((id) => trace.of(id).length > 0);

describe('the rule trace', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the newest 16 writes of each property, newest first', () => {
    const trace = new RuleTrace();
    for (let i = 0; i < 20; i++) trace.record(entry('room', 'comfort', i), false);
    trace.record(entry('room', 'co2', 700), false);
    expect(trace.of('room', 'comfort').map((e) => e.value)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4]);
    expect(trace.of('room').map((e) => e.value)).toEqual([700, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4]);
  });

  it('forgets the twins written least recently, in one go, once it holds an eighth more entries than its limit', () => {
    const trace = new RuleTrace(undefined, 40);
    for (let t = 0; t < 9; t++) fill(trace, `t${t}`, 5);
    expect(kept(trace, 10)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8']);
    // A new write moves t0 to the newest end: t1 and t2 go when the 46th entry arrives.
    trace.record(entry('t0', 'comfort', 99), false);
    fill(trace, 't9', 5);
    expect(kept(trace, 10)).toEqual(['t0', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
    // Deleted twins no longer count: after t3 goes, five more entries fit before the next eviction.
    trace.forget('t3');
    fill(trace, 't10', 5);
    expect(kept(trace, 11)).toEqual(['t0', 't4', 't5', 't6', 't7', 't8', 't9', 't10']);
  });

  it('saves to its file and reads it back in another trace', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'twinbench-trace-'));
    folders.push(folder);
    const file = join(folder, 'rule-trace.json');
    const trace = new RuleTrace(file);
    trace.record(entry('a', 'comfort', 1));
    trace.record(entry('b', 'comfort', 2));
    trace.record(entry('a', 'comfort', 3));
    await trace.flush();
    const reread = new RuleTrace(file);
    await reread.load();
    expect(reread.of('a')).toEqual(trace.of('a'));
    expect(reread.of('b')).toEqual(trace.of('b'));
  });
});
