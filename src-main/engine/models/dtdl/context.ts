// Stage 1: the JSON-LD @context. DTDL v2 and v3 allow only a fixed set of context DTMIs (no local
// term definitions), so a context reduces to: the language version, the known extensions in use,
// and whether undefined extensions were named. Terms are then looked up in a table built per
// combination (memoized; real model sets use a handful of combinations).

import { parseDtmi } from './dtmi';
import { abstractClasses, classes, coreInstances, coreProperties, geospatialSchemas, primitiveSchemas } from './metamodel';
import { unitEnumAliases, unitsQt, unitsV2 } from './units';
import type { DtdlVersion } from './types';

/** Known v3 extensions, by context DTMI. */
export const knownExtensions: Readonly<Record<string, string>> = {
  'dtmi:dtdl:extension:quantitativeTypes;1': 'quantitativeTypes',
  'dtmi:dtdl:extension:historization;1': 'historization',
  'dtmi:dtdl:extension:annotation;1': 'annotation',
  'dtmi:dtdl:extension:overriding;1': 'overriding',
  // Version 2 of these extensions has the same terms and meaning for DTDL v3 models.
  'dtmi:dtdl:extension:historization;2': 'historization',
  'dtmi:dtdl:extension:annotation;2': 'annotation',
  'dtmi:dtdl:extension:overriding;2': 'overriding',
};

/** Extension families whose other versions exist but are outside DTDL v3 (or this parser's scope). */
const otherExtensionFamilies = new Set(['quantitativeTypes', 'historization', 'annotation', 'overriding', 'mqtt', 'requirement', 'limits', 'onvif']);

/** The outcome of reading one @context. */
export interface ActiveContext {
  readonly version: DtdlVersion;
  readonly extensions: ReadonlySet<string>;
  /** An affiliate or undefined extension context was named: unknown terms are tolerated. */
  readonly hasUndefinedExtension: boolean;
  readonly hasIotCentral: boolean;
}

/** A problem found in a context. */
export interface ContextIssue {
  readonly kind: string;
  readonly property?: string;
  readonly value?: string;
  readonly detail?: string;
}

type ContextResult = { ctx: ActiveContext | null; issues: readonly ContextIssue[] };
type ContextOptions = { allowUndefinedExtensions: boolean; maxDtdlVersion?: number };

// Top-level contexts repeat across the documents of a set: the same text gives the same (immutable)
// result, so it is shared (which also lets termTable's per-context memo hit).
const topLevel = new Map<string, ContextResult>();

/** Reads a @context value; `inherited` is the enclosing element's context for nested ones. */
export function readContext(raw: unknown, inherited: ActiveContext | null, opts: ContextOptions): ContextResult {
  const plain = typeof raw === 'string' || (Array.isArray(raw) && raw.every((x) => typeof x === 'string'));
  if (inherited !== null || !plain || topLevel.size > 1000) return readContextUncached(raw, inherited, opts);
  const key = `${opts.allowUndefinedExtensions}|${opts.maxDtdlVersion ?? ''}|${typeof raw === 'string' ? raw : (raw as string[]).join('\u0000')}`;
  let hit = topLevel.get(key);
  if (hit === undefined) {
    hit = readContextUncached(raw, null, opts);
    topLevel.set(key, hit);
  }
  return hit;
}

