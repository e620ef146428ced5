// Forms for new twins and relationships, built from a model's flattened contents. Pure: the
// Svelte forms hold the typed text, these functions say what each field is and what it sends.
import { type ContentView, type ModelDetail, type SchemaView } from '../../../src-shared/contract';
import { describeSchema, parseValue } from '../twin-inspector/property-value';

/** How a field is typed in: a number box, a true/false choice, a choice of enum values, a line of text, or JSON. */
export type FieldInput = 'number' | 'boolean' | 'enum' | 'date' | 'text' | 'json';

/** One property field of a form. `key` is its path in the document: `area`, or `thermostat/setpoint` inside a component. */
export interface FieldSpec {
  readonly key: string;
  readonly name: string;
  readonly label: string;
  readonly schema: SchemaView | undefined;
  readonly input: FieldInput;
  /** False for a property a device reports: the twin's creator may still give a first value. */
  readonly writable: boolean;
  /** The ancestor that declares it, when inherited. */
  readonly inheritedFrom?: string;
  /** What the field takes, for a hint under it: `a double`, `one of "free", "booked"`. */
  readonly expects: string;
}

/** The fields of the twin itself (no component) or of one component, which is always sent, even empty. */
export interface FieldGroup {
  readonly component?: string;
  readonly componentModel?: string;
  readonly fields: readonly FieldSpec[];
}

const numeric = new Set(['double', 'float', 'integer', 'long']);

/** The input that suits a schema. */
export function inputFor(schema: SchemaView | undefined): FieldInput {
  if (typeof schema === 'object') return schema.kind === 'Enum' ? 'enum' : 'json';
  if (schema === undefined) return 'json';
  if (numeric.has(schema)) return 'number';
  if (schema === 'boolean') return 'boolean';
  if (schema === 'date') return 'date';
  return 'text';
}

const nameOf = (names: Readonly<Record<string, string>> | undefined) => (names ? (names.en ?? Object.values(names)[0]) : undefined);

/** The property fields of a list of contents (a model's, or a relationship's properties), keyed under `prefix`. */
export function fieldsOf(contents: readonly ContentView[], prefix = ''): FieldSpec[] {
  return contents
    .filter((content) => content.kind === 'Property')
    .map((content) => ({
      key: `${prefix}${content.name}`,
      name: content.name,
      label: nameOf(content.displayName) ?? content.name,
      schema: content.schema,
      input: inputFor(content.schema),
      writable: content.writable === true,
      ...(content.inherited ? { inheritedFrom: content.declaredIn } : {}),
      expects: describeSchema(content.schema),
    }));
}

/** The groups of a new twin's form: the model's own and inherited properties, then one group per component. */
export function twinFormGroups(model: ModelDetail, componentModels: Readonly<Record<string, ModelDetail>>): FieldGroup[] {
  const groups: FieldGroup[] = [{ fields: fieldsOf(model.contents) }];
  for (const component of model.contents.filter((content) => content.kind === 'Component')) {
    const schema = component.componentSchema ? componentModels[component.componentSchema] : undefined;
    groups.push({ component: component.name, componentModel: component.componentSchema, fields: schema ? fieldsOf(schema.contents, `${component.name}/`) : [] });
  }
  return groups;
}

/** What the typed text of a form amounts to: the values to send by key, and why fields cannot be sent. */
export interface ReadFields {
  readonly values: Readonly<Record<string, unknown>>;
  readonly invalid: Readonly<Record<string, string>>;
}

/** Reads every field's text against its schema; an empty field is left out (no property is required). */
export function readFields(fields: readonly FieldSpec[], drafts: Readonly<Record<string, string>>): ReadFields {
  const values: Record<string, unknown> = {};
  const invalid: Record<string, string> = {};
  for (const field of fields) {
    const text = drafts[field.key] ?? '';
    if (text.trim() === '') continue;
    const parsed = parseValue(field.schema, text);
    if (parsed.ok) values[field.key] = parsed.value;
    else invalid[field.key] = `${field.name} expects ${parsed.expected}.`;
  }
  return { values, invalid };
}

/** The body of a new twin: its model, its properties, and every component (with `$metadata`, as ADT requires). */
export function twinBody(modelId: string, groups: readonly FieldGroup[], values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = { $metadata: { $model: modelId } };
  for (const group of groups) {
    const level: Record<string, unknown> = group.component === undefined ? body : { $metadata: {} };
    for (const field of group.fields) if (field.key in values) level[field.name] = values[field.key];
    if (group.component !== undefined) body[group.component] = level;
  }
  return body;
}

/** Why a twin id cannot be used, or null: it must be non-empty and not already taken. */
export function checkTwinId(id: string, taken: (id: string) => boolean): string | null {
  if (id.trim() === '') return 'Give the twin an id.';
  if (id !== id.trim()) return 'A twin id cannot start or end with spaces.';
  if (taken(id)) return `A twin with id ${id} already exists.`;
  return null;
}

/**
 * The field a refusal's JSON path names (`/area`, `/thermostat/setpoint`, `/location/x`,
 * `/$dtId`): the longest known key that the path starts with.
 */
export function fieldAtPath(path: string | undefined, keys: readonly string[]): string | undefined {
  if (path === undefined || !path.startsWith('/')) return undefined;
  const segments = path.slice(1).split('/');
  for (let length = segments.length; length > 0; length--) {
    const key = segments.slice(0, length).join('/');
    if (keys.includes(key)) return key;
  }
  return undefined;
}

/** The relationships a model allows, as its flattened contents list them. */
export function relationshipsOf(model: ModelDetail): ContentView[] {
  return model.contents.filter((content) => content.kind === 'Relationship');
}

/** The id a new relationship gets unless the user types one: readable, and unique per source, name and target. */
export function defaultRelationshipId(sourceId: string, name: string, targetId: string): string {
  return targetId ? `${sourceId}-${name}-${targetId}` : '';
}

const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The query that lists twins a relationship may target, matching what was typed in the id or the name. */
export function targetQuery(target: string | undefined, search: string, limit: number): string {
  const conditions: string[] = [];
  if (target) conditions.push(`IS_OF_MODEL(T, ${literal(target)})`);
  const needle = search.trim();
  if (needle) conditions.push(`(CONTAINS(T.$dtId, ${literal(needle)}) OR CONTAINS(T.name, ${literal(needle)}))`);
  return `SELECT TOP(${limit}) T.$dtId AS id, T.name AS name, T.$metadata.$model AS model FROM DIGITALTWINS T${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}
