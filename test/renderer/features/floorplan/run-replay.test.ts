import { describe, expect, it } from 'vitest';
import { runRange, runValueAt, type RunReplay } from '../../../../src-renderer/features/floorplan/run-replay';

const hour = 3_600_000;
const from = Date.parse('2025-07-07T00:00:00Z');

/** Three hourly steps of two zones, a and b; b has no value at the second step. */
function replay(values: number[], baseRunId: string | null = null): RunReplay {
  return { kind: 'run', runId: 'r', baseRunId, quantity: 'operativeTemperature', from, to: from + 2 * hour, stepMs: hour, steps: 3, zoneOf: new Map([['a', 0], ['b', 1]]), values: Float64Array.from(values) };
}

describe('a simulation run on the time slider', () => {
  const run = replay([20, 21, 22, Number.NaN, 24.5, 25]);

  it('shows each zone the value of the step that holds the time', () => {
    expect(runValueAt(run, 'a', from)).toBe(20);
    expect(runValueAt(run, 'a', from + hour - 1)).toBe(20);
    expect(runValueAt(run, 'a', from + hour)).toBe(22);
    expect(runValueAt(run, 'b', from + 2 * hour)).toBe(25);
  });

  it('clamps times outside the run to its first and last step, and knows no value where the run has none', () => {
    expect(runValueAt(run, 'a', from - hour)).toBe(20);
    expect(runValueAt(run, 'a', from + 10 * hour)).toBe(24.5);
    expect(runValueAt(run, 'b', from + hour)).toBeUndefined();
    expect(runValueAt(run, 'elsewhere', from)).toBeUndefined();
  });

  it('fits the legend to the values, and a difference symmetrically about zero', () => {
    expect(runRange(run)).toEqual({ min: 20, max: 25 });
    expect(runRange(replay([-0.5, 0, 1.234, Number.NaN, 0.2, 0], 'base'))).toEqual({ min: -1.24, max: 1.24 });
    expect(runRange(replay([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]))).toEqual({ min: 0, max: 1 });
  });
});
