// The line index of JSON text that the native JSON.parse has already turned into values: one scan
// of the text that mirrors the parse (containers, keys and items in text order) and records where
// each object, key and array item starts, without building any value. JSON strings cannot hold a
// raw line break, so lines are counted in the whitespace alone and strings are skipped whole.

import { KeyLines, LineIndex, noItems, noKeys, type Json, type Loc } from './line-index';

interface Frame {
  readonly node: Json[] | Record<string, Json>;
  readonly isArray: boolean;
  readonly start: number;
  /** Where this container's key lines (objects) or item lines (arrays) begin in the scratch list. */
  readonly from: number;
  key: string;
  index: number;
}

/**
 * Indexes `text`, which JSON.parse turned into `root`. Returns null for text whose values the
 * native parse builds differently from this library's reader (a `__proto__` key, which the reader
 * assigns and JSON.parse defines), so the caller reads that text itself.
 */
export function indexJsonText(text: string, root: Json): LineIndex | null {
  const lines = new LineIndex();
  const n = text.length;
  const stack: Frame[] = [];
  let pos = 0;
  let line = 1;
  let wantKey = false;
  // Key and item lines of the open containers; each container takes an exact-size copy when it
  // closes (growing one array per container would allocate several times what it keeps).
  const keyLines: Array<string | number> = [];
  const itemLines: number[] = [];
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 0x0a) {
      line++;
      pos++;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x3a /* : */) {
      pos++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === 0x2c /* , */) {
      if (top !== undefined) {
        if (top.isArray) top.index++;
        else wantKey = true;
      }
      pos++;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (top !== undefined) {
        const loc: Loc = top.isArray
          ? { start: top.start, end: line, keys: noKeys, items: itemLines.slice(top.from) }
          : { start: top.start, end: line, keys: new KeyLines(keyLines.slice(top.from)), items: noItems as number[] };
        if (top.isArray) itemLines.length = top.from;
        else keyLines.length = top.from;
        lines.set(top.node, loc);
      }
      stack.pop();
      wantKey = false;
      pos++;
      continue;
    }
    if (wantKey) {
      // A property key (the text is valid JSON, so it is a string).
      const end = stringEnd(text, pos);
      const raw = text.slice(pos + 1, end);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(pos, end + 1)) as string) : raw;
      if (key === '__proto__') return null;
      (top as Frame).key = key;
      keyLines.push(key, line);
      wantKey = false;
      pos = end + 1;
      continue;
    }
    // A value.
    if (top !== undefined && top.isArray) itemLines.push(line);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const isArray = c === 0x5b;
      const node = childOf(top, root, isArray);
      stack.push({ node, isArray, start: line, from: isArray ? itemLines.length : keyLines.length, key: '', index: 0 });
      wantKey = !isArray;
      pos++;
      continue;
    }
    if (c === 0x22 /* " */) {
      pos = stringEnd(text, pos) + 1;
      continue;
    }
    // A number, true, false or null: up to the next delimiter.
    pos++;
    while (pos < n) {
      const d = text.charCodeAt(pos);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      pos++;
    }
  }
  return lines;
}

/** Position of the closing quote of the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let q = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    for (let i = q - 1; text.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
}

/**
 * The parsed container that the text's next container is. Where a key repeats, JSON.parse keeps
 * the last value, so an earlier one maps to a stand-in: unreachable, as in the reader.
 */
function childOf(top: Frame | undefined, root: Json, isArray: boolean): Json[] | Record<string, Json> {
  const x = top === undefined ? root : top.isArray ? (top.node as Json[])[top.index] : (top.node as Record<string, Json>)[top.key];
  if (x !== null && typeof x === 'object' && Array.isArray(x) === isArray) return x as Json[] | Record<string, Json>;
  return isArray ? [] : {};
}
