import { describe, expect, it } from 'vitest';
import { alignSeries, appendPoints } from '../../../../src-renderer/features/telemetry/align-series';

describe('chart series', () => {
  it('share one time axis, with null where a series has no value', () => {
    expect(
      alignSeries([
        { times: [1, 3], values: [10, 30] },
        { times: [2, 3], values: [200, 300] },
      ]),
    ).toEqual([
      [1, 2, 3],
      [10, null, 30],
      [null, 200, 300],
    ]);
  });

  it('take live points in time order and keep the newest', () => {
    expect(appendPoints({ times: [1, 2], values: [1, 2] }, [4, 3], [4, 3], 3)).toEqual({ times: [2, 3, 4], values: [2, 3, 4] });
  });
});