function readContextUncached(raw: unknown, inherited: ActiveContext | null, opts: ContextOptions): ContextResult {
  const issues: ContextIssue[] = [];
  const entries: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (Array.isArray(raw) && raw.length === 0 && inherited === null) {
    return { ctx: null, issues: [{ kind: 'emptyContext' }] };
  }
  let version: DtdlVersion | null = inherited?.version ?? null;
  let sawDtdl = false;
  const extensions = new Set(inherited?.extensions ?? []);
  let hasUndefined = inherited?.hasUndefinedExtension ?? false;
  let hasCentral = inherited?.hasIotCentral ?? false;
  let affiliateBefore: string | null = null;
  let affiliateSeen: string | null = null;
  const locals: object[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e !== null && typeof e === 'object') {
      // Local definitions are not DTDL, but each one is still checked as JSON-LD would (as the
      // official parser does), so every mistake in it is reported at once.
      issues.push({ kind: 'disallowedLocalContext' });
      if (i !== entries.length - 1) issues.push({ kind: 'localContextNotLast' });
      if (!Array.isArray(e)) locals.push(e);
      continue;
    }
    if (typeof e !== 'string') {
      issues.push({ kind: 'invalidContext', value: JSON.stringify(e) ?? String(e) });
      continue;
    }
    if (!e.startsWith('dtmi:')) {
      issues.push({ kind: 'nonDtmiContextSpecifier', value: e });
      continue;
    }
    const parts = parseDtmi(e);
    if (parts === null || parts.fragment !== '') {
      issues.push({ kind: parts !== null ? 'disallowedContextFragment' : 'invalidContextSpecifier', value: e });
      continue;
    }
    const base = parts.versionless;
    if (base === 'dtmi:dtdl:context') {
      if (parts.majorVersion === 0) {
        issues.push({ kind: 'missingContextVersion', value: e }, { kind: 'invalidContextSpecifierForVersion', value: e });
        continue;
      }
      if (parts.minorVersion !== 0) {
        issues.push({ kind: 'invalidContextSpecifierForVersion', value: e });
        continue;
      }
      const v = parts.majorVersion;
      if (opts.maxDtdlVersion !== undefined && v > opts.maxDtdlVersion) {
        issues.push({ kind: 'disallowedContextVersion', value: e, detail: String(opts.maxDtdlVersion) });
        continue;
      }
      if (v !== 2 && v !== 3) {
        issues.push({ kind: 'unrecognizedContextVersion', value: e });
        continue;
      }
      // The DTDL context comes first, except that the IoT Central context may precede a (first)
      // v2 one. At the top level an extension before it leaves the document without a language
      // context; anywhere else a DTDL context after another context is out of order.
      if (affiliateSeen !== null && !(affiliateSeen === 'dtmi:iotcentral:context;2' && v === 2 && !sawDtdl)) {
        const top = inherited === null && !sawDtdl && affiliateSeen.startsWith('dtmi:dtdl:extension:');
        issues.push({ kind: top ? 'missingDtdlContext' : 'dtdlContextFollowsAffiliate', value: affiliateSeen });
      }
      version = v;
      sawDtdl = true;
      continue;
    }
    affiliateSeen ??= e;
    if (base === 'dtmi:iotcentral:context') {
      if (parts.majorVersion !== 2) {
        issues.push({ kind: parts.majorVersion === 0 ? 'missingContextVersion' : 'unresolvableContextVersion', value: e });
        continue;
      }
      hasCentral = true;
      if (!sawDtdl && version === null) {
        // The IoT Central context implies DTDL v2 when it comes first.
        affiliateBefore = e;
      }
      continue;
    }
    if (!sawDtdl && version === null) affiliateBefore = e;
    const ext = knownExtensions[e];
    if (ext !== undefined) {
      // Version 2 of historization/annotation/overriding is defined for DTDL v2 documents too (its
      // types are then rejected per element, with invalidCotypeVersion); version 1 is v3-only.
      if ((version ?? 3) !== 3 && !(parts.majorVersion === 2 && ext !== 'quantitativeTypes')) issues.push({ kind: 'invalidContextSpecifierForVersion', value: e });
      else extensions.add(ext);
      continue;
    }
    const family = /^dtmi:dtdl:extension:([A-Za-z]+)$/.exec(base)?.[1];
    if (parts.majorVersion === 0) {
      issues.push({ kind: 'missingContextVersion', value: e }, { kind: 'invalidContextSpecifierForVersion', value: e });
      continue;
    }
    if (parts.minorVersion !== 0 && (version ?? 3) === 2) {
      issues.push({ kind: 'invalidContextSpecifierForVersion', value: e });
      continue;
    }
    if (family !== undefined && otherExtensionFamilies.has(family)) {
      // An unknown version of a known extension is an undefined extension when those are allowed.
      if (opts.allowUndefinedExtensions && !['mqtt', 'limits', 'onvif', 'requirement'].includes(family)) {
        hasUndefined = true;
        continue;
      }
      // Historization, annotation and overriding exist for v2 documents too (from version 2), so an
      // unknown version of them is unknown, not meant for another DTDL version.
      const forBoth = family === 'historization' || family === 'annotation' || family === 'overriding';
      issues.push({ kind: (version ?? 3) === 2 && !forBoth ? 'invalidContextSpecifierForVersion' : 'unresolvableContextVersion', value: e });
      continue;
    }
    if (base.startsWith('dtmi:dtdl:') || !opts.allowUndefinedExtensions) {
      issues.push({ kind: 'unresolvableContextSpecifier', value: e });
      continue;
    }
    hasUndefined = true;
  }
  for (const local of locals) checkLocalDefinitions(local as Record<string, unknown>, version ?? 3, issues);
  if (version === null) {
    if (issues.length === 0) issues.push({ kind: 'missingDtdlContext' });
    return { ctx: null, issues };
  } else if (!sawDtdl && inherited === null) {
    issues.push({ kind: 'missingDtdlContext' });
  }
  if (affiliateBefore !== null && version === 3 && sawDtdl === false) issues.push({ kind: 'missingDtdlContext' });
  return { ctx: { version, extensions, hasUndefinedExtension: hasUndefined, hasIotCentral: hasCentral }, issues };
}

