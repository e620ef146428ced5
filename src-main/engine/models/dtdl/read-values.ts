// Readers for literal property values: strings, integers, booleans and language strings, in
// their plain JSON form or as JSON-LD value objects ({"@value": …, "@type"/"@language": …}).

import type { Json, JsonObject } from './json-source';

/** A reader's verdict: a value, or an error kind (with an optional offending value). */
export type ReadResult<T> =
  | { readonly ok: true; readonly v: T }
  | { readonly ok: false; readonly kind: string; readonly value?: string; readonly detail?: string; readonly also?: string };

const fail = <T>(kind: string, value?: string, detail?: string): ReadResult<T> => ({ ok: false, kind, value, detail });
/** A failure that comes with a second error kind the official parser also reports. */
const fail2 = <T>(kind: string, also: string, value?: string): ReadResult<T> => ({ ok: false, kind, value, also });

function isObj(x: Json | undefined): x is JsonObject {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

type Lit = 'string' | 'integer' | 'boolean';
const xsd: Record<Lit, string> = { string: 'xsd:string', integer: 'xsd:integer', boolean: 'xsd:boolean' };

/** Unwraps a single-element array and a value object, checking the JSON-LD shape. */
function unwrap(raw: Json, lit: Lit, strict: boolean): ReadResult<Json> {
  let x: Json = raw;
  if (Array.isArray(x)) {
    const arr = x as readonly Json[];
    if (arr.length !== 1) return fail(`${lit}MultipleValues`);
    x = arr[0] as Json;
  }
  if (isObj(x)) {
    const bad = valueObjectProblem(x, strict);
    if (bad !== null) return (!('@value' in x) ? { ...bad, also: `${lit}ObjectNoValue` } : bad) as ReadResult<Json>;
    if (!('@value' in x)) return fail(`${lit}ObjectNoValue`);
    let t = x['@type'];
    if (Array.isArray(t) && t.length === 1) t = t[0] as Json;
    if (Array.isArray(t)) return fail('literalTypeNotSingular');
    if (t !== undefined && t !== xsd[lit] && t !== `http://www.w3.org/2001/XMLSchema#${lit}`) return fail(`${lit}TypeNot${lit[0]?.toUpperCase()}${lit.slice(1)}`);
    const v = x['@value'] as Json;
    return { ok: true, v: v };
  }
  return { ok: true, v: x };
}

/** Reads a string property. */
export function readString(raw: Json, maxLength: number | undefined, pattern: RegExp | undefined, strict: boolean): ReadResult<string> {
  if (raw === null) return fail('propertyValueNull');
  const wasObject = isObj(raw) || (Array.isArray(raw) && raw.length === 1 && isObj(raw[0] as Json));
  const u = unwrap(raw, 'string', strict);
  if (!u.ok) return u as ReadResult<string>;
  const v = u.v;
  if (typeof v !== 'string') return fail(wasObject ? 'stringValueNotString' : 'stringNotString');
  if (maxLength !== undefined && v.length > maxLength) return fail('stringTooLong', v, String(maxLength));
  if (pattern !== undefined && !pattern.test(v)) return fail('stringInvalid', v);
  return { ok: true, v };
}

/** Reads an integer property. */
export function readInteger(raw: Json, strict: boolean): ReadResult<number> {
  if (raw === null) return fail('propertyValueNull');
  const wasObject = isObj(raw) || (Array.isArray(raw) && raw.length === 1 && isObj(raw[0] as Json));
  const u = unwrap(raw, 'integer', strict);
  if (!u.ok) return u as ReadResult<number>;
  const v = u.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 2147483647) return fail(wasObject ? 'integerValueNotInteger' : 'integerNotInteger');
  return { ok: true, v };
}

/** Reads a boolean property. */
export function readBoolean(raw: Json, strict: boolean): ReadResult<boolean> {
  if (raw === null) return fail('propertyValueNull');
  const wasObject = isObj(raw) || (Array.isArray(raw) && raw.length === 1 && isObj(raw[0] as Json));
  const u = unwrap(raw, 'boolean', strict);
  if (!u.ok) return u as ReadResult<boolean>;
  const v = u.v;
  if (typeof v !== 'boolean') return fail(wasObject ? 'booleanValueNotBoolean' : 'booleanNotBoolean');
  return { ok: true, v };
}

const langCode = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** Checks the keys of a JSON-LD value object; DTDL v2 ignores keywords other than the node ones. */
export function valueObjectProblem(x: JsonObject, strict: boolean): ReadResult<never> | null {
  for (const k of Object.keys(x)) {
    if (k === '@value' || k === '@type') continue;
    if (k === '@id') return fail('valueObjectId');
    if (k === '@context') return fail('valueObjectContext');
    if (k === '@graph') return fail('valueObjectGraph');
    if (!k.startsWith('@')) return fail('valueObjectInvalidProp', k);
    if (!strict) continue;
    if (k === '@language') return fail('valueObjectLanguage');
    return fail('valueObjectKeyword', k);
  }
  return null;
}

