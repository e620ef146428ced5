// Stage 2: walks one document and turns every JSON object that is a DTDL element into a
// RawElement, checking the rules that can be checked locally: keywords, @id syntax, @type
// terms and co-types, which properties a class allows, literal values and counts. References
// between elements are only recorded here; stage 3 resolves them.

import { readContext, termTable, type ActiveContext, type TermMeaning } from './context';
import { parseDtmi } from './dtmi';
import type { Json, JsonObject, LineIndex } from './json-source';
import { noKeys } from './line-index';
import { classes, limits, supplementalProp, type ClassDef, type MaterialClass, type PropDef } from './metamodel';
import { makeError, type ErrorInit, type RawElement } from './raw';
import { checkCentralSchema } from './iot-central';
import { newerInV2 } from './error-messages';
import { classifyUnknown, flattenArray, generatedId, isInferable, isObj, readProp, type Parent, type PropReaderHost } from './read-props';
import type { DtdlError } from './types';

/** Options the build stage needs. */
export interface BuildOptions {
  readonly allowUndefinedExtensions: boolean;
  readonly maxDtdlVersion?: number;
  /** Tolerate the DTDL v2 solecisms of the official TolerateSolecisms* quirks in this document. */
  readonly tolerateSolecisms?: boolean;
}

/** Where the build stage puts its results. */
export interface BuildSink {
  readonly elements: RawElement[];
  readonly errors: DtdlError[];
  /** Built-in elements referenced (primitive schemas, units, unit enums), by id. */
  readonly builtins: Map<string, { kind: 'Primitive' | 'UnitEnum' | 'Unit' | 'CommandType'; name: string; version: 2 | 3 }>;
}

const downgradable = new Set(['contents', 'extends', 'schema', 'elementSchema', 'properties']);

const maxObjectDepth = 48;

/** Material classes Historized may co-type in some DTDL version (v3: Property and Telemetry only). */
const historizedElsewhere: ReadonlySet<string> = new Set(['Property', 'Telemetry', 'Field', 'MapValue', 'CommandResponse']);

interface TypeState {
  readonly rejected: boolean;
  readonly inferred: boolean;
  readonly undefinedCotype: boolean;
}

const noTypes: readonly string[] = Object.freeze([]);
const noUndefinedProps: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** A type list with one more item; most elements have no co-types, so lists start as the shared empty one. */
function withType(list: string[], t: string, unique = true): string[] {
  if (list === noTypes) return [t];
  if (!unique || !list.includes(t)) list.push(t);
  return list;
}

const requiredByClass = new Map<ClassDef, readonly PropDef[]>();

/** The required properties of a class (listed once per class, not iterated from its map per element). */
function requiredProps(cls: ClassDef): readonly PropDef[] {
  let out = requiredByClass.get(cls);
  if (out === undefined) {
    out = [...cls.props.values()].filter((d) => d.required === true);
    requiredByClass.set(cls, out);
  }
  return out;
}

/** Walks one document's value and appends its elements and errors to the sink. */
export function buildDocument(value: Json, lines: LineIndex, docIndex: number, opts: BuildOptions, sink: BuildSink): void {
  new DocumentBuilder(lines, docIndex, opts, sink).run(value);
}

class DocumentBuilder implements PropReaderHost {
  constructor(
    readonly lines: LineIndex,
    private readonly docIndex: number,
    private readonly opts: BuildOptions,
    readonly sink: BuildSink,
  ) {}

  /** True when this document's DTDL v2 solecisms are tolerated (the official quirks). */
  get tolerateSolecisms(): boolean {
    return this.opts.tolerateSolecisms === true;
  }

  err(kind: string, init: ErrorInit): void {
    this.sink.errors.push(makeError(kind, { documentIndex: this.docIndex, ...init }));
  }

  run(value: Json): void {
    if (Array.isArray(value)) {
      for (const item of value as readonly Json[]) {
        if (!isObj(item)) {
          this.err('notJsonObject', { line: this.lines.start(value as object), detail: ' (an array item is not an object)' });
          continue;
        }
        this.top(item);
      }
      return;
    }
    if (!isObj(value)) {
      this.err('notJsonObject', { line: 1 });
      return;
    }
    this.top(value);
  }