// A JSON-LD term: not starting with '@', made of letters, digits and these characters.
const localTermPattern = /^[A-Za-z0-9\-._~!$&'()*+,;=][A-Za-z0-9@\-._~!$&'()*+,;=]*$/;
const dtmiPrefixPattern = /^dtmi:(?:[A-Za-z_](?:[A-Za-z0-9_]*[A-Za-z0-9])?:)+$/;
const uriPattern = /^([A-Za-z][A-Za-z0-9+.-]*):(\S+)$/;

/** Checks the terms and definitions of one local context object (JSON-LD term-definition rules). */
function checkLocalDefinitions(local: Readonly<Record<string, unknown>>, version: DtdlVersion, issues: ContextIssue[]): void {
  const reserved = reservedTerms(version);
  for (const [term, def] of Object.entries(local)) {
    if (term === '') issues.push({ kind: 'localTermEmpty', property: term });
    else if (term === 'dtmi') issues.push({ kind: 'localTermSchemePrefix', property: term });
    else if (!localTermPattern.test(term)) issues.push({ kind: 'localTermInvalid', property: term });
    else if (reserved.lookup(term) !== undefined) issues.push({ kind: 'localTermReserved', property: term });
    let iri: string;
    // null removes a term (JSON-LD), which needs no further check.
    if (def === null) continue;
    if (typeof def === 'string') iri = def;
    else if (def !== null && typeof def === 'object' && !Array.isArray(def)) {
      const idValue = (def as Record<string, unknown>)['@id'];
      if (idValue === undefined) {
        issues.push({ kind: 'termDefinitionMissingIdProperty', property: term });
        continue;
      }
      if (typeof idValue !== 'string') {
        issues.push({ kind: 'termDefinitionIdPropertyNotString', property: term });
        continue;
      }
      iri = idValue;
    } else {
      issues.push({ kind: 'termDefinitionNotStringOrObject', property: term });
      continue;
    }
    if (iri.startsWith('dtmi:')) {
      if (parseDtmi(iri) === null && !dtmiPrefixPattern.test(iri)) issues.push({ kind: 'localTermDefinitionInvalidDtmi', property: term, value: iri, detail: String(version) });
    } else if (!isUriOrPrefix(iri)) {
      issues.push({ kind: 'localTermDefinitionInvalidUri', property: term, value: iri });
    }
  }
}

function isUriOrPrefix(text: string): boolean {
  const m = uriPattern.exec(text);
  if (m === null) return false;
  // Hierarchical web schemes need an authority ('http://host/…').
  const scheme = (m[1] as string).toLowerCase();
  return !['http', 'https', 'ftp', 'file', 'ws', 'wss'].includes(scheme) || /^\/\/[^/\s]+/.test(m[2] as string);
}

/** Every term the DTDL context and its standard extensions define, whether or not they are in use. */
function reservedTerms(version: DtdlVersion): TermTable {
  return termTable({ version, extensions: new Set(Object.values(knownExtensions)), hasUndefinedExtension: false, hasIotCentral: false });
}

/** What a term means in a context. */
export type TermMeaning =
  | { readonly t: 'class'; readonly name: string }
  | { readonly t: 'abstract'; readonly name: string }
  | { readonly t: 'semanticType'; readonly name: string; readonly unitClass: string }
  | { readonly t: 'adjunct'; readonly name: 'Historized' | 'ValueAnnotation' | 'Override' }
  | { readonly t: 'property'; readonly name: string; readonly ext?: string }
  | { readonly t: 'primitive'; readonly name: string }
  | { readonly t: 'unit'; readonly name: string; readonly unitClass: string }
  | { readonly t: 'unitClass'; readonly name: string }
  | { readonly t: 'instance'; readonly name: string }
  | { readonly t: 'other'; readonly name: string }
  /** An IoT Central semantic type (no unit; constrains the schema instead). */
  | { readonly t: 'central'; readonly name: string };

/** A term lookup table for one context combination. */
export interface TermTable {
  /** Meaning of a term or of a known IRI. */
  lookup(term: string): TermMeaning | undefined;
}

const tables = new Map<string, TermTable>();

/** IoT Central semantic types that carry a schema rule (others stay undefined co-types). */
export const centralTypes: readonly string[] = ['AccelerationVector', 'VelocityVector', 'Location', 'Event', 'State'];

/** The term table of a context (memoized). */
export function termTable(ctx: ActiveContext): TermTable {
  // Looked up for every element and property: remember the table on the context object.
  const known = byContext.get(ctx);
  if (known !== undefined) return known;
  const table = buildTermTable(ctx);
  byContext.set(ctx, table);
  return table;
}

