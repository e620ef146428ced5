// The DTDL v2 and v3 metamodel as tables: material classes, their properties and the limits the
// specifications put on them. The parser is driven by these tables, so one rule lives in one row.

import type { DtdlVersion } from './types';

/** DTDL material classes (the concrete @type values). */
export type MaterialClass =
  | 'Interface'
  | 'Telemetry'
  | 'Property'
  | 'Command'
  | 'Relationship'
  | 'Component'
  | 'CommandPayload'
  | 'CommandRequest'
  | 'CommandResponse'
  | 'Array'
  | 'Enum'
  | 'EnumValue'
  | 'Map'
  | 'MapKey'
  | 'MapValue'
  | 'Object'
  | 'Field';

/** How a property's value is read. */
export type PropKind =
  | { readonly k: 'string'; readonly maxLength?: number; readonly pattern?: RegExp }
  | { readonly k: 'langString'; readonly maxLength: number }
  | { readonly k: 'boolean' }
  | { readonly k: 'integer'; readonly min?: number; readonly max?: number; readonly exact?: number }
  /** enumValue: an integer or a string */
  | { readonly k: 'enumLiteral' }
  /** nested elements (objects) or DTMI references to elements */
  | { readonly k: 'elements'; readonly range: readonly MaterialClass[]; readonly schema?: 'any' | 'string' | 'enumValueSchema' }
  /** a DTMI reference that need not resolve (Relationship.target) */
  | { readonly k: 'dtmi' }
  /** an instance term (commandType) */
  | { readonly k: 'instance'; readonly values: readonly string[] };

/** One property of a class. */
export interface PropDef {
  readonly name: string;
  readonly kind: PropKind;
  readonly required?: boolean;
  /** Plural properties take arrays; singular ones take one value. */
  readonly plural?: boolean;
  readonly minCount?: number;
  readonly maxCount?: number;
}

/** One material class. */
export interface ClassDef {
  readonly name: MaterialClass;
  readonly props: ReadonlyMap<string, PropDef>;
  /** Needs a name (NamedEntity). */
  readonly named: boolean;
  /** A partition (top-level) class. */
  readonly rootable: boolean;
  /** Complex schema (counts toward nesting depth). */
  readonly complexSchema: boolean;
  /** Can carry a semantic type (and then `unit`). */
  readonly semantic: boolean;
}

/** Primitive schema terms by version. */
export const primitiveSchemas: readonly string[] = ['boolean', 'date', 'dateTime', 'double', 'duration', 'float', 'integer', 'long', 'string', 'time'];
/** Geospatial schema terms (both versions). */
export const geospatialSchemas: readonly string[] = ['point', 'lineString', 'polygon', 'multiPoint', 'multiLineString', 'multiPolygon'];

/** Name pattern of named entities. */
export const namePattern = /^[a-zA-Z](?:[a-zA-Z0-9_]*[a-zA-Z0-9])?$/;

/** Version-dependent limits. */
export interface Limits {
  readonly nameMaxLength: number;
  readonly displayNameMaxLength: number;
  readonly descriptionMaxLength: number;
  readonly commentMaxLength: number;
  readonly dtmiMaxLength: number;
  readonly interfaceIdMaxLength: number;
  readonly maxSchemaDepth: number;
  readonly maxExtendsDepth: number;
  readonly maxExtendsPerInterface?: number;
  readonly maxContentsPerInterface?: number;
  readonly maxHierarchySize?: number;
  readonly maxEnumValues?: number;
  readonly minEnumValues?: number;
  readonly maxFields?: number;
  readonly maxRelationshipProperties?: number;
  readonly maxMultiplicity?: number;
}

