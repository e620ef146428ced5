// A JSON reader for instance validation. It keeps the text of every number, because DTDL's
// integer and long accept only integer notation ("1", not "1.0" or "1e0"), which a parsed number
// no longer shows. Iterative (no recursion), never throws.

/** A JSON value whose numbers keep their text. */
export type InstanceValue =
  | null
  | boolean
  | string
  | { readonly num: number; readonly text: string }
  | readonly InstanceValue[]
  | { readonly obj: ReadonlyMap<string, InstanceValue> };

/** True for a number read by readInstance. */
export function isNum(v: InstanceValue): v is { readonly num: number; readonly text: string } {
  return v !== null && typeof v === 'object' && 'num' in v;
}

/** True for an object read by readInstance. */
export function isObject(v: InstanceValue): v is { readonly obj: ReadonlyMap<string, InstanceValue> } {
  return v !== null && typeof v === 'object' && 'obj' in v;
}

const numberRe = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Control characters are excluded by code point in str() (a regex range of them trips the linter).
const stringRe = /"((?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"/y;

interface Frame {
  readonly array: InstanceValue[] | null;
  readonly obj: Map<string, InstanceValue> | null;
  key: string | null;
}

/** Reads JSON text; undefined when it is not exactly one JSON value. */
export function readInstance(text: string): InstanceValue | undefined {
  let pos = 0;
  const n = text.length;
  const ws = (): void => {
    while (pos < n && (text[pos] === ' ' || text[pos] === '\n' || text[pos] === '\r' || text[pos] === '\t')) pos++;
  };
  const str = (): string | undefined => {
    stringRe.lastIndex = pos;
    const m = stringRe.exec(text);
    if (m === null) return undefined;
    for (let i = 0; i < m[0].length; i++) if (m[0].charCodeAt(i) < 0x20) return undefined;
    pos += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const stack: Frame[] = [];
  let root: InstanceValue | undefined;
  const attach = (v: InstanceValue): boolean => {
    const top = stack[stack.length - 1];
    if (top === undefined) root = v;
    else if (top.array !== null) top.array.push(v);
    else (top.obj as Map<string, InstanceValue>).set(top.key as string, v);
    return true;
  };
  // Reads a key and its colon inside an object.
  const key = (frame: Frame): boolean => {
    ws();
    const k = str();
    if (k === undefined) return false;
    ws();
    if (text[pos] !== ':') return false;
    pos++;
    frame.key = k;
    return true;
  };
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const c = text[pos];
      if (c === undefined) return undefined;
      if (c === '[' || c === '{') {
        pos++;
        const frame: Frame = c === '[' ? { array: [], obj: null, key: null } : { array: null, obj: new Map(), key: null };
        attach(frame.array ?? { obj: frame.obj as Map<string, InstanceValue> });
        stack.push(frame);
        ws();
        if (text[pos] === (c === '[' ? ']' : '}')) {
          pos++;
          stack.pop();
          expectValue = false;
          if (stack.length === 0) break;
          continue;
        }
        if (c === '{' && !key(frame)) return undefined;
        continue;
      }
      if (c === '"') {
        const s = str();
        if (s === undefined) return undefined;
        attach(s);
      } else if (text.startsWith('true', pos) || text.startsWith('false', pos) || text.startsWith('null', pos)) {
        const word = text.startsWith('true', pos) ? 'true' : text.startsWith('false', pos) ? 'false' : 'null';
        attach(word === 'null' ? null : word === 'true');
        pos += word.length;
      } else {
        numberRe.lastIndex = pos;
        const m = numberRe.exec(text);
        if (m === null) return undefined;
        attach({ num: Number(m[0]), text: m[0] });
        pos += m[0].length;
      }
      expectValue = false;
      if (stack.length === 0) break;
      continue;
    }
    const frame = stack[stack.length - 1] as Frame;
    const c = text[pos];
    if (c === ',') {
      pos++;
      if (frame.obj !== null && !key(frame)) return undefined;
      expectValue = true;
      continue;
    }
    if (c === (frame.array !== null ? ']' : '}')) {
      pos++;
      stack.pop();
      if (stack.length === 0) break;
      continue;
    }
    return undefined;
  }
  ws();
  return pos === n ? root : undefined;
}
