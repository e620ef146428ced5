// Reading property values into RawValues: literals, instance terms, DTMI references and nested
// elements. Split from build-elements.ts; the builder passes itself in as the host.

import { termTable, type ActiveContext } from './context';
import { parseDtmi } from './dtmi';
import type { Json, JsonObject, LineIndex } from './json-source';
import type { MaterialClass, PropDef } from './metamodel';
import type { ErrorInit, RawElement, RawRef, RawValue } from './raw';
import { readBoolean, readEnumLiteral, readInteger, readLangString, readString } from './read-values';
import type { BuildSink } from './build-elements';

/** A parent element, as seen by a nested element. */
export interface Parent {
  readonly id: string;
  readonly prop: string;
  readonly index: number | null;
  readonly el: { cls: MaterialClass };
}

/** What the value readers need from the document builder. */
export interface PropReaderHost {
  readonly sink: BuildSink;
  readonly lines: LineIndex;
  readonly tolerateSolecisms: boolean;
  err(kind: string, init: ErrorInit): void;
  element(node: JsonObject, inherited: ActiveContext, parent: Parent | null, range: readonly MaterialClass[], depth: number): string | null;
}

const termRe = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How an unknown string used as a type or value is classified (the spec's "apocrypha"). */
export function classifyUnknown(s: string): 'invalidDtmi' | 'notDtmiNorTerm' | 'undefinedTerm' | 'dtmi' {
  if (s.startsWith('dtmi:')) return parseDtmi(s) === null ? 'invalidDtmi' : 'dtmi';
  if (termRe.test(s)) return 'undefinedTerm';
  // Only an IRI with another scheme (`http://…`) is neither; `SemanticType/Velocity` is a term to
  // JSON-LD (a relative one), so the official parser calls it undefined.
  return s.includes(':') || s === '' ? 'notDtmiNorTerm' : 'undefinedTerm';
}

/** True for a JSON object (not an array). */
export function isObj(x: Json | undefined): x is JsonObject {
  return x !== null && x !== undefined && typeof x === 'object' && !Array.isArray(x);
}

/** Reads one property value of an element. */
export function readProp(b: PropReaderHost, el: RawElement, def: PropDef, value: Json, ctx: ActiveContext, depth: number, keyLine: number): RawValue | null {
  const id = el.id;
  const kind = def.kind;
  const report = (k: string, value?: string, detail?: string): null => {
    b.err(k, { primaryId: id, property: def.name, value, detail, line: keyLine });
    return null;
  };
  switch (kind.k) {
    case 'string': {
      if (value === null) {
        report('propertyValueNull');
        if (def.required === true) report('missingLiteralProperty');
        return report('stringNotString');
      }
      if (isEmptyArray(value)) return def.required === true ? report('stringCountBelowMin', undefined, '1') : null;
      const r = readString(value, kind.maxLength, kind.pattern, ctx.version === 3);
      if (!r.ok && r.also !== undefined) report(r.also);
      return r.ok ? { t: 'string', v: r.v } : report(r.kind, r.value, r.detail);
    }
    case 'langString': {
      const r = readLangString(value, kind.maxLength, ctx.version === 3);
      if (!r.ok && r.also !== undefined) report(r.also);
      return r.ok ? { t: 'lang', v: r.v } : report(r.kind, r.value, r.detail);
    }
    case 'boolean': {
      if (value === null) {
        report('propertyValueNull');
        return report('booleanNotBoolean');
      }
      if (isEmptyArray(value)) return null;
      const r = readBoolean(value, ctx.version === 3);
      return r.ok ? { t: 'boolean', v: r.v } : report(r.kind, r.value);
    }
    case 'integer': {
      if (value === null) {
        report('propertyValueNull');
        return report('integerNotInteger');
      }
      if (isEmptyArray(value)) return null;
      const r = readInteger(value, ctx.version === 3);
      if (!r.ok) return report(r.kind, r.value);
      if (kind.exact !== undefined && r.v !== kind.exact) return report('valueNotExact', String(r.v), String(kind.exact));
      if (kind.min !== undefined && r.v < kind.min) {
        if (r.v < 0) report('valueBelowRange', String(r.v));
        return report('valueBelowMin', String(r.v), String(kind.min));
      }
      if (kind.max !== undefined && r.v > kind.max) return report('valueAboveRange', String(r.v), String(kind.max));
      return { t: 'integer', v: r.v };
    }
    case 'enumLiteral': {
      const rs = readEnumLiteral(value, ctx.version === 3);
      const first = rs[0];
      if (first !== undefined && first.ok) return { t: 'enumLiteral', v: first.v };
      for (const r of rs) if (!r.ok) report(r.kind, r.value ?? JSON.stringify(value));
      return null;
    }
    case 'instance': {
      if (isEmptyArray(value)) return null;
      if (Array.isArray(value) && value.length > 1) return report('objectMultipleValues');
      const one: Json = Array.isArray(value) ? (value[0] as Json) : value;
      if (isObj(one)) {
        // An inline object where an instance is expected: for `unit` the official parser says a
        // reference was required; elsewhere (commandType) the object's type is wrong.
        if (def.name !== 'unit') return report('badType');
        report('refObjectNotAllowed');
        return report('objectCountBelowMin', undefined, '1');
      }
      const s = typeof one === 'string' ? one : null;
      if (s === null) return report('badDtmiOrTerm', JSON.stringify(value));
      const m = termTable(ctx).lookup(s);
      if (def.name === 'unit') {
        const st = el.semanticTypes[0];
        const want = st !== undefined ? termTable(ctx).lookup(st) : undefined;
        const wrongKind = (): null => {
          report(ctx.version === 2 ? 'notRequiredType' : 'badType', s);
          return report('wrongParent', s);
        };
        if (m !== undefined && m.t === 'unit') {
          if (want !== undefined && want.t === 'semanticType' && want.unitClass !== m.unitClass) return wrongKind();
          b.sink.builtins.set(unitId(ctx, m.name), { kind: 'Unit', name: m.name, version: ctx.version });
          return { t: 'term', v: m.name };
        }
        const c = classifyUnknown(s);
        if (c === 'invalidDtmi') return report('propertyInvalidDtmi', s);
        if (m !== undefined) return wrongKind();
        if (c === 'notDtmiNorTerm') return report('propertyNotDtmiNorTerm', s);
        if (c === 'dtmi') return report('propertyIrrelevantDtmiOrTerm', s);
        return report('propertyUndefinedTerm', s);
      }
      if (m !== undefined && m.t === 'instance' && kind.values.includes(m.name)) {
        b.sink.builtins.set(`dtmi:dtdl:instance:CommandType:${m.name};${ctx.version}`, { kind: 'CommandType', name: m.name, version: ctx.version });
        return { t: 'term', v: m.name };
      }
      return report('badDtmiOrTerm', s);
    }
    case 'dtmi': {
      if (isEmptyArray(value)) return null;
      let x: Json = value;
      if (Array.isArray(x)) {
        if (x.length !== 1) return report('identifierNotString', JSON.stringify(value));
        x = x[0] as Json;
      }
      if (isObj(x) && typeof x['@id'] === 'string' && Object.keys(x).length === 1) x = x['@id'];
      if (typeof x !== 'string') return report('identifierNotString', JSON.stringify(value));
      const parts = parseDtmi(x);
      if (parts === null) return report('identifierNotDtmi', x);
      if (parts.isReserved) return report('reservedId', x);
      if (ctx.version === 2 && (parts.majorVersion === 0 || parts.minorVersion !== 0)) return report('identifierNotDtmi', x);
      return { t: 'refs', items: [{ id: x, inline: false, line: keyLine }] };
    }
    case 'elements':
      return readElements(b, el, def, value, ctx, depth, keyLine);
  }
}

/** Reads nested elements or references (contents, schema, fields, …). */
export function readElements(b: PropReaderHost, el: RawElement, def: PropDef, value: Json, ctx: ActiveContext, depth: number, keyLine: number): RawValue | null {
  const report = (k: string, value?: string, detail?: string, line = keyLine): void => {
    b.err(k, { primaryId: el.id, property: def.name, value, detail, line });
  };
  if (value === null) {
    report('propertyValueNull');
    return null;
  }
  const kind = def.kind as Extract<PropDef['kind'], { k: 'elements' }>;
  const arr: readonly Json[] = Array.isArray(value) ? (value as readonly Json[]) : [value];
  const itemLines = Array.isArray(value) ? (b.lines.get(value as object)?.items ?? []) : [];
  if (def.plural !== true && arr.length > 1) {
    report('objectMultipleValues');
    return null;
  }
  if (def.plural === true) {
    if (def.maxCount !== undefined && arr.length > def.maxCount) report('objectCountAboveMax', undefined, String(def.maxCount));
  } else if (arr.length === 0) {
    if (def.required === true) report('objectCountBelowMin', undefined, '1');
    return null;
  }
  // Sized for every item (most properties hold one) and cut to those read, instead of grown.
  const items: RawRef[] = new Array<RawRef>(arr.length);
  let count = 0;
  const table = termTable(ctx);
  for (let i = 0; i < arr.length; i++) {
    const item = arr[i] as Json;
    const line = itemLines[i] ?? keyLine;
    if (typeof item === 'string') {
      if (kind.schema !== undefined) {
        const m = table.lookup(item);
        if (m !== undefined && m.t === 'primitive') {
          const okPrim = kind.schema === 'any' || (kind.schema === 'string' ? m.name === 'string' : m.name === 'integer' || m.name === 'string');
          if (!okPrim) {
            // The official kinds: an Enum's valueSchema is a restricted value; a MapKey's schema
            // must be of type string (and is then missing).
            if (kind.schema === 'string') {
              report('badType', item, undefined, line);
              report('propertyCountBelowMin', undefined, '1', line);
            } else report('incorrectPropertyValue', item, undefined, line);
            return null;
          }
          const pid = primitiveId(ctx, m.name);
          b.sink.builtins.set(pid, { kind: 'Primitive', name: m.name, version: ctx.version });
          items[count++] = { id: pid, inline: false, line };
          continue;
        }
        if (m !== undefined && m.t === 'unitClass' && ctx.version === 3 && kind.schema === 'any') {
          const uid = `dtmi:dtdl:extension:quantitativeTypes:v1:enum:${m.name}`;
          b.sink.builtins.set(uid, { kind: 'UnitEnum', name: m.name, version: 3 });
          items[count++] = { id: uid, inline: false, line };
          continue;
        }
        if (kind.schema !== 'any') {
          report(m === undefined && parseDtmi(item) === null ? 'badDtmiOrTerm' : 'excludedType', item, undefined, line);
          continue;
        }
        if (m !== undefined && (m.t === 'class' || m.t === 'abstract')) {
          // A class name (`Double`) where a schema instance is expected: the wrong type.
          report('badType', item, undefined, line);
          return null;
        }
        if (m !== undefined) {
          report('badDtmiOrTerm', item, String(ctx.version), line);
          continue;
        }
      }
      if (parseDtmi(item) === null) {
        report(kind.schema !== undefined ? 'badDtmiOrTerm' : 'identifierNotDtmi', item, String(ctx.version), line);
        continue;
      }
      // Reserved prefixes name only what their contexts define (IoT Central schemas are terms above).
      if (item.startsWith('dtmi:dtdl:') || item.startsWith('dtmi:standard:') || item.startsWith('dtmi:iotcentral:')) {
        b.err('undefinedReservedId', { primaryId: el.id, secondaryId: item, property: def.name, line });
        continue;
      }
      items[count++] = { id: item, inline: false, line };
      continue;
    }
    if (isObj(item)) {
      const keys = Object.keys(item);
      if (keys.length === 1 && keys[0] === '@id' && typeof item['@id'] === 'string') {
        // An object holding only @id is a node reference, which DTDL does not accept here, except
        // as a tolerated DTDL v2 solecism (then it must name a DTMI).
        const ref = item['@id'];
        if (!(b.tolerateSolecisms && ctx.version === 2)) report('idReference', ref, undefined, line);
        else if (parseDtmi(ref) === null) report('idRefBadDtmiOrTerm', ref, undefined, line);
        else items[count++] = { id: ref, inline: false, line };
        continue;
      }
      if (kind.range.length === 0) {
        report('badDtmiOrTerm', JSON.stringify(item), String(ctx.version), line);
        continue;
      }
      const parent: Parent = { id: el.id, prop: def.name, index: def.plural === true ? i : null, el };
      const before = b.sink.elements.length;
      const childId = b.element(item, ctx, parent, kind.range, depth + 1);
      if (childId === null) continue;
      if (b.tolerateSolecisms && ctx.version === 2 && item['@id'] === undefined && items.slice(0, count).some((x) => x.id === childId)) {
        // A tolerated solecism: a second content with the same name and no @id; the first is kept.
        b.sink.elements.length = before;
        continue;
      }
      items[count++] = { id: childId, inline: true, line: b.lines.start(item) ?? line };
      continue;
    }
    report('refNotStringOrObject', JSON.stringify(item), undefined, line);
  }
  items.length = count;
  // Counts are of the values that could be read: a dropped element leaves its property short.
  const min = def.plural === true ? def.minCount : def.required === true ? 1 : undefined;
  if (min !== undefined && items.length < min && (arr.length > 0 || def.plural === true)) report('objectCountBelowMin', undefined, String(min));
  if (items.length === 0 && def.plural !== true) return null;
  return { t: 'refs', items };
}
/** JSON-LD flattens nested arrays: [[a, b], [], c] is [a, b, c] (iteratively, lines kept). */
export function flattenArray(b: PropReaderHost, arr: readonly Json[]): Json[] {
  const lines = b.lines.get(arr)?.items ?? [];
  const items: Json[] = [];
  const itemLines: number[] = [];
  const stack: Array<{ a: readonly Json[]; lines: readonly number[]; i: number }> = [{ a: arr, lines, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { a: readonly Json[]; lines: readonly number[]; i: number };
    if (top.i >= top.a.length) {
      stack.pop();
      continue;
    }
    const i = top.i++;
    const x = top.a[i] as Json;
    if (Array.isArray(x)) stack.push({ a: x as readonly Json[], lines: b.lines.get(x as object)?.items ?? [], i: 0 });
    else {
      items.push(x);
      itemLines.push(top.lines[i] ?? lines[0] ?? 1);
    }
  }
  const loc = b.lines.get(arr);
  if (loc !== undefined) b.lines.set(items, { start: loc.start, end: loc.end, keys: loc.keys, items: itemLines });
  return items;
}

/** True for []. */
export function isEmptyArray(x: Json): boolean {
  return Array.isArray(x) && x.length === 0;
}

/** Classes whose @type may be omitted (inferred from the property). */
export function isInferable(c: MaterialClass): boolean {
  return c === 'CommandPayload' || c === 'CommandRequest' || c === 'CommandResponse' || c === 'EnumValue' || c === 'MapKey' || c === 'MapValue' || c === 'Field';
}

/** The id the official parser gives an element without @id. */
export function generatedId(parent: Parent, node: JsonObject, v: number): string {
  const semi = parent.id.lastIndexOf(';');
  const base = semi >= 0 ? parent.id.slice(0, semi) : parent.id;
  const version = semi >= 0 ? parent.id.slice(semi + 1) : String(v);
  let tail = `:_${parent.prop}`;
  if (parent.index !== null) {
    const n = node['name'];
    tail += `:__${typeof n === 'string' && /^[A-Za-z0-9_]+$/.test(n) ? n : String(parent.index)}`;
  }
  return `${base}${tail};${version}`;
}

/** Id of a primitive schema instance. */
export function primitiveId(ctx: ActiveContext, name: string): string {
  if (name === 'geopoint' || name === 'vector') return `dtmi:iotcentral:schema:${name};2`;
  return ['point', 'lineString', 'polygon', 'multiPoint', 'multiLineString', 'multiPolygon'].includes(name)
    ? `dtmi:standard:schema:geospatial:${name};${ctx.version}`
    : `dtmi:dtdl:instance:Schema:${name};${ctx.version}`;
}

function unitId(ctx: ActiveContext, name: string): string {
  return ctx.version === 2 ? `dtmi:standard:unit:${name};2` : `dtmi:dtdl:extension:quantitativeTypes:v1:unit:${name}`;
}