/** Limits of DTDL v2 and v3. */
export const limits: Readonly<Record<DtdlVersion, Limits>> = {
  2: {
    nameMaxLength: 64,
    displayNameMaxLength: 64,
    descriptionMaxLength: 512,
    commentMaxLength: 512,
    dtmiMaxLength: 2048,
    interfaceIdMaxLength: 128,
    maxSchemaDepth: 5,
    maxExtendsDepth: 10,
    maxExtendsPerInterface: 2,
    maxContentsPerInterface: 300,
    maxEnumValues: 100,
    minEnumValues: 1,
    maxFields: 30,
    maxRelationshipProperties: 300,
    maxMultiplicity: 500,
  },
  3: {
    nameMaxLength: 512,
    displayNameMaxLength: 512,
    descriptionMaxLength: 512,
    commentMaxLength: 512,
    dtmiMaxLength: 2048,
    interfaceIdMaxLength: 128,
    maxSchemaDepth: 5,
    maxExtendsDepth: 10,
    maxHierarchySize: 1024,
  },
};

const CONTENT: readonly MaterialClass[] = ['Telemetry', 'Property', 'Command', 'Relationship', 'Component'];
const COMPLEX: readonly MaterialClass[] = ['Array', 'Enum', 'Map', 'Object'];

function p(name: string, kind: PropKind, extra: Partial<Omit<PropDef, 'name' | 'kind'>> = {}): PropDef {
  return { name, kind, ...extra };
}

function makeClasses(v: DtdlVersion): ReadonlyMap<MaterialClass, ClassDef> {
  const L = limits[v];
  const common = [
    p('comment', { k: 'string', maxLength: L.commentMaxLength }),
    p('description', { k: 'langString', maxLength: L.descriptionMaxLength }),
    p('displayName', { k: 'langString', maxLength: L.displayNameMaxLength }),
  ];
  const name = p('name', { k: 'string', maxLength: L.nameMaxLength, pattern: namePattern }, { required: true });
  const schema = p('schema', { k: 'elements', range: COMPLEX, schema: 'any' }, { required: true });
  const payload: MaterialClass[] = v === 2 ? ['CommandPayload'] : [];
  const defs: Array<[MaterialClass, PropDef[], Partial<Omit<ClassDef, 'name' | 'props'>>]> = [
    [
      'Interface',
      [
        p('contents', { k: 'elements', range: CONTENT }, { plural: true, maxCount: L.maxContentsPerInterface }),
        p('extends', { k: 'elements', range: ['Interface'] }, { plural: true, maxCount: L.maxExtendsPerInterface }),
        p('schemas', { k: 'elements', range: COMPLEX }, { plural: true }),
      ],
      { rootable: true, named: false },
    ],
    ['Telemetry', [name, schema], { semantic: true }],
    ['Property', [name, schema, p('writable', { k: 'boolean' })], { semantic: true }],
    [
      'Command',
      [
        name,
        p('commandType', { k: 'instance', values: ['synchronous', 'asynchronous'] }),
        p('request', { k: 'elements', range: v === 2 ? payload : ['CommandRequest'] }),
        p('response', { k: 'elements', range: v === 2 ? payload : ['CommandResponse'] }),
      ],
      {},
    ],
    ['CommandPayload', [name, schema], {}],
    ['CommandRequest', [name, schema], { semantic: true }],
    ['CommandResponse', [name, schema], { semantic: true }],
    [
      'Relationship',
      [
        name,
        p('minMultiplicity', { k: 'integer', exact: 0 }),
        p('maxMultiplicity', { k: 'integer', min: 1, max: L.maxMultiplicity }),
        p('properties', { k: 'elements', range: ['Property'] }, { plural: true, maxCount: L.maxRelationshipProperties }),
        p('target', { k: 'dtmi' }),
        p('writable', { k: 'boolean' }),
      ],
      {},
    ],
    ['Component', [name, p('schema', { k: 'elements', range: ['Interface'] }, { required: true })], {}],
    ['Array', [p('elementSchema', { k: 'elements', range: COMPLEX, schema: 'any' }, { required: true })], { complexSchema: true, named: false }],
    [
      'Enum',
      [
        p('valueSchema', { k: 'elements', range: [], schema: 'enumValueSchema' }, { required: true }),
        p('enumValues', { k: 'elements', range: ['EnumValue'] }, { plural: true, required: v === 2, minCount: L.minEnumValues, maxCount: L.maxEnumValues }),
      ],
      { complexSchema: true, named: false },
    ],
    ['EnumValue', [name, p('enumValue', { k: 'enumLiteral' }, { required: true })], {}],
    [
      'Map',
      [
        p('mapKey', { k: 'elements', range: ['MapKey'] }, { required: true }),
        p('mapValue', { k: 'elements', range: ['MapValue'] }, { required: true }),
      ],
      { complexSchema: true, named: false },
    ],
    ['MapKey', [name, p('schema', { k: 'elements', range: [], schema: 'string' }, { required: true })], {}],
    ['MapValue', [name, schema], { semantic: v === 3 }],
    ['Object', [p('fields', { k: 'elements', range: ['Field'] }, { plural: true, required: v === 2, minCount: v === 2 ? 1 : undefined, maxCount: L.maxFields })], { complexSchema: true, named: false }],
    ['Field', [name, schema], { semantic: v === 3 }],
  ];
  const out = new Map<MaterialClass, ClassDef>();
  for (const [cls, props, flags] of defs) {
    if (v === 2 && (cls === 'CommandRequest' || cls === 'CommandResponse')) continue;
    if (v === 3 && cls === 'CommandPayload') continue;
    const all = [...common, ...props];
    out.set(cls, {
      name: cls,
      props: new Map(all.map((d) => [d.name, d])),
      named: flags.named ?? true,
      rootable: flags.rootable ?? false,
      complexSchema: flags.complexSchema ?? false,
      semantic: flags.semantic ?? false,
    });
  }
  return out;
}

