// The public, immutable object model produced by parseModels. Every element is tagged with `kind`
// (its DTDL material class) so callers can switch on it or use a Record<Kind, …> visitor.

/** DTDL language major version. */
export type DtdlVersion = 2 | 3;

/** A language-tagged string map, e.g. { en: 'Temperature' }. */
export type LangString = Readonly<Record<string, string>>;

/** Primitive schema terms of DTDL v2 and v3. */
export type PrimitiveSchemaName =
  | 'boolean'
  | 'date'
  | 'dateTime'
  | 'double'
  | 'duration'
  | 'float'
  | 'integer'
  | 'long'
  | 'string'
  | 'time'
  | 'point'
  | 'lineString'
  | 'polygon'
  | 'multiPoint'
  | 'multiLineString'
  | 'multiPolygon'
  /** IoT Central schemas (with dtmi:iotcentral:context;2) */
  | 'geopoint'
  | 'vector';

/** Fields every element has. */
export interface ElementBase {
  /** The element's DTMI (generated from its parent when the document gave none). */
  readonly id: string;
  readonly dtdlVersion: DtdlVersion;
  readonly displayName?: LangString;
  readonly description?: LangString;
  readonly comment?: string;
  /** Co-types that are not the material class: semantic types, Historized, ValueAnnotation, Override, … */
  readonly supplementalTypes: readonly string[];
  /** Co-types the parser does not know (allowed by undefined extension contexts). */
  readonly undefinedTypes: readonly string[];
  /** Properties contributed by supplemental types (e.g. unit, annotates, overrides). */
  readonly supplementalProperties: Readonly<Record<string, unknown>>;
  /** Properties the parser does not know (allowed by undefined extension contexts). */
  readonly undefinedProperties: Readonly<Record<string, unknown>>;
  /** Index of the document the element came from (-1 for built-in elements). */
  readonly documentIndex: number;
}

/** A primitive schema (built-in element). */
export interface PrimitiveSchema extends ElementBase {
  readonly kind: 'Primitive';
  readonly name: PrimitiveSchemaName;
}

/** A unit-enum schema from the quantitativeTypes extension (e.g. TemperatureUnit). */
export interface UnitEnumSchema extends ElementBase {
  readonly kind: 'UnitEnum';
  readonly name: string;
  readonly units: readonly string[];
}

/** An Array schema. */
export interface ArraySchema extends ElementBase {
  readonly kind: 'Array';
  readonly elementSchema: Schema;
}

/** One value of an Enum. */
export interface EnumValue extends ElementBase {
  readonly kind: 'EnumValue';
  readonly name: string;
  readonly enumValue: string | number;
}

/** An Enum schema. */
export interface EnumSchema extends ElementBase {
  readonly kind: 'Enum';
  readonly valueSchema: 'integer' | 'string';
  readonly enumValues: readonly EnumValue[];
}

/** A Map schema. */
export interface MapSchema extends ElementBase {
  readonly kind: 'Map';
  readonly mapKey: { readonly id: string; readonly name: string; readonly schema: Schema };
  readonly mapValue: { readonly id: string; readonly name: string; readonly schema: Schema };
}

/** A field of an Object schema. */
export interface Field extends ElementBase {
  readonly kind: 'Field';
  readonly name: string;
  readonly schema: Schema;
}

/** An Object schema. */
export interface ObjectSchema extends ElementBase {
  readonly kind: 'Object';
  readonly fields: readonly Field[];
}

/** Any schema. */
export type Schema = PrimitiveSchema | UnitEnumSchema | ArraySchema | EnumSchema | MapSchema | ObjectSchema;

/** A Telemetry content. */
export interface Telemetry extends ElementBase {
  readonly kind: 'Telemetry';
  readonly name: string;
  readonly schema: Schema;
  readonly unit?: string;
}

/** A Property content. */
export interface Property extends ElementBase {
  readonly kind: 'Property';
  readonly name: string;
  readonly schema: Schema;
  readonly writable: boolean;
  readonly unit?: string;
}

/** A Command request or response. */
export interface CommandPayload extends ElementBase {
  readonly kind: 'CommandPayload';
  readonly name: string;
  readonly schema: Schema;
}

