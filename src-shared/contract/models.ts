/** A model document to validate or upload: a file's name and its text (one Interface or an array of them). */
export interface ModelSource {
  readonly name: string;
  readonly text: string;
}

/** A model as ADT describes it (DigitalTwinsModelData); `model` is the definition, when asked for. */
export interface ModelData {
  /** The model's DTMI. */
  readonly id: string;
  /** Language map of display names, e.g. `{ "en": "Room" }`. */
  readonly displayName: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  /** ISO 8601 time the model was uploaded. */
  readonly uploadTime: string;
  readonly decommissioned: boolean;
  readonly model?: unknown;
}

/** One problem in a model set, located in its source. */
export interface ModelProblem {
  /** The official DTDL error kind, `dtmi:dtdl:parsingError:<kind>`. */
  readonly validationId: string;
  /** Cause and fix. */
  readonly message: string;
  /** Name of the source the problem is in, when known. */
  readonly source?: string;
  readonly line?: number;
  readonly column?: number;
  readonly primaryId?: string;
  readonly secondaryId?: string;
  readonly property?: string;
  readonly value?: string;
}

/** A limit of Azure Digital Twins that a model set exceeds; only reported in cloud-compatible mode. */
export interface CloudWarning {
  readonly limit: string;
  readonly message: string;
  readonly modelId?: string;
  readonly source?: string;
}

/** The outcome of validating a model set. */
export interface ModelValidation {
  readonly ok: boolean;
  /** Interfaces defined by the sources (valid or not, as far as they could be read). */
  readonly interfaceCount: number;
  readonly errors: readonly ModelProblem[];
  readonly warnings: readonly CloudWarning[];
}

/** A schema as the UI and CLI show it: a primitive's name, or the structure of a complex schema. */
export type SchemaView =
  | string
  | { readonly kind: 'Array'; readonly elementSchema: SchemaView }
  | { readonly kind: 'Enum'; readonly valueSchema: string; readonly values: readonly { readonly name: string; readonly value: string | number }[] }
  | { readonly kind: 'Map'; readonly keyName: string; readonly valueName: string; readonly valueSchema: SchemaView }
  | { readonly kind: 'Object'; readonly fields: readonly { readonly name: string; readonly schema: SchemaView }[] };

/** One content of an interface, with where it was declared. */
export interface ContentView {
  readonly kind: 'Property' | 'Telemetry' | 'Command' | 'Relationship' | 'Component';
  readonly name: string;
  readonly id: string;
  /** The interface that declares it: the model itself, or an ancestor. */
  readonly declaredIn: string;
  readonly inherited: boolean;
  readonly displayName?: Readonly<Record<string, string>>;
  readonly description?: Readonly<Record<string, string>>;
  /** Semantic types and other co-types (e.g. `Temperature`, `Historized`). */
  readonly types: readonly string[];
  readonly schema?: SchemaView;
  readonly writable?: boolean;
  readonly unit?: string;
  /** Relationship: the target interface, when restricted. */
  readonly target?: string;
  readonly minMultiplicity?: number;
  readonly maxMultiplicity?: number;
  /** Relationship properties. */
  readonly properties?: readonly ContentView[];
  /** Component: its interface. */
  readonly componentSchema?: string;
  /** Command: request and response payloads. */
  readonly request?: { readonly name: string; readonly schema: SchemaView };
  readonly response?: { readonly name: string; readonly schema: SchemaView };
}

/** A model with its definition and contents (own contents, or every content when flattened). */
export interface ModelDetail extends ModelData {
  readonly model: unknown;
  /** Interfaces it extends directly. */
  readonly extends: readonly string[];
  /** Every interface it extends, transitively, nearest first. */
  readonly ancestors: readonly string[];
  readonly contents: readonly ContentView[];
}

export interface ModelListOptions {
  /** Only these models and everything they depend on (extends and components, transitively). */
  readonly dependenciesFor?: readonly string[];
  /** Include each model's definition as `model`. */
  readonly includeModelDefinition?: boolean;
}

export interface ModelsService {
  /** Models in the workspace, ordered by id. */
  list(options?: ModelListOptions): Promise<ModelData[]>;
  /** One model with its definition and contents; `flat` includes inherited contents. */
  get(id: string, options?: { readonly flat?: boolean }): Promise<ModelDetail>;
  /** Validates a model set together with the stored models, without storing anything. `cloudCompatible` adds ADT's limits as warnings. */
  validate(sources: readonly ModelSource[], options?: { readonly cloudCompatible?: boolean }): Promise<ModelValidation>;
  /** Uploads a model set, all or nothing; fails with ModelInvalid (details.errors) or Conflict (an id already exists). */
  add(sources: readonly ModelSource[]): Promise<ModelData[]>;
  /** Marks a model decommissioned: existing twins keep it, new twins cannot use it. */
  decommission(id: string): Promise<ModelData>;
  /** Deletes a model; refused with Conflict while other models or twins use it. */
  delete(id: string): Promise<void>;
}

/** A schema as one line of text: `double`, `Array<string>`, `Enum(a|b)`, `Map<key, double>`, `Object{x, y}`. */
export function schemaViewText(schema: SchemaView | undefined): string {
  if (schema === undefined) return '';
  if (typeof schema === 'string') return schema;
  switch (schema.kind) {
    case 'Array':
      return `Array<${schemaViewText(schema.elementSchema)}>`;
    case 'Enum':
      return `Enum(${schema.values.map((value) => value.name).join('|')})`;
    case 'Map':
      return `Map<${schema.keyName}, ${schemaViewText(schema.valueSchema)}>`;
    case 'Object':
      return `Object{${schema.fields.map((field) => field.name).join(', ')}}`;
  }
}
