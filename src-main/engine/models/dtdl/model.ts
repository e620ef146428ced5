// Stage 5: builds the immutable public object model from a validated element set. Schemas are
// shared objects (one per id); the walk is memoized and every object is frozen.

import type { ElementGraph } from './element-graph';
import type { RawElement, RawRef } from './raw';
import { refsOf, stringOf } from './raw';
import type {
  ArraySchema,
  Command,
  CommandPayload,
  Component,
  Content,
  ElementBase,
  EnumSchema,
  EnumValue,
  Field,
  Interface,
  MapSchema,
  ObjectSchema,
  PrimitiveSchema,
  PrimitiveSchemaName,
  Property,
  Relationship,
  Schema,
  Telemetry,
  UnitEnumSchema,
} from './types';
import { unitsQt } from './units';

// Most elements have no supplemental or undefined types and properties: they share these frozen
// empty values instead of allocating their own (large sets have tens of thousands of elements).
const noStrings: readonly string[] = Object.freeze([]);
const noProps: Readonly<Record<string, unknown>> = Object.freeze({});
const supplementalKeys = ['unit', 'annotates', 'overrides'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** Builds the Interfaces of a validated graph. */
export function buildModel(g: ElementGraph): Map<string, Interface> {
  return new ModelBuilder(g).run();
}

class ModelBuilder {
  private readonly schemas = new Map<string, Schema>();
  private readonly interfaces = new Map<string, Interface>();

  constructor(private readonly g: ElementGraph) {}

  run(): Map<string, Interface> {
    for (const e of this.g.all) if (e.cls === 'Interface' && !this.interfaces.has(e.id) && this.g.get(e.id) === e) this.iface(e);
    return this.interfaces;
  }

  /**
   * The fields every element has, in a fresh object the caller completes and freezes (filling
   * one object instead of spreading a base into a second one).
   */
  private base<T extends ElementBase>(e: RawElement): Mutable<T> {
    let supplementalProperties: Record<string, unknown> | null = null;
    for (const k of supplementalKeys) {
      const v = stringOf(e, k);
      if (v !== undefined) (supplementalProperties ??= {})[k] = v;
    }
    const types = e.semanticTypes.length + e.adjunctTypes.length > 0 ? Object.freeze([...e.semanticTypes, ...e.adjunctTypes]) : noStrings;
    const out: Mutable<ElementBase> = {
      id: e.id,
      dtdlVersion: e.version,
      supplementalTypes: types,
      undefinedTypes: e.undefinedTypes.length > 0 ? Object.freeze([...e.undefinedTypes]) : noStrings,
      supplementalProperties: supplementalProperties !== null ? Object.freeze(supplementalProperties) : noProps,
      undefinedProperties: hasKeys(e.undefinedProps) ? Object.freeze({ ...e.undefinedProps }) : noProps,
      documentIndex: e.docIndex,
    };
    const dn = e.props.get('displayName');
    // Language maps are fresh objects of the element's own (read-values.ts): frozen, not copied.
    if (dn?.t === 'lang') out.displayName = Object.freeze(dn.v);
    const ds = e.props.get('description');
    if (ds?.t === 'lang') out.description = Object.freeze(ds.v);
    const cm = stringOf(e, 'comment');
    if (cm !== undefined) out.comment = cm;
    return out as Mutable<T>;
  }

  private iface(e: RawElement): Interface {
    const hit = this.interfaces.get(e.id);
    if (hit !== undefined) return hit;
    const contents: Content[] = [];
    for (const r of refsOf(e, 'contents')) {
      const c = this.g.get(r.id);
      if (c !== undefined) {
        const built = this.content(c);
        if (built !== null) contents.push(built);
      }
    }
    const schemas: Schema[] = [];
    for (const r of refsOf(e, 'schemas')) schemas.push(this.schema(r));
    const out = this.base<Interface>(e);
    out.kind = 'Interface';
    out.extends = Object.freeze(refsOf(e, 'extends').map((r) => r.id));
    out.contents = Object.freeze(contents);
    out.schemas = Object.freeze(schemas);
    this.interfaces.set(e.id, Object.freeze(out));
    return out;
  }

  private content(c: RawElement): Content | null {
    const name = stringOf(c, 'name') ?? '';
    const unit = stringOf(c, 'unit');
    switch (c.cls) {
      case 'Telemetry': {
        const t = this.base<Telemetry>(c);
        t.kind = 'Telemetry';
        t.name = name;
        t.schema = this.schemaOf(c, 'schema');
        if (unit !== undefined) t.unit = unit;
        return Object.freeze(t);
      }
      case 'Property':
        return this.property(c);
      case 'Command': {
        const req = refsOf(c, 'request')[0];
        const res = refsOf(c, 'response')[0];
        const ct = stringOf(c, 'commandType');
        const cmd = this.base<Command>(c);
        cmd.kind = 'Command';
        cmd.name = name;
        if (ct === 'synchronous' || ct === 'asynchronous') cmd.commandType = ct;
        if (req !== undefined) cmd.request = this.payload(req);
        if (res !== undefined) cmd.response = this.payload(res);
        return Object.freeze(cmd);
      }
      case 'Relationship': {
        const target = refsOf(c, 'target')[0]?.id;
        const min = c.props.get('minMultiplicity');
        const max = c.props.get('maxMultiplicity');
        const w = c.props.get('writable');
        const props: Property[] = [];
        for (const r of refsOf(c, 'properties')) {
          const p = this.g.get(r.id);
          if (p !== undefined && p.cls === 'Property') props.push(this.property(p));
        }
        const rel = this.base<Relationship>(c);
        rel.kind = 'Relationship';
        rel.name = name;
        if (target !== undefined) rel.target = target;
        if (min?.t === 'integer') rel.minMultiplicity = min.v;
        if (max?.t === 'integer') rel.maxMultiplicity = max.v;
        rel.properties = Object.freeze(props);
        rel.writable = w?.t === 'boolean' ? w.v : false;
        return Object.freeze(rel);
      }
      case 'Component': {
        const comp = this.base<Component>(c);
        comp.kind = 'Component';
        comp.name = name;
        comp.schema = refsOf(c, 'schema')[0]?.id ?? '';
        return Object.freeze(comp);
      }
      default:
        return null;
    }
  }

  private property(c: RawElement): Property {
    const w = c.props.get('writable');
    const unit = stringOf(c, 'unit');
    const p = this.base<Property>(c);
    p.kind = 'Property';
    p.name = stringOf(c, 'name') ?? '';
    p.schema = this.schemaOf(c, 'schema');
    p.writable = w?.t === 'boolean' ? w.v : false;
    if (unit !== undefined) p.unit = unit;
    return Object.freeze(p);
  }

  private payload(r: RawRef): CommandPayload {
    const e = this.g.get(r.id) as RawElement;
    const p = this.base<CommandPayload>(e);
    p.kind = 'CommandPayload';
    p.name = stringOf(e, 'name') ?? '';
    p.schema = this.schemaOf(e, 'schema');
    return Object.freeze(p);
  }

  private schemaOf(e: RawElement, prop: string): Schema {
    const r = refsOf(e, prop)[0];
    return r === undefined ? this.primitive('dtmi:dtdl:instance:Schema:string;' + e.version) : this.schema(r);
  }

  private primitive(id: string): PrimitiveSchema {
    const hit = this.schemas.get(id);
    if (hit !== undefined) return hit as PrimitiveSchema;
    const m = /(?:Schema|geospatial|iotcentral:schema):([A-Za-z]+);(\d)$/.exec(id);
    const s: PrimitiveSchema = Object.freeze({
      id,
      kind: 'Primitive',
      name: (m?.[1] ?? 'string') as PrimitiveSchemaName,
      dtdlVersion: m?.[2] === '2' ? 2 : 3,
      supplementalTypes: [],
      undefinedTypes: [],
      supplementalProperties: {},
      undefinedProperties: {},
      documentIndex: -1,
    });
    this.schemas.set(id, s);
    return s;
  }

  private schema(r: RawRef): Schema {
    const hit = this.schemas.get(r.id);
    if (hit !== undefined) return hit;
    if (r.id.startsWith('dtmi:dtdl:instance:Schema:') || r.id.startsWith('dtmi:standard:schema:geospatial:') || r.id.startsWith('dtmi:iotcentral:schema:')) return this.primitive(r.id);
    if (r.id.startsWith('dtmi:dtdl:extension:quantitativeTypes:v1:enum:')) {
      const name = r.id.slice(r.id.lastIndexOf(':') + 1);
      const units = [...unitsQt.units].filter(([, cls]) => cls === name).map(([u]) => u);
      const s: UnitEnumSchema = Object.freeze({
        id: r.id,
        kind: 'UnitEnum',
        name,
        units: Object.freeze(units),
        dtdlVersion: 3,
        supplementalTypes: [],
        undefinedTypes: [],
        supplementalProperties: {},
        undefinedProperties: {},
        documentIndex: -1,
      });
      this.schemas.set(r.id, s);
      return s;
    }
    const e = this.g.get(r.id);
    if (e === undefined) return this.primitive('dtmi:dtdl:instance:Schema:string;3');
    // Placeholder guards against (already reported) cycles.
    this.schemas.set(r.id, this.primitive(`dtmi:dtdl:instance:Schema:string;${e.version}`));
    let s: Schema;
    switch (e.cls) {
      case 'Array': {
        const a = this.base<ArraySchema>(e);
        a.kind = 'Array';
        a.elementSchema = this.schemaOf(e, 'elementSchema');
        s = Object.freeze(a);
        break;
      }
      case 'Enum': {
        const values: EnumValue[] = [];
        for (const vr of refsOf(e, 'enumValues')) {
          const ve = this.g.get(vr.id);
          const lit = ve?.props.get('enumValue');
          if (ve === undefined) continue;
          const v = this.base<EnumValue>(ve);
          v.kind = 'EnumValue';
          v.name = stringOf(ve, 'name') ?? '';
          v.enumValue = lit?.t === 'enumLiteral' ? lit.v : '';
          values.push(Object.freeze(v));
        }
        const vs = refsOf(e, 'valueSchema')[0]?.id ?? '';
        const en = this.base<EnumSchema>(e);
        en.kind = 'Enum';
        en.valueSchema = vs.includes(':integer;') ? 'integer' : 'string';
        en.enumValues = Object.freeze(values);
        s = Object.freeze(en);
        break;
      }
      case 'Map': {
        const part = (prop: string): { id: string; name: string; schema: Schema } => {
          const pr = refsOf(e, prop)[0];
          const pe = pr !== undefined ? this.g.get(pr.id) : undefined;
          return Object.freeze({ id: pe?.id ?? '', name: pe !== undefined ? (stringOf(pe, 'name') ?? '') : '', schema: pe !== undefined ? this.schemaOf(pe, 'schema') : this.primitive('dtmi:dtdl:instance:Schema:string;3') });
        };
        const m = this.base<MapSchema>(e);
        m.kind = 'Map';
        m.mapKey = part('mapKey');
        m.mapValue = part('mapValue');
        s = Object.freeze(m);
        break;
      }
      case 'Object': {
        const fields: Field[] = [];
        for (const fr of refsOf(e, 'fields')) {
          const fe = this.g.get(fr.id);
          if (fe === undefined) continue;
          const f = this.base<Field>(fe);
          f.kind = 'Field';
          f.name = stringOf(fe, 'name') ?? '';
          f.schema = this.schemaOf(fe, 'schema');
          fields.push(Object.freeze(f));
        }
        const o = this.base<ObjectSchema>(e);
        o.kind = 'Object';
        o.fields = Object.freeze(fields);
        s = Object.freeze(o);
        break;
      }
      default:
        s = this.primitive(`dtmi:dtdl:instance:Schema:string;${e.version}`);
    }
    this.schemas.set(r.id, s);
    return s;
  }
}
