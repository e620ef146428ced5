/**
 * Sets `key` in `map` as its most recently used entry (a Map keeps insertion order, so the
 * oldest come first). Past a quarter over `limit`, the least recently used go, down to `limit`,
 * in one pass: a Map keeps deleted entries as holes until it rehashes, so finding the oldest key
 * after each single eviction would walk every hole before it, again and again (a stream over more
 * twins than a cache holds spent microseconds per entry there).
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size <= limit + (limit >> 2)) return;
  let excess = map.size - limit;
  for (const oldest of map.keys()) {
    map.delete(oldest);
    if (--excess === 0) return;
  }
}
