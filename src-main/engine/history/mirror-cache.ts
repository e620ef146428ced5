import type { GraphMirror } from './event-rows';
import type { JsonRecord } from './lenient-patch';
import { setRecent } from '../util/recent-map';

/** Mirror rows kept in memory by default (up to a quarter more between evictions); the least recently used go first. */
const defaultCachedRows = 20_000;

/**
 * The mirror rows of recently changed twins and relationships as last committed to history
 * (`null`: known to be absent), so a busy stream's batches, which touch the same twins again and
 * again, do not read them back from DuckDB. The bodies are shared: the projection never changes a
 * mirror body in place, it replaces it.
 */
export class MirrorCache {
  private readonly twins = new Map<string, JsonRecord | null>();
  private readonly relationships = new Map<string, JsonRecord | null>();

  constructor(private readonly limit = defaultCachedRows) {}

  /** Copies the cached rows among `keys` into `mirror`; returns the keys it does not hold. */
  fill(kind: keyof GraphMirror, keys: Iterable<string>, mirror: GraphMirror): string[] {
    const cached = this[kind];
    const missing: string[] = [];
    for (const key of keys) {
      const body = cached.get(key);
      if (body === undefined) missing.push(key);
      else mirror[kind].set(key, body);
    }
    return missing;
  }

  /** Remembers the rows of a committed batch (and the keys it found absent). */
  remember(mirror: GraphMirror, absent: { readonly twins: Iterable<string>; readonly relationships: Iterable<string> }): void {
    for (const kind of ['twins', 'relationships'] as const) {
      const cached = this[kind];
      for (const key of absent[kind]) if (!mirror[kind].has(key)) setRecent(cached, key, null, this.limit);
      for (const [key, body] of mirror[kind]) setRecent(cached, key, body, this.limit);
    }
  }
}
