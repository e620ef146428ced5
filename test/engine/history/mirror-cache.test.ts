import { describe, expect, it } from 'vitest';
import type { GraphMirror } from '../../../src-main/engine/history/event-rows';
import { MirrorCache } from '../../../src-main/engine/history/mirror-cache';

const mirrorOf = (twins: Record<string, number | null>): GraphMirror => ({
  twins: new Map(Object.entries(twins).map(([id, area]) => [id, area === null ? null : { $dtId: id, area }])),
  relationships: new Map(),
});
const none = { twins: [], relationships: [] };

describe('MirrorCache', () => {
  it('keeps the most recently used rows and forgets the oldest a quarter of the limit at a time', () => {
    const cache = new MirrorCache(4);
    cache.remember(mirrorOf({ a: 1, b: 2, c: 3, d: 4, e: 5 }), none);
    cache.remember(mirrorOf({ a: 10 }), none);
    const all = ['a', 'b', 'c', 'd', 'e', 'f'];
    // Five rows fit (the limit and a quarter of it); the sixth sends the two least recently used, b and c.
    expect(cache.fill('twins', all, mirrorOf({}))).toEqual(['f']);
    cache.remember(mirrorOf({ f: 6 }), none);
    const filled = mirrorOf({});
    expect(cache.fill('twins', all, filled)).toEqual(['b', 'c']);
    expect([...filled.twins.keys()]).toEqual(['a', 'd', 'e', 'f']);
    expect(filled.twins.get('a')).toEqual({ $dtId: 'a', area: 10 });
  });

  it('remembers keys found absent as null, unless the batch wrote them', () => {
    const cache = new MirrorCache(10);
    cache.remember(mirrorOf({ x: 1 }), { twins: ['x', 'gone'], relationships: [] });
    const filled = mirrorOf({});
    expect(cache.fill('twins', ['x', 'gone', 'other'], filled)).toEqual(['other']);
    expect(filled.twins.get('gone')).toBeNull();
    expect(filled.twins.get('x')).toEqual({ $dtId: 'x', area: 1 });
  });
});
