// Where each object, array item and property key of one JSON document sits: the line index
// both the text reader and the value indexer fill in.

/** A JSON value as this library sees it. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: Json;
}

/** Line of each property key of one object. */
export interface KeyLineLookup {
  get(key: string): number | undefined;
}

/**
 * Key lines of one object as one flat [key, line, key, line, …] array: objects have a handful of
 * keys, and an array is far cheaper to allocate and collect than a Map (one per JSON object).
 */
export class KeyLines implements KeyLineLookup {
  /** Starts from [key, line, …] pairs (taken over, not copied). */
  constructor(private readonly data: Array<string | number> = []) {}

  /** Records a key's line (a repeated key is appended; the last one wins, as in JSON.parse). */
  set(key: string, line: number): this {
    this.data.push(key, line);
    return this;
  }

  /** The line of a key, if recorded. */
  get(key: string): number | undefined {
    const d = this.data;
    for (let i = d.length - 2; i >= 0; i -= 2) if (d[i] === key) return d[i + 1] as number;
    return undefined;
  }

  /** A copy with one more (or changed) key. */
  with(key: string, line: number): KeyLines {
    const copy = new KeyLines();
    copy.data.push(...this.data);
    return copy.set(key, line);
  }
}

/** Where one object or array sits in its document. */
export interface Loc {
  start: number;
  end: number;
  /** Line of each property key (objects). */
  readonly keys: KeyLines;
  /** Line of each item (arrays). */
  readonly items: number[];
}

/** Line lookup for one document. */
export class LineIndex {
  private readonly locs = new Map<object, Loc>();

  /** Records a location (used while indexing). */
  set(node: object, loc: Loc): void {
    this.locs.set(node, loc);
  }

  /** The location of an object or array, if indexed. */
  get(node: object): Loc | undefined {
    return this.locs.get(node);
  }

  /** Start line of an object or array. */
  start(node: object): number | undefined {
    return this.locs.get(node)?.start;
  }

  /** Line of a key within an object. */
  keyLine(node: object, key: string): number | undefined {
    return this.locs.get(node)?.keys.get(key);
  }
}

// Shared empty parts of a Loc: an object has no items and an array no keys, so neither allocates
// the part it does not use (fewer allocations for large model sets).
export const noKeys = new KeyLines();
export const noItems: readonly number[] = Object.freeze([]);
