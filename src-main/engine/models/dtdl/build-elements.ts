// Stage 2: walks one document and turns every JSON object that is a DTDL element into a
// RawElement, checking the rules that can be checked locally: keywords, @id syntax, @type
// terms and co-types, which properties a class allows, literal values and counts. References
// between elements are only recorded here; stage 3 resolves them.

import { readContext, termTable, type ActiveContext, type TermMeaning } from './context';
import { parseDtmi } from './dtmi';
import type { Json, JsonObject, LineIndex } from './json-source';
import { classes, limits, type ClassDef, type MaterialClass, type PropDef } from './metamodel';
import { makeError, type ErrorInit, type RawElement } from './raw';
import { classifyUnknown, generatedId, isInferable, isObj, readProp, type Parent, type PropReaderHost } from './read-props';
import type { DtdlError } from './types';

/** Options the build stage needs. */
export interface BuildOptions {
  readonly allowUndefinedExtensions: boolean;
  readonly maxDtdlVersion?: number;
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
    if ('@graph' in node && raw !== undefined) {
      this.err('topLevelGraphDisallowed', { line });
      return;
    }
    if (raw === undefined) {
      this.err('missingContext', { line, primaryId: typeof node['@id'] === 'string' ? node['@id'] : undefined });
      return;
    }
    const { ctx, issues } = readContext(raw, null, this.opts);
    const ctxLine = this.lines.keyLine(node, '@context');
    for (const i of issues) this.err(i.kind, { value: i.value, detail: i.detail, line: ctxLine });
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
      for (const i of r.issues) this.err(i.kind, { value: i.value, detail: i.detail, line: this.lines.keyLine(node, '@context') });
      if (r.ctx !== null) ctx = r.ctx;
      if (r.ctx !== null && (r.ctx.version > inherited.version || (r.ctx.version < inherited.version && !downgradable.has(parent.prop)))) this.err('inconsistentContext', { primaryId: parent.id, value: `dtmi:dtdl:context;${r.ctx.version}`, line });
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
      } else {
        if (rawId.length > lim.dtmiMaxLength) this.err('idTooLong', { value: rawId, line: idLine, detail: String(lim.dtmiMaxLength) });
        if (parts.isReserved) {
          this.err('invalidId', { value: rawId, line: idLine });
          idValid = false;
        } else if (rawId.startsWith('dtmi:dtdl:') || rawId.startsWith('dtmi:standard:')) this.err('reservedId', { value: rawId, line: idLine });
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
    const semanticTypes: string[] = [];
    const adjunctTypes: string[] = [];
    const undefinedTypes: string[] = [];
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
      const list: Json[] = Array.isArray(rawType) ? [...(rawType as readonly Json[])] : [rawType];
      if (list.length === 0) {
        this.err('badType', { primaryId: parent?.id, property: parent?.prop, line: typeLine });
        return null;
      }
      const materials: MaterialClass[] = [];
      const abstracts: string[] = [];
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
          else undefinedTypes.push(t);
          continue;
        }
        if (m.t === 'class') {
          if (!materials.includes(m.name as MaterialClass)) materials.push(m.name as MaterialClass);
        } else if (m.t === 'semanticType') {
          if (!semanticTypes.includes(m.name)) semanticTypes.push(m.name);
        } else if (m.t === 'adjunct') {
          if (!adjunctTypes.includes(m.name)) adjunctTypes.push(m.name);
        } else if (m.t === 'abstract') abstracts.push(t);
        else if (!ctx.hasUndefinedExtension) this.err('typeIrrelevantDtmiOrTerm', { primaryId: id, value: t, line: typeLine });
        else undefinedTypes.push(t);
      }
      if (materials.length > 1) {
        this.err('multipleMaterialTypes', { primaryId: id, value: materials.join(', '), line: typeLine });
        return null;
      }
      material = materials[0] ?? null;
      if (material === null) {
        if (parent === null) this.err('typeNotRootable', { value: id, line });
        else this.err('badType', { primaryId: parent.id, secondaryId: id, property: parent.prop, value: abstracts[0] ?? semanticTypes[0], line });
        return null;
      }
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
    for (const a of adjunctTypes) {
      const ok = a === 'Historized' ? cls.name === 'Property' || cls.name === 'Telemetry' : cls.name === 'Property' || cls.name === 'Telemetry';
      if (!ok) this.err('invalidCotype', { primaryId: id, value: a, line: typeLine });
    }

    this.rejectedType = this.sink.errors.length > errorsBeforeTypes;
    const el: RawElement = {
      id,
      idGiven,
      cls: cls.name,
      version: v,
      ctx,
      semanticTypes,
      adjunctTypes,
      undefinedTypes,
      props: new Map(),
      undefinedProps: {},
      docIndex: this.docIndex,
      start: line,
      end,
      propLines: new Map(),
      parentId: parent?.id ?? null,
      parentProp: parent?.prop ?? null,
      lines: this.lines,
    };
    this.sink.elements.push(el);

    const errored = new Set<string>();
    for (const [key, value] of Object.entries(node)) {
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
        def = cls.props.get(prop) ?? this.supplementalProp(prop, cls.semantic ? semanticTypes : [], adjunctTypes, v);
        if (def === undefined) {
          if (undefinedTypes.length > 0) {
            el.undefinedProps[key] = value;
            continue;
          }
          this.err('noTypeThatAllows', { primaryId: id, property: key, line: keyLine });
          this.err('propertyIrrelevantDtmiOrTerm', { primaryId: id, property: key, line: keyLine });
          continue;
        }
      } else if (meaning !== undefined) {
        // A defined term that is not a property: only an undefined co-type could own it.
        if (undefinedTypes.length === 0) this.keyErrors('propertyIrrelevantDtmiOrTerm', id, key, keyLine);
        else el.undefinedProps[key] = value;
        continue;
      } else {
        const c = classifyUnknown(key);
        if (c === 'invalidDtmi' && (v === 3 || undefinedTypes.length === 0)) this.keyErrors('propertyInvalidDtmi', id, key, keyLine);
        else if (c === 'invalidDtmi') el.undefinedProps[key] = value;
        else if (c === 'notDtmiNorTerm' && (v === 3 || undefinedTypes.length === 0)) this.keyErrors('propertyNotDtmiNorTerm', id, key, keyLine);
        else if (undefinedTypes.length === 0) this.keyErrors(c === 'dtmi' ? 'propertyIrrelevantDtmiOrTerm' : 'propertyUndefinedTerm', id, key, keyLine);
        else el.undefinedProps[key] = value;
        continue;
      }
      if (el.props.has(prop)) {
        this.err('duplicatePropertyName', { primaryId: id, property: prop, line: keyLine });
        continue;
      }
      el.propLines.set(prop, keyLine);
      const before = this.sink.errors.length;
      const read = readProp(this, el, def, value, ctx, depth, keyLine);
      if (read !== null) el.props.set(prop, read);
      else if (this.sink.errors.length > before) errored.add(prop);
    }
    for (const d of cls.props.values()) {
      if (d.required === true && !el.props.has(d.name) && !errored.has(d.name)) {
        if (d.name === 'name' && parent !== null && parent.index !== null) {
          // Contents and other named lists are keyed by name: without one the element has no key.
          if (!idGiven) {
            this.err('missingDtmiSegPropertyValue', { primaryId: parent.id, property: parent.prop, line });
            continue;
          }
          this.err('missingDictKeyPropertyValue', { primaryId: parent.id, property: parent.prop, line });
        }
        this.err(d.kind.k === 'elements' ? 'missingObjectProperty' : 'missingLiteralProperty', { primaryId: id, property: d.name, line });
      }
    }
    if (semanticTypes.length > 0 && cls.semantic) {
      if (!el.props.has('unit') && !errored.has('unit')) this.err('missingSupplementalObjectProperty', { primaryId: id, property: 'unit', line });
      const schemaRef = el.props.get('schema');
      const sid = schemaRef?.t === 'refs' ? schemaRef.items[0]?.id : undefined;
      if (sid !== undefined && !/^dtmi:dtdl:instance:Schema:(?:double|float|integer|long);\d$/.test(sid)) {
        this.err('notRequiredType', { primaryId: id, property: 'schema', value: sid, line: el.propLines.get('schema') ?? line });
      }
    }
    return id;
  }

  /** A property key no type allows: the specific problem, plus noTypeThatAllows. */
  private keyErrors(kind: string, id: string, key: string, line: number): void {
    this.err(kind, { primaryId: id, property: key, line });
    // When a co-type was itself rejected, it might have been the owner: do not add noTypeThatAllows.
    if (!this.rejectedType) this.err('noTypeThatAllows', { primaryId: id, property: key, line });
  }

  private rejectedType = false;

  /** A property contributed by a co-type (unit, annotates, overrides). */
  private supplementalProp(prop: string, semanticTypes: readonly string[], adjuncts: readonly string[], v: 2 | 3): PropDef | undefined {
    if (prop === 'unit' && semanticTypes.length > 0) return { name: 'unit', kind: { k: 'instance', values: [] } };
    if (v === 3 && prop === 'annotates' && adjuncts.includes('ValueAnnotation')) return { name: 'annotates', kind: { k: 'string', pattern: /^[a-zA-Z](?:[a-zA-Z0-9_]*[a-zA-Z0-9])?$/ }, required: true };
    if (v === 3 && prop === 'overrides' && adjuncts.includes('Override')) return { name: 'overrides', kind: { k: 'string' }, required: true };
    return undefined;
  }

}


export { generatedId, primitiveId } from './read-props';
