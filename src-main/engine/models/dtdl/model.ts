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

  private base(e: RawElement): Omit<ElementBase, 'supplementalTypes'> & { supplementalTypes: readonly string[] } {
    let supplementalProperties: Record<string, unknown> | null = null;
    for (const k of supplementalKeys) {
      const v = stringOf(e, k);
      if (v !== undefined) (supplementalProperties ??= {})[k] = v;
    }
    const types = e.semanticTypes.length + e.adjunctTypes.length > 0 ? Object.freeze([...e.semanticTypes, ...e.adjunctTypes]) : noStrings;
    const out: { -readonly [K in keyof ElementBase]: ElementBase[K] } = {
      id: e.id,
      dtdlVersion: e.version,
      supplementalTypes: types,
      undefinedTypes: e.undefinedTypes.length > 0 ? Object.freeze([...e.undefinedTypes]) : noStrings,
      supplementalProperties: supplementalProperties !== null ? Object.freeze(supplementalProperties) : noProps,
      undefinedProperties: hasKeys(e.undefinedProps) ? Object.freeze({ ...e.undefinedProps }) : noProps,
      documentIndex: e.docIndex,
    };
    if (e.start !== undefined) out.line = e.start;
    const dn = e.props.get('displayName');
    if (dn?.t === 'lang') out.displayName = Object.freeze({ ...dn.v });
    const ds = e.props.get('description');
    if (ds?.t === 'lang') out.description = Object.freeze({ ...ds.v });
    const cm = stringOf(e, 'comment');
    if (cm !== undefined) out.comment = cm;
    return out;
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
    const out: Interface = Object.freeze({
      ...this.base(e),
      kind: 'Interface',
      extends: Object.freeze(refsOf(e, 'extends').map((r) => r.id)),
      contents: Object.freeze(contents),
      schemas: Object.freeze(schemas),
    });
    this.interfaces.set(e.id, out);
    return out;
  }

  private content(c: RawElement): Content | null {
    const name = stringOf(c, 'name') ?? '';
    const unit = stringOf(c, 'unit');
    switch (c.cls) {
      case 'Telemetry': {
        const t: Telemetry = { ...this.base(c), kind: 'Telemetry', name, schema: this.schemaOf(c, 'schema'), ...(unit !== undefined ? { unit } : {}) };
        return Object.freeze(t);
      }
      case 'Property':
        return this.property(c);
      case 'Command': {
        const req = refsOf(c, 'request')[0];
        const res = refsOf(c, 'response')[0];
        const ct = stringOf(c, 'commandType');
        const cmd: Command = {
          ...this.base(c),
          kind: 'Command',
          name,
          ...(ct === 'synchronous' || ct === 'asynchronous' ? { commandType: ct } : {}),
          ...(req !== undefined ? { request: this.payload(req) } : {}),
          ...(res !== undefined ? { response: this.payload(res) } : {}),
        };
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
        const rel: Relationship = {
          ...this.base(c),
          kind: 'Relationship',
          name,
          ...(target !== undefined ? { target } : {}),
          ...(min?.t === 'integer' ? { minMultiplicity: min.v } : {}),
          ...(max?.t === 'integer' ? { maxMultiplicity: max.v } : {}),
          properties: Object.freeze(props),
          writable: w?.t === 'boolean' ? w.v : false,
        };
        return Object.freeze(rel);
      }
      case 'Component': {
        const comp: Component = { ...this.base(c), kind: 'Component', name, schema: refsOf(c, 'schema')[0]?.id ?? '' };
        return Object.freeze(comp);
      }
      default:
        return null;
    }
  }

  private property(c: RawElement): Property {
    const w = c.props.get('writable');
    const unit = stringOf(c, 'unit');
    return Object.freeze({
      ...this.base(c),
      kind: 'Property',
      name: stringOf(c, 'name') ?? '',
      schema: this.schemaOf(c, 'schema'),
      writable: w?.t === 'boolean' ? w.v : false,
      ...(unit !== undefined ? { unit } : {}),
    });
  }

  private payload(r: RawRef): CommandPayload {
    const e = this.g.get(r.id) as RawElement;
    return Object.freeze({ ...this.base(e), kind: 'CommandPayload', name: stringOf(e, 'name') ?? '', schema: this.schemaOf(e, 'schema') });
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
      case 'Array':
        s = Object.freeze({ ...this.base(e), kind: 'Array', elementSchema: this.schemaOf(e, 'elementSchema') } satisfies ArraySchema);
        break;
      case 'Enum': {
        const values: EnumValue[] = [];
        for (const vr of refsOf(e, 'enumValues')) {
          const ve = this.g.get(vr.id);
          const lit = ve?.props.get('enumValue');
          if (ve === undefined) continue;
          values.push(Object.freeze({ ...this.base(ve), kind: 'EnumValue', name: stringOf(ve, 'name') ?? '', enumValue: lit?.t === 'enumLiteral' ? lit.v : '' }));
        }
        const vs = refsOf(e, 'valueSchema')[0]?.id ?? '';
        s = Object.freeze({ ...this.base(e), kind: 'Enum', valueSchema: vs.includes(':integer;') ? 'integer' : 'string', enumValues: Object.freeze(values) } satisfies EnumSchema);
        break;
      }
      case 'Map': {
        const part = (prop: string): { id: string; name: string; schema: Schema } => {
          const pr = refsOf(e, prop)[0];
          const pe = pr !== undefined ? this.g.get(pr.id) : undefined;
          return Object.freeze({ id: pe?.id ?? '', name: pe !== undefined ? (stringOf(pe, 'name') ?? '') : '', schema: pe !== undefined ? this.schemaOf(pe, 'schema') : this.primitive('dtmi:dtdl:instance:Schema:string;3') });
        };
        s = Object.freeze({ ...this.base(e), kind: 'Map', mapKey: part('mapKey'), mapValue: part('mapValue') } satisfies MapSchema);
        break;
      }
      case 'Object': {
        const fields: Field[] = [];
        for (const fr of refsOf(e, 'fields')) {
          const fe = this.g.get(fr.id);
          if (fe !== undefined) fields.push(Object.freeze({ ...this.base(fe), kind: 'Field', name: stringOf(fe, 'name') ?? '', schema: this.schemaOf(fe, 'schema') }));
        }
        s = Object.freeze({ ...this.base(e), kind: 'Object', fields: Object.freeze(fields) } satisfies ObjectSchema);
        break;
      }
      default:
        s = this.primitive(`dtmi:dtdl:instance:Schema:string;${e.version}`);
    }
    this.schemas.set(r.id, s);
    return s;
  }
}