  private top(node: JsonObject): void {
    const line = this.lines.start(node);
    const raw = node['@context'];
    const graph = node['@graph'];
    if (graph !== undefined && (raw !== undefined || (isObj(graph) && '@context' in graph))) {
      // A top-level @graph object with its own context is one misplaced element; the document
      // itself still lacks a context.
      this.err('topLevelGraphDisallowed', { line });
      if (raw === undefined) this.err('missingContext', { line });
      return;
    }
    if (raw === undefined) {
      // As the official parser: the document, not an element, lacks the context (no PrimaryID).
      this.err('missingContext', { line });
      return;
    }
    const { ctx, issues } = readContext(raw, null, this.opts);
    const ctxLine = this.lines.keyLine(node, '@context');
    for (const i of issues) this.err(i.kind, { property: i.property, value: i.value, detail: i.detail, line: ctxLine });
    if (ctx === null || issues.length > 0) return;
    this.element(node, ctx, null, ['Interface'], 0);
  }

  /** Parses one element object; returns its id (or null when it could not be parsed). */
  element(node: JsonObject, inherited: ActiveContext, parent: Parent | null, range: readonly MaterialClass[], depth: number): string | null {
    const line = this.lines.start(node) ?? 1;
    const end = this.lines.get(node)?.end;
    if (depth > maxObjectDepth) {
      this.err('excessiveDepthWide', { primaryId: parent?.id, line, detail: String(maxObjectDepth) });
      return null;
    }
    let ctx = inherited;
    if (parent !== null && '@context' in node) {
      const r = readContext(node['@context'], inherited, this.opts);
      for (const i of r.issues) this.err(i.kind, { property: i.property, value: i.value, detail: i.detail, line: this.lines.keyLine(node, '@context') });
      // As at the top level: terms cannot be read reliably under a broken context.
      if (r.issues.length > 0) return null;
      if (r.ctx !== null) ctx = r.ctx;
      if (r.ctx !== null && (r.ctx.version > inherited.version || (r.ctx.version < inherited.version && !downgradable.has(parent.prop)))) {
        this.err('disallowedVersionDefinition', { primaryId: parent.id, property: parent.prop, value: `dtmi:dtdl:context;${r.ctx.version}`, line });
        if (inherited.version === 2) this.err('unrecognizedContextVersion', { value: `dtmi:dtdl:context;${r.ctx.version}`, detail: newerInV2, line });
      }
    }
    const v = ctx.version;
    const table = termTable(ctx);
    const lim = limits[v];

    // @id
    const rawId = node['@id'];
    let id: string;
    let idGiven = false;
    let idValid = true;
    if (rawId === undefined) {
      if (parent === null) {
        this.err('missingTopLevelId', { line });
        return null;
      }
      id = generatedId(parent, node, v);
      if (parent.prop === 'schemas' || parent.prop === 'extends' || (parent.prop === 'schema' && parent.el.cls === 'Component')) {
        this.err('missingRequiredId', { primaryId: parent.id, property: parent.prop, line });
      }
    } else if (typeof rawId !== 'string' || rawId === '') {
      this.err('idNotString', { primaryId: parent?.id, line: this.lines.keyLine(node, '@id') ?? line, value: JSON.stringify(rawId) });
      if (parent === null) return null;
      id = generatedId(parent, node, v);
      idValid = false;
    } else {
      id = rawId;
      idGiven = true;
      const parts = parseDtmi(rawId);
      const idLine = this.lines.keyLine(node, '@id') ?? line;
      if (parts === null) {
        this.err('invalidId', { value: rawId, line: idLine });
        idValid = false;
        if (parent === null) return null;
      } else if (parent === null && parts.fragment !== '') {
        // A top-level element with a fragment id (a layering-extension fragment) is not read further.
        this.err('invalidId', { value: rawId, line: idLine });
        return null;
      } else {
        if (rawId.length > lim.dtmiMaxLength) this.err('idTooLong', { value: rawId, line: idLine, detail: String(lim.dtmiMaxLength) });
        if (parts.isReserved) {
          this.err('invalidId', { value: rawId, line: idLine });
          idValid = false;
        } else if ((rawId.startsWith('dtmi:dtdl:') || rawId.startsWith('dtmi:standard:')) && !(v === 2 && this.tolerateSolecisms)) this.err('reservedId', { value: rawId, line: idLine });
        else if (rawId.startsWith('dtmi:iotcentral:') && ctx.hasIotCentral) this.err('reservedId', { value: rawId, line: idLine });
        if (v === 2 && parts.majorVersion === 0) {
          this.err('invalidId', { value: rawId, line: idLine });
          idValid = false;
        }
        if (v === 2 && parts.minorVersion !== 0) {
          this.err('invalidId', { value: rawId, line: idLine });
          idValid = false;
        }
      }
    }

    // @type
    const rawType = node['@type'];
    let material: MaterialClass | null;
    let semanticTypes = noTypes as string[];
    let adjunctTypes = noTypes as string[];
    let centralTypes = noTypes as string[];
    let undefinedTypes = noTypes as string[];
    const typeLine = this.lines.keyLine(node, '@type') ?? line;
    const errorsBeforeTypes = this.sink.errors.length;
    if (rawType === undefined) {
      const only = range.length === 1 ? (range[0] as MaterialClass) : null;
      if (only !== null && isInferable(only)) material = only;
      else {
        if (parent === null) this.err('typeNotRootable', { value: id, line });
        this.err('badType', { primaryId: parent?.id, property: parent?.prop, line });
        return null;
      }
    } else {
      const list: readonly Json[] = Array.isArray(rawType) ? (rawType as readonly Json[]) : [rawType];
      if (list.length === 0) {
        this.err('badType', { primaryId: parent?.id, property: parent?.prop, line: typeLine });
        return null;
      }
      let materials = noTypes as MaterialClass[];
      // DTDL v2 unit enums (LengthUnit, …) are subclasses of the material class Unit, which no
      // property here accepts.
      let unitMaterial = false;
      let abstracts = noTypes as string[];
      let unitEnumCotype: string | null = null;
      for (const t of list) {
        if (typeof t !== 'string') {
          this.err('badType', { primaryId: id, line: typeLine });
          continue;
        }
        const m = table.lookup(t);
        if (m === undefined) {
          const c = classifyUnknown(t);
          if (c === 'invalidDtmi') this.err('typeInvalidDtmi', { primaryId: id, value: t, line: typeLine });
          else if (v === 3 && c === 'notDtmiNorTerm') this.err('typeNotDtmiNorTerm', { primaryId: id, value: t, line: typeLine });
          else if (c === 'dtmi' && !ctx.hasUndefinedExtension) this.err('typeIrrelevantDtmiOrTerm', { primaryId: id, value: t, line: typeLine });
          else if (v === 3 && !ctx.hasUndefinedExtension) this.err('typeUndefinedTerm', { primaryId: id, value: t, line: typeLine });
          else undefinedTypes = withType(undefinedTypes, t, false);
          continue;
        }
        if (m.t === 'class') {
          materials = withType(materials, m.name) as MaterialClass[];
        } else if (m.t === 'semanticType') semanticTypes = withType(semanticTypes, m.name);
        else if (m.t === 'adjunct') adjunctTypes = withType(adjunctTypes, m.name);
        else if (m.t === 'central') centralTypes = withType(centralTypes, m.name);
        else if (m.t === 'abstract') abstracts = withType(abstracts, t, false);
        else if (m.t === 'unitClass' && v === 2) {
          unitMaterial = true;
          unitEnumCotype ??= t;
        } else if (!ctx.hasUndefinedExtension) {
          this.err('typeIrrelevantDtmiOrTerm', { primaryId: id, value: t, line: typeLine });
          if (m.t === 'unitClass') unitEnumCotype ??= t;
        }
        else undefinedTypes = withType(undefinedTypes, t, false);
      }
      if (materials.length + (unitMaterial ? 1 : 0) > 1) {
        this.err('multipleMaterialTypes', { primaryId: id, value: [...materials, ...(unitMaterial ? ['Unit'] : [])].join(' and '), line: typeLine });
        // A unit enum is no element the holding property accepts either.
        if (unitMaterial && parent !== null) this.err('badType', { primaryId: parent.id, secondaryId: id, property: parent.prop, value: unitEnumCotype ?? 'Unit', line });
        return null;
      }
      if (unitMaterial) {
        if (parent === null) this.err('typeNotRootable', { value: id, line });
        else this.err('badType', { primaryId: parent.id, property: parent.prop, value: 'Unit', line });
        return null;
      }
      material = materials[0] ?? null;
      if (material === null) {
        // Without a material type, undefined co-types cannot stand for one: they are undefined terms.
        if (v === 2) for (const t of undefinedTypes) this.err('typeUndefinedTerm', { primaryId: id, value: t, line: typeLine });
        if (parent === null) this.err('typeNotRootable', { value: id, line });
        // At the top level an abstract class names a kind of element, only not a rootable one.
        if (parent !== null || abstracts.length === 0) this.err('badType', { primaryId: parent?.id, secondaryId: id, property: parent?.prop, value: abstracts[0] ?? semanticTypes[0], line });
        return null;
      }
      if (unitEnumCotype !== null && parent !== null) this.err('badType', { primaryId: parent.id, secondaryId: id, property: parent.prop, value: unitEnumCotype, line });
      for (const a of abstracts) this.err('abstractSupplementalType', { primaryId: id, value: a, line: typeLine });
    }
    if (!range.includes(material)) {
      if (parent === null) this.err('typeNotRootable', { value: id, line });
      else this.err('badType', { primaryId: parent.id, property: parent.prop, value: material, line });
      return null;
    }
    const cls = classes[v].get(material) as ClassDef;
    if (cls.name === 'Interface' && idGiven && idValid) {
      if (id.length > lim.interfaceIdMaxLength) this.err('idTooLongForType', { value: id, line: this.lines.keyLine(node, '@id') ?? line, detail: String(lim.interfaceIdMaxLength) });
      if (id.includes('#')) this.err('invalidId', { value: id, line });
    }
    if (semanticTypes.length > 0 && !cls.semantic) {
      for (const s of semanticTypes) this.err('invalidCotype', { primaryId: id, value: s, line: typeLine });
    }
    if (semanticTypes.length > 1) this.err('conflictingSupplementalTypes', { primaryId: id, value: semanticTypes.join(', '), line: typeLine });
    // Rejected co-types that leave the element's own properties readable (unlike a rejected
    // semantic type, which may own 'unit') do not hide the properties no type allows.
    const errorsBeforeAdjuncts = this.sink.errors.length;
    let annotationRejected = false;
    for (const a of adjunctTypes.length > 0 ? [...adjunctTypes] : noTypes) {
      // An Override replaces a value a Property reports; Telemetry has no such value to replace.
      const ok = a === 'Override' ? cls.name === 'Property' : cls.name === 'Property' || cls.name === 'Telemetry';
      if (!ok || (a === 'Historized' && v === 2)) this.err('invalidCotype', { primaryId: id, value: a, line: typeLine });
      // An element that cannot be an annotation does not get the annotation's properties either.
      if (!ok && a === 'ValueAnnotation') {
        adjunctTypes.splice(adjunctTypes.indexOf(a), 1);
        annotationRejected = true;
      }
      // Historized is a DTDL v3 co-type of Property and Telemetry, and in later DTDL versions also
      // of Fields, map values and command responses: there the version is (also) at fault.
      if (a === 'Historized' ? historizedElsewhere.has(cls.name) && !(ok && v === 3) : ok && v === 2) this.err('invalidCotypeVersion', { primaryId: id, value: a, line: typeLine });
    }
    if (adjunctTypes.includes('Override') && !adjunctTypes.includes('ValueAnnotation')) this.err('missingCocotype', { primaryId: id, value: 'Override', detail: 'ValueAnnotation', line: typeLine });

    for (const c of centralTypes) {
      if (cls.name !== 'Property' && cls.name !== 'Telemetry') this.err('invalidCotype', { primaryId: id, value: c, line: typeLine });
      else if (v === 3) this.err('invalidCotypeVersion', { primaryId: id, value: c, line: typeLine });
    }
    const typeState: TypeState = { rejected: errorsBeforeAdjuncts > errorsBeforeTypes, inferred: rawType === undefined, undefinedCotype: undefinedTypes.length > 0 };
    this.typeState = typeState;
    const el: RawElement = {
      id,
      idGiven,
      cls: cls.name,
      version: v,
      ctx,
      // Most elements have no co-types: they share one frozen empty list (less to keep alive).
      semanticTypes,
      adjunctTypes: centralTypes.length > 0 ? [...adjunctTypes, ...centralTypes] : adjunctTypes.length > 0 ? adjunctTypes : noTypes,
      undefinedTypes,
      props: new Map(),
      undefinedProps: noUndefinedProps,
      docIndex: this.docIndex,
      start: line,
      end,
      // Shared with the line index (keys are the property terms in nearly every model); copied
      // only when a key is an expanded IRI.
      propLines: this.lines.get(node)?.keys ?? noKeys,
      parentId: parent?.id ?? null,
      parentProp: parent?.prop ?? null,
    };
    this.sink.elements.push(el);

    // Properties whose value was rejected (created on the first one).
    let errored: Set<string> | null = null;
    let undefinedTypesReported = false;
    const errorsAfterTypes = this.sink.errors.length;
    for (const key of Object.keys(node)) {
      const value = node[key] as Json;
      const keyLine = this.lines.keyLine(node, key) ?? line;
      if (key.startsWith('@')) {
        if (key === '@id' || key === '@type' || key === '@context') continue;
        // Nested elements report keyword errors against the element that holds them.
        if (key === '@graph') this.err('graphDisallowed', { primaryId: parent?.id ?? id, line: keyLine });
        else if (v === 3 && parent === null) this.err('topLevelKeywordDisallowed', { property: key, line: keyLine });
        else if (v === 3) this.err('keywordDisallowed', { primaryId: parent?.id, property: key, line: keyLine });
        continue;
      }
      const meaning: TermMeaning | undefined = table.lookup(key);
      let def: PropDef | undefined;
      let prop: string;
      if (meaning !== undefined && meaning.t === 'property') {
        prop = meaning.name;
        def = cls.props.get(prop) ?? supplementalProp(prop, cls.semantic ? semanticTypes : [], el.adjunctTypes, v);
        if (def === undefined) {
          if (undefinedTypes.length > 0) {
            this.keepUndefined(el, key, value);
            continue;
          }
          // A rejected co-type may have been the owner: a semantic type on a class without
          // semantics leaves its `unit` unowned; an unknown co-type leaves the term irrelevant.
          if ((semanticTypes.length > 0 && !cls.semantic && prop === 'unit') || (v === 2 && (prop === 'annotates' || prop === 'overrides')) || (prop === 'annotates' && annotationRejected)) this.err(this.noOwner(), { primaryId: id, property: key, line: keyLine });
          else if (typeState.rejected) this.err('propertyIrrelevantDtmiOrTerm', { primaryId: id, property: key, line: keyLine });
          else this.keyErrors('propertyIrrelevantDtmiOrTerm', id, key, keyLine);
          continue;
        }
      } else if (meaning !== undefined) {
        // A defined term that is not a property: only an undefined co-type could own it.
        if (undefinedTypes.length === 0) this.keyErrors('propertyIrrelevantDtmiOrTerm', id, key, keyLine);
        else this.keepUndefined(el, key, value);
        continue;
      } else {
        const c = classifyUnknown(key);
        if (v === 3 && undefinedTypes.length > 0 && (c === 'invalidDtmi' || c === 'notDtmiNorTerm') && !undefinedTypesReported) {
          // A key no extension could define: the undefined co-types cannot excuse it, so they are
          // themselves reported as undefined.
          undefinedTypesReported = true;
          for (const t of undefinedTypes) this.err('typeUndefinedTerm', { primaryId: id, value: t, line: typeLine });
        }
        if (c === 'invalidDtmi' && (v === 3 || undefinedTypes.length === 0)) this.keyErrors('propertyInvalidDtmi', id, key, keyLine);
        else if (c === 'invalidDtmi') this.keepUndefined(el, key, value);
        else if (c === 'notDtmiNorTerm' && (v === 3 || undefinedTypes.length === 0)) this.keyErrors('propertyNotDtmiNorTerm', id, key, keyLine);
        else if (undefinedTypes.length === 0) this.keyErrors(c === 'dtmi' ? 'propertyIrrelevantDtmiOrTerm' : 'propertyUndefinedTerm', id, key, keyLine);
        else this.keepUndefined(el, key, value);
        continue;
      }
      if (el.props.has(prop)) {
        this.err('duplicatePropertyName', { primaryId: id, property: prop, line: keyLine });
        continue;
      }
      if (prop !== key) el.propLines = el.propLines.with(prop, keyLine);
      const before = this.sink.errors.length;
      const flat = Array.isArray(value) && (value as readonly Json[]).some((x) => Array.isArray(x)) ? flattenArray(this, value as readonly Json[]) : value;
      const read = readProp(this, el, def, flat, ctx, depth, keyLine);
      // Nested elements set their own type state: restore this element's.
      this.typeState = typeState;
      if (read !== null) el.props.set(prop, read);
      else if (this.sink.errors.length > before) (errored ??= new Set()).add(prop);
    }
    for (const d of requiredProps(cls)) {
      if (!el.props.has(d.name) && errored?.has(d.name) !== true) {
        if (d.name === 'name' && parent !== null && parent.index !== null) {
          // Contents and other named lists are keyed by name: without one the element has no key.
          // With an @id, only the missing name (the corpus's InterfaceTelemetryWithIdNoName also
          // lists the missing key, but TelemetryNoName, the same input, does not).
          if (!idGiven) {
            this.err('missingDtmiSegPropertyValue', { primaryId: parent.id, property: parent.prop, line });
            continue;
          }
        }
        this.err(d.kind.k === 'elements' ? 'missingObjectProperty' : 'missingLiteralProperty', { primaryId: id, property: d.name, line });
      }
    }
    if (semanticTypes.length > 0 && cls.semantic) {
      if (!el.props.has('unit') && errored?.has('unit') !== true) this.err('missingSupplementalObjectProperty', { primaryId: id, property: 'unit', line });
      const schemaRef = el.props.get('schema');
      const sid = schemaRef?.t === 'refs' ? schemaRef.items[0]?.id : undefined;
      if (sid !== undefined && !/^dtmi:dtdl:instance:Schema:(?:double|float|integer|long);\d$/.test(sid)) {
        this.err('notRequiredType', { primaryId: id, property: 'schema', value: sid, line: el.propLines.get('schema') ?? line });
      }
    }
    if (centralTypes.length > 0) checkCentralSchema(this, el, centralTypes);
    // DTDL v2 tolerates an undefined co-type on a valid element only; on one in error it is
    // reported too, since it might be the type that was meant.
    if (v === 2 && undefinedTypes.length > 0 && this.sink.errors.length > errorsAfterTypes) {
      for (const t of undefinedTypes) this.err('typeUndefinedTerm', { primaryId: id, value: t, line: typeLine });
    }
    return id;
  }

  /** A property key no type allows: the specific problem, plus noTypeThatAllows. */
  private keyErrors(kind: string, id: string, key: string, line: number): void {
    this.err(kind, { primaryId: id, property: key, line });
    // When a co-type was itself rejected, or is undefined, it might have been the owner: do not
    // add noTypeThatAllows.
    if (!this.typeState.rejected && !this.typeState.undefinedCotype) this.err(this.noOwner(), { primaryId: id, property: key, line });
  }

  /** The "no type allows this property" kind: the official parser names inferred types apart. */
  private noOwner(): string {
    return this.typeState.inferred ? 'inferredTypeDoesNotAllow' : 'noTypeThatAllows';
  }

  /** Keeps a property of an undefined co-type (the element's map is created on first use). */
  private keepUndefined(el: RawElement, key: string, value: Json): void {
    if (el.undefinedProps === noUndefinedProps) el.undefinedProps = {};
    el.undefinedProps[key] = value;
  }

  /** How the current element's @type was read (a co-type rejected, the type inferred, an undefined co-type). */
  private typeState: TypeState = { rejected: false, inferred: false, undefinedCotype: false };
}

export { generatedId, primitiveId } from './read-props';