/** Reads an enumValue: an integer or a string, plain or as a typed value object. */
export function readEnumLiteral(raw: Json, strict: boolean): Array<ReadResult<string | number>> {
  let x: Json = raw;
  if (Array.isArray(x)) {
    if (x.length !== 1) return [fail('literalNotValid')];
    x = x[0] as Json;
  }
  if (isObj(x)) {
    const bad = valueObjectProblem(x, strict);
    if (bad !== null) return [bad];
    let t = x['@type'];
    if (Array.isArray(t) && t.length === 1) t = t[0] as Json;
    const v = x['@value'];
    if (v === undefined) return [fail('literalNotValid')];
    if (t === 'xsd:boolean' && typeof v !== 'boolean') return [fail('booleanValueNotBoolean'), fail('literalNotValid')];
    if (t === 'xsd:string' && typeof v !== 'string') return [fail('stringValueNotString'), fail('literalNotValid')];
    if (t === 'xsd:integer' && (typeof v !== 'number' || !Number.isInteger(v))) return [fail('integerValueNotInteger'), fail('literalNotValid')];
    if (t === 'xsd:boolean') return [fail('literalNotValid')];
    x = v as Json;
  }
  if (typeof x === 'string' || (typeof x === 'number' && Number.isInteger(x))) return [{ ok: true, v: x }];
  return [fail('literalNotValid')];
}

/** Reads a language string: a string, a language map, or an array of {@value, @language}. */
export function readLangString(raw: Json, maxLength: number, strict: boolean): ReadResult<Record<string, string>> {
  if (raw === null) return fail('propertyValueNull');
  const out: Record<string, string> = {};
  const put = (lang: string, text: string): ReadResult<null> => {
    if (text.length > maxLength) return fail('langStringValueTooLong', text, String(maxLength));
    if (lang in out && out[lang] !== text) return fail('langStringElementCodeNotUnique', lang);
    out[lang] = text;
    return { ok: true, v: null };
  };
  if (typeof raw === 'string') {
    const r = put('en', raw);
    return r.ok ? { ok: true, v: out } : (r as ReadResult<Record<string, string>>);
  }
  if (Array.isArray(raw)) {
    let defaults = 0;
    for (const item of raw as readonly Json[]) {
      if (typeof item === 'string') {
        defaults++;
        if (defaults > 1) return fail('langStringElementCodeNotUnique', 'en');
        const r = put('en', item);
        if (!r.ok) return r as ReadResult<Record<string, string>>;
        continue;
      }
      if (!isObj(item)) return fail('langStringElementNotStringOrObject');
      for (const k of Object.keys(item)) {
        if (k === '@value' || k === '@language') continue;
        if (k === '@id') return fail('langStringElementId');
        if (k === '@context') return fail('langStringElementContext');
        if (k === '@graph') return fail('langStringElementGraph');
        if (!strict && k.startsWith('@')) continue;
        if (k === '@type') return fail('langStringElementType');
        if (k.startsWith('@')) return fail('langStringElementKeyword', k);
        return '@value' in item ? fail('langStringElementInvalidProp', k) : fail2('langStringElementInvalidProp', 'langStringElementNoValue', k);
      }
      const value = item['@value'];
      if (value === undefined) return fail('langStringElementNoValue');
      if (typeof value !== 'string') return fail('langStringElementValueNotString');
      const lang = item['@language'];
      if (lang === undefined) {
        defaults++;
        if (defaults > 1) return fail('langStringElementCodeNotUnique', 'en');
        const r = put('en', value);
        if (!r.ok) return r as ReadResult<Record<string, string>>;
        continue;
      }
      if (typeof lang !== 'string') return fail2('langStringElementCodeNotString', 'langStringElementInvalidCode');
      if (!langCode.test(lang)) return fail('langStringElementInvalidCode', lang);
      if (lang in out) return fail('langStringElementCodeNotUnique', lang);
      const r = put(lang, value);
      if (!r.ok) return r as ReadResult<Record<string, string>>;
    }
    return { ok: true, v: out };
  }
  if (isObj(raw)) {
    // Exactly {@value, @language} is a JSON-LD language-tagged value; any other keyword in a
    // language map (alone or mixed with language codes) is a keyword in the map.
    const keys = Object.keys(raw);
    if (keys.length === 2 && '@value' in raw && '@language' in raw) return fail('langTagValueInLangMap', '@value');
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const v = raw[k];
      if (k.startsWith('@')) return fail('langMapObjKeyword', k);
      if (!langCode.test(k)) return fail('langStringInvalidCode', k);
      if (typeof v !== 'string') return fail('langStringValueNotString', k);
      const r = put(k, v);
      if (!r.ok) return r as ReadResult<Record<string, string>>;
    }
    return { ok: true, v: out };
  }
  return fail2('langStringNotLangString', 'langStringElementNotStringOrObject');
}
