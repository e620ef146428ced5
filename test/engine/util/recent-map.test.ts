import { describe, expect, it } from 'vitest';
import { setRecent } from '../../../src-main/engine/util/recent-map';

describe('setRecent', () => {
  it('keeps the most recently set keys, dropping the oldest down to the limit once a quarter over it', () => {
    const map = new Map<string, number>();
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) setRecent(map, key, 1, 8);
    expect([...map.keys()]).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    setRecent(map, 'a', 2, 8);
    setRecent(map, 'k', 1, 8);
    // Eleven keys pass the limit and its quarter: the three least recently set (b, c, d) go.
    expect([...map.keys()]).toEqual(['e', 'f', 'g', 'h', 'i', 'j', 'a', 'k']);
    expect(map.get('a')).toBe(2);
  });
});
