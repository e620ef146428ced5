// A small seeded PRNG (mulberry32) and the draws sample worlds and synthetic weather need.
// Streams are seeded from (seed, purpose, index…), so a part of a world is the same whatever the
// scale, and nothing depends on Math.random.

/** Mixes 32-bit words into one seed (murmur3-style finalizer after each word). */
export function mixSeed(...words: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const word of words) {
    h = Math.imul(h ^ (word >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A 32-bit hash of a short string, to name a purpose (`'plan'`, `'values'`) inside a seed. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A deterministic stream of draws. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for one part and purpose: `Random.for(seed, 'campus', 'plan', buildingIndex)`. */
  static for(seed: number, ...parts: readonly (string | number)[]): Random {
    return new Random(mixSeed(seed, ...parts.map((part) => (typeof part === 'string' ? hashText(part) : part))));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** The items in a random order (Fisher–Yates), as a new array. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** One key of a weight table, with probability proportional to its weight. */
  weighted<T>(table: Weights<T>): T {
    const x = this.next() * table.total;
    const { cumulative } = table;
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return table.keys[i]!;
    return table.keys[table.keys.length - 1]!;
  }

  /** Uniform in [min, max), rounded to `digits` decimals. */
  round(min: number, max: number, digits = 1): number {
    return roundTo(this.range(min, max), digits);
  }
}

/** A weight table prepared once for fast draws: keys and their running totals. */
export interface Weights<T> {
  readonly keys: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Prepares `{ key: weight }` for `Random.weighted`; keys with weight 0 are never drawn. */
export function weights<T extends string>(table: Readonly<Partial<Record<T, number>>>): Weights<T> {
  const keys: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [key, weight] of Object.entries(table) as [T, number][]) {
    if (!(weight > 0)) continue;
    total += weight;
    keys.push(key);
    cumulative.push(total);
  }
  return { keys, cumulative, total };
}

/** Rounds to `digits` decimals (values stay short and byte-stable in JSON). */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Zero-pads a number: `pad(7, 3)` is `007`. */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A date `YYYY-MM-DD` between the given years (days 1–28, so every month is valid). */
export function dateBetween(random: Random, fromYear: number, toYear: number): string {
  return `${random.int(fromYear, toYear)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`;
}
