// Stage 0: turns each input document into a JSON value plus a line index. Text is parsed by a
// small iterative parser (no recursion, so nesting depth cannot overflow the stack) that records
// the line of every object, array item and property key in the original text. Values given as
// parsed JSON are indexed as if serialized with 2-space indentation, which is how the official
// parser's test cases count lines.

import { KeyLines, LineIndex, noItems, noKeys, type Json, type Loc } from './line-index';
import { indexJsonText } from './json-text-index';

export { KeyLines, LineIndex, type Json, type JsonObject, type KeyLineLookup, type Loc } from './line-index';

/** A syntax error in JSON text, with its 1-based line and column. */
export interface JsonSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** The outcome of reading one document. */
export type SourceResult =
  | { readonly ok: true; readonly value: Json; readonly lines: LineIndex }
  | { readonly ok: false; readonly error: JsonSyntaxError };

interface Frame {
  readonly node: Json[] | Record<string, Json>;
  readonly loc: Loc;
  readonly isArray: boolean;
  key: string | null;
  count: number;
}

/** The line index of text read without one: every lookup answers undefined. */
export const unindexed = new LineIndex();

/**
 * Parses JSON text (a leading UTF-8 BOM is ignored), recording lines; never throws. Valid text is
 * parsed natively and then indexed by a scan that builds no values; invalid text, and the rare
 * text the scan leaves to it, goes through this module's own reader, which locates the error.
 * With `withLines` false, valid text is not indexed (its lines are `unindexed`), except text that
 * may hold a `__proto__` key, whose values only the own reader builds as the index expects.
 */
export function parseJsonText(text: string, withLines = true): SourceResult {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: Json;
  try {
    value = JSON.parse(s) as Json;
  } catch {
    return readJsonText(s);
  }
  if (!withLines && !mayHoldProtoKey(s)) return { ok: true, value, lines: unindexed };
  const lines = indexJsonText(s, value);
  return lines !== null ? { ok: true, value, lines } : readJsonText(s);
}

/** An escape of one of the letters of `__proto__` (`_`, `p`, `r`, `o`, `t`). */
const protoLetterEscape = /\\u00(?:5[fF]|6[fF]|7[024])/;

/** Whether text may spell a `__proto__` key, literally or with escaped letters. */
function mayHoldProtoKey(s: string): boolean {
  return s.includes('__proto__') || protoLetterEscape.test(s);
}

