import type { RollupFunction } from '../../../src-shared/contract';

/** Twins reached from `start` by following relationships named by `path`, step by step, each once. */
export function relatedTwins(start: readonly string[], path: readonly string[], follow: (twinId: string, relationship: string) => readonly string[]): string[] {
  let current = [...new Set(start)];
  for (const name of path) {
    const next = new Set<string>();
    for (const twinId of current) for (const reached of follow(twinId, name)) next.add(reached);
    current = [...next];
  }
  return current;
}

/**
 * Combines values: `count` counts those present and not false; the others use numbers only (missing
 * and non-numeric values are left out) and give null when none is left.
 */
export function aggregate(fn: RollupFunction, values: readonly unknown[]): number | null {
  if (fn === 'count') return values.filter((value) => value !== undefined && value !== null && value !== false).length;
  const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  if (numbers.length === 0) return null;
  switch (fn) {
    case 'sum':
      return numbers.reduce((total, value) => total + value, 0);
    case 'avg':
      return numbers.reduce((total, value) => total + value, 0) / numbers.length;
    case 'min':
      return numbers.reduce((low, value) => (value < low ? value : low));
    case 'max':
      return numbers.reduce((high, value) => (value > high ? value : high));
  }
}