/** A Command content. */
export interface Command extends ElementBase {
  readonly kind: 'Command';
  readonly name: string;
  readonly commandType?: 'synchronous' | 'asynchronous';
  readonly request?: CommandPayload;
  readonly response?: CommandPayload;
}

/** A Relationship content. */
export interface Relationship extends ElementBase {
  readonly kind: 'Relationship';
  readonly name: string;
  /** Target Interface DTMI; absent means any Interface. It need not resolve. */
  readonly target?: string;
  readonly minMultiplicity?: number;
  readonly maxMultiplicity?: number;
  readonly properties: readonly Property[];
  readonly writable: boolean;
}

/** A Component content. */
export interface Component extends ElementBase {
  readonly kind: 'Component';
  readonly name: string;
  /** DTMI of the component's Interface. */
  readonly schema: string;
}

/** Any content of an Interface. */
export type Content = Telemetry | Property | Command | Relationship | Component;

/** A resolved Interface. */
export interface Interface extends ElementBase {
  readonly kind: 'Interface';
  /** DTMIs of the Interfaces this one extends, in document order. */
  readonly extends: readonly string[];
  /** Contents declared directly on this Interface. */
  readonly contents: readonly Content[];
  /** Schemas declared in the Interface's `schemas` section. */
  readonly schemas: readonly Schema[];
}

/** Tag of every element kind. */
export type ElementKind = Interface['kind'] | Content['kind'] | Schema['kind'] | EnumValue['kind'] | Field['kind'] | CommandPayload['kind'];

/** A content of a flattened Interface, with the Interface that declared it. */
export interface FlatContent {
  readonly content: Content;
  /** DTMI of the Interface that declares the content (the interface itself or an ancestor). */
  readonly declaredIn: string;
  /** True when the content was inherited through `extends`. */
  readonly inherited: boolean;
}

/** One error found while parsing. */
export interface DtdlError {
  /** Official error kind, `dtmi:dtdl:parsingError:<kind>` (or `dtmi:dtdl:resolutionError:unresolved`). */
  readonly validationId: string;
  readonly primaryId?: string;
  readonly secondaryId?: string;
  readonly property?: string;
  readonly value?: string;
  /** Index of the input document the error is in (the resolver's documents follow the inputs). */
  readonly documentIndex?: number;
  /** 1-based line in the original text (or in the 2-space serialization of a JSON value). */
  readonly line?: number;
  /** 1-based column, for malformed JSON. */
  readonly column?: number;
  /** Cause and fix. */
  readonly message: string;
}

/** The result of parseModels. */
export type ParseResult =
  | { readonly ok: true; readonly interfaces: ReadonlyMap<string, Interface>; readonly elementCount: number }
  | { readonly ok: false; readonly errors: readonly DtdlError[] };

/** Resolver callback: receives DTMIs the parser is missing, returns documents (JSON values or text). */
export type DtmiResolver = (dtmis: readonly string[]) => Promise<readonly unknown[] | null | undefined> | readonly unknown[] | null | undefined;

/** Options of parseModels. */
export interface ParseOptions {
  /** Asked for DTMIs that are referenced but not defined; called repeatedly until nothing is missing. */
  readonly resolve?: DtmiResolver;
  /** Accept @context entries for extensions the parser does not know (their terms become undefined types/properties). */
  readonly allowUndefinedExtensions?: boolean;
  /** Reject documents whose DTDL context is newer than this. */
  readonly maxDtdlVersion?: number;
  /**
   * The official parser's ModelParsingQuirk flags: tolerate DTDL v2 solecisms (a reserved
   * `dtmi:dtdl:`/`dtmi:standard:` id, an `{"@id": …}` object in `extends`, contents with the same
   * name and no @id, of which the first is kept) in the documents given to parseModels and/or in
   * those returned by the resolver.
   */
  readonly quirks?: readonly DtdlQuirk[];
}

/** A ModelParsingQuirk of the official parser. */
export type DtdlQuirk = 'TolerateSolecismsInParse' | 'TolerateSolecismsInResolve';