/** Reads JSON text into values and lines in one pass, or locates its first syntax error. */
function readJsonText(s: string): SourceResult {
  const lines = new LineIndex();
  let pos = 0;
  let line = 1;
  const n = s.length;
  const fail = (message: string, at = pos): SourceResult => {
    // Recount line and column at the failure point so the report is exact.
    let l = 1;
    let ls = 0;
    for (let i = 0; i < at && i < n; i++) {
      if (s.charCodeAt(i) === 0x0a) {
        l++;
        ls = i + 1;
      }
    }
    return { ok: false, error: { message, line: l, column: at - ls + 1 } };
  };
  const skipWs = (): void => {
    while (pos < n) {
      const c = s.charCodeAt(pos);
      if (c === 0x0a) line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
      pos++;
    }
  };
  const readString = (): string | null => {
    // pos is at the opening quote
    pos++;
    let out = '';
    let chunk = pos;
    while (pos < n) {
      const c = s.charCodeAt(pos);
      if (c === 0x22) {
        out += s.slice(chunk, pos);
        pos++;
        return out;
      }
      if (c === 0x5c) {
        out += s.slice(chunk, pos);
        const e = s[pos + 1];
        if (e === undefined) return null;
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = s.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else if (simple[e] !== undefined) {
          out += simple[e];
          pos += 2;
        } else {
          return null;
        }
        chunk = pos;
        continue;
      }
      if (c < 0x20) return null;
      pos++;
    }
    return null;
  };
  // Reads `"key" :` into the frame; returns the problem, or null when it was well formed.
  const readKey = (frame: Frame): string | null => {
    if (s[pos] !== '"') return 'Expected a property name in double quotes.';
    const keyLine = line;
    const key = readString();
    if (key === null) return 'Invalid string.';
    frame.key = key;
    frame.loc.keys.set(key, keyLine);
    skipWs();
    if (s[pos] !== ':') return "Expected ':' after a property name.";
    pos++;
    return null;
  };
  const numberRe = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const stack: Frame[] = [];
  let root: Json | undefined;
  let haveRoot = false;

  const attach = (value: Json): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = value;
      haveRoot = true;
    } else if (top.isArray) {
      (top.node as Json[]).push(value);
    } else {
      (top.node as Record<string, Json>)[top.key as string] = value;
    }
  };

  // State machine: expecting a value, or after a value inside a container.
  let expectValue = true;
  while (true) {
    skipWs();
    if (expectValue) {
      if (pos >= n) return fail(haveRoot || stack.length > 0 ? 'Unexpected end of JSON text.' : 'The document is empty.');
      const c = s[pos];
      const top = stack[stack.length - 1];
      if (top !== undefined && top.isArray) top.loc.items.push(line);
      if (c === '{' || c === '[') {
        const isArray = c === '[';
        const node: Json[] | Record<string, Json> = isArray ? [] : {};
        const loc: Loc = { start: line, end: line, keys: isArray ? noKeys : new KeyLines(), items: isArray ? [] : (noItems as number[]) };
        lines.set(node, loc);
        attach(node as Json);
        stack.push({ node, loc, isArray, key: null, count: 0 });
        pos++;
        skipWs();
        if (s[pos] === (isArray ? ']' : '}')) {
          loc.end = line;
          stack.pop();
          pos++;
          expectValue = false;
          if (stack.length === 0) break;
          continue;
        }
        if (!isArray) {
          // read first key
          const problem = readKey(stack[stack.length - 1] as Frame);
          if (problem !== null) return fail(problem);
        }
        continue;
      }
      let value: Json;
      if (c === '"') {
        const str = readString();
        if (str === null) return fail('Invalid string.');
        value = str;
      } else if (s.startsWith('true', pos)) {
        value = true;
        pos += 4;
      } else if (s.startsWith('false', pos)) {
        value = false;
        pos += 5;
      } else if (s.startsWith('null', pos)) {
        value = null;
        pos += 4;
      } else {
        numberRe.lastIndex = pos;
        const m = numberRe.exec(s);
        if (m === null) return fail(`Unexpected character '${c}'.`);
        value = Number(m[0]);
        pos += m[0].length;
      }
      attach(value);
      expectValue = false;
      if (stack.length === 0) break;
      continue;
    }
    // after a value inside a container
    const frame = stack[stack.length - 1] as Frame;
    if (pos >= n) return fail('Unexpected end of JSON text.');
    const c = s[pos];
    if (c === ',') {
      pos++;
      frame.count++;
      if (!frame.isArray) {
        skipWs();
        const problem = readKey(frame);
        if (problem !== null) return fail(problem);
      }
      expectValue = true;
      continue;
    }
    if (c === (frame.isArray ? ']' : '}')) {
      frame.loc.end = line;
      stack.pop();
      pos++;
      if (stack.length === 0) break;
      continue;
    }
    return fail(frame.isArray ? "Expected ',' or ']'." : "Expected ',' or '}'.");
  }
  skipWs();
  if (pos < n) return fail('Unexpected text after the JSON value.');
  return { ok: true, value: root as Json, lines };
}

/** Indexes a parsed JSON value as if serialized with 2-space indentation; iterative, never throws. */
export function indexJson(value: unknown): { ok: true; lines: LineIndex } | { ok: false; message: string } {
  const lines = new LineIndex();
  const seen = new Set<object>();
  let cursor = 1;
  type Task = { kind: 'enter'; node: unknown; parent: Loc | null; key: string | null } | { kind: 'close'; loc: Loc };
  const tasks: Task[] = [{ kind: 'enter', node: value, parent: null, key: null }];
  let first = true;
  while (tasks.length > 0) {
    const task = tasks.pop() as Task;
    if (task.kind === 'close') {
      cursor += 1;
      task.loc.end = cursor;
      continue;
    }
    if (!first) cursor += 1;
    first = false;
    if (task.parent !== null) {
      if (task.key === null) task.parent.items.push(cursor);
      else task.parent.keys.set(task.key, cursor);
    }
    const node = task.node;
    if (node === null || typeof node !== 'object') continue;
    if (seen.has(node)) return { ok: false, message: 'The value contains a cycle.' };
    seen.add(node);
    const isArray = Array.isArray(node);
    const loc: Loc = { start: cursor, end: cursor, keys: isArray ? noKeys : new KeyLines(), items: isArray ? [] : (noItems as number[]) };
    lines.set(node, loc);
    const entries: Array<[string | null, unknown]> = isArray
      ? (node as unknown[]).map((v) => [null, v] as [null, unknown])
      : Object.entries(node as Record<string, unknown>);
    if (entries.length === 0) continue;
    tasks.push({ kind: 'close', loc });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string | null, unknown];
      tasks.push({ kind: 'enter', node: child, parent: loc, key });
    }
  }
  return { ok: true, lines };
}