/** Class tables by version. */
export const classes: Readonly<Record<DtdlVersion, ReadonlyMap<MaterialClass, ClassDef>>> = { 2: makeClasses(2), 3: makeClasses(3) };

/** Abstract DTDL class terms (defined, but not usable as @type). */
export const abstractClasses: ReadonlySet<string> = new Set([
  'Entity',
  'NamedEntity',
  'Content',
  'Schema',
  'ComplexSchema',
  'PrimitiveSchema',
  'NumericSchema',
  'TemporalSchema',
  'SchemaField',
  'CommandPayload',
  'CommandType',
  'LatentType',
  'NamedLatentType',
  'SemanticType',
  'SemanticUnit',
  'Unit',
  'UnitAttribute',
  'AdjunctType',
  'Alias',
  'Boolean',
  'Date',
  'DateTime',
  'Double',
  'Duration',
  'Float',
  'Integer',
  'Long',
  'String',
  'Time',
]);

/** Every property term the core contexts define (any class), by version. */
export const coreProperties: Readonly<Record<DtdlVersion, ReadonlySet<string>>> = {
  2: new Set([...Array.from(classes[2].values()).flatMap((c) => [...c.props.keys()]), 'unit', 'baseUnit', 'bottomUnit', 'topUnit', 'exponent', 'prefix', 'symbol', 'languageMajorVersion']),
  3: new Set([...Array.from(classes[3].values()).flatMap((c) => [...c.props.keys()]), 'languageMajorVersion', 'aliasFor', 'exponent', 'symbol']),
};

/** Instance terms of the core contexts (schemas and command types). */
export const coreInstances: ReadonlySet<string> = new Set([...primitiveSchemas, ...geospatialSchemas, 'synchronous', 'asynchronous']);

/** A property contributed by a co-type (unit, annotates, overrides), if one of the element's co-types contributes it. */
export function supplementalProp(prop: string, semanticTypes: readonly string[], adjuncts: readonly string[], v: DtdlVersion): PropDef | undefined {
  // IoT Central's vector types take an optional unit.
  if (prop === 'unit' && (semanticTypes.length > 0 || adjuncts.includes('AccelerationVector') || adjuncts.includes('VelocityVector'))) return { name: 'unit', kind: { k: 'instance', values: [] } };
  if (v === 3 && prop === 'annotates' && adjuncts.includes('ValueAnnotation')) return { name: 'annotates', kind: { k: 'string', pattern: /^[a-zA-Z](?:[a-zA-Z0-9_]*[a-zA-Z0-9])?$/ }, required: true };
  if (v === 3 && prop === 'overrides' && adjuncts.includes('Override')) return { name: 'overrides', kind: { k: 'string' }, required: true };
  return undefined;
}