const byContext = new WeakMap<ActiveContext, TermTable>();

function buildTermTable(ctx: ActiveContext): TermTable {
  const key = `${ctx.version}|${ctx.hasIotCentral}|${[...ctx.extensions].sort().join(',')}`;
  const hit = tables.get(key);
  if (hit !== undefined) return hit;
  const v = ctx.version;
  const terms = new Map<string, TermMeaning>();
  const iris = new Map<string, TermMeaning>();
  for (const c of classes[v].keys()) {
    terms.set(c, { t: 'class', name: c });
    iris.set(`dtmi:dtdl:class:${c};${v}`, { t: 'class', name: c });
  }
  for (const a of abstractClasses) {
    if (terms.has(a)) continue;
    terms.set(a, { t: 'abstract', name: a });
    iris.set(`dtmi:dtdl:class:${a};${v}`, { t: 'abstract', name: a });
  }
  for (const prop of coreProperties[v]) {
    terms.set(prop, { t: 'property', name: prop });
    iris.set(`dtmi:dtdl:property:${prop};${v}`, { t: 'property', name: prop });
  }
  for (const s of primitiveSchemas) {
    terms.set(s, { t: 'primitive', name: s });
    iris.set(`dtmi:dtdl:instance:Schema:${s};${v}`, { t: 'primitive', name: s });
  }
  for (const s of geospatialSchemas) {
    terms.set(s, { t: 'primitive', name: s });
    iris.set(`dtmi:standard:schema:geospatial:${s};${v}`, { t: 'primitive', name: s });
  }
  for (const ct of ['synchronous', 'asynchronous']) {
    terms.set(ct, { t: 'instance', name: ct });
    iris.set(`dtmi:dtdl:instance:CommandType:${ct};${v}`, { t: 'instance', name: ct });
  }
  void coreInstances;
  const us = v === 2 ? unitsV2 : ctx.extensions.has('quantitativeTypes') ? unitsQt : null;
  if (us !== null) {
    const iri = (kind: string, term: string): string => (v === 2 ? `dtmi:standard:${kind === 'enum' ? 'class' : kind}:${term};2` : `dtmi:dtdl:extension:quantitativeTypes:v1:${kind}:${term}`);
    for (const [st, uc] of us.semanticTypes) {
      terms.set(st, { t: 'semanticType', name: st, unitClass: uc });
      iris.set(iri('class', st), { t: 'semanticType', name: st, unitClass: uc });
    }
    for (const uc of us.unitClasses) {
      terms.set(uc, { t: 'unitClass', name: uc });
      iris.set(iri('enum', uc), { t: 'unitClass', name: uc });
    }
    if (v === 3) for (const [alias, uc] of unitEnumAliases) terms.set(alias, { t: 'unitClass', name: uc });
    for (const [u, uc] of us.units) {
      terms.set(u, { t: 'unit', name: u, unitClass: uc });
      iris.set(iri('unit', u), { t: 'unit', name: u, unitClass: uc });
    }
    for (const o of us.otherTerms) if (!terms.has(o)) terms.set(o, { t: 'other', name: o });
    if (v === 3) {
      terms.set('unit', { t: 'property', name: 'unit', ext: 'quantitativeTypes' });
      iris.set('dtmi:dtdl:extension:quantitativeTypes:v1:property:unit', { t: 'property', name: 'unit', ext: 'quantitativeTypes' });
    }
  }
  // IoT Central semantic types are DTDL v2 terms; a v3 model naming them gets invalidCotypeVersion.
  if (ctx.hasIotCentral) for (const t of centralTypes) terms.set(t, { t: 'central', name: t });
  if (ctx.hasIotCentral) {
    // IoT Central schemas (geopoint and vector are Objects defined by the IoT Central context).
    for (const s of ['geopoint', 'vector']) {
      terms.set(s, { t: 'primitive', name: s });
      iris.set(`dtmi:iotcentral:schema:${s};2`, { t: 'primitive', name: s });
    }
  }
  {
    if (ctx.extensions.has('historization')) terms.set('Historized', { t: 'adjunct', name: 'Historized' });
    if (ctx.extensions.has('annotation')) {
      terms.set('ValueAnnotation', { t: 'adjunct', name: 'ValueAnnotation' });
      terms.set('annotates', { t: 'property', name: 'annotates', ext: 'annotation' });
    }
    if (ctx.extensions.has('overriding')) {
      terms.set('Override', { t: 'adjunct', name: 'Override' });
      terms.set('overrides', { t: 'property', name: 'overrides', ext: 'overriding' });
    }
  }
  const table: TermTable = {
    lookup: (term) => terms.get(term) ?? iris.get(term),
  };
  tables.set(key, table);
  return table;
}
