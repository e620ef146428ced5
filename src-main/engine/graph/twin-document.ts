import { EngineError, ErrorCode, type DigitalTwin, type PropertyMetadata } from '../../../src-shared/contract';
import type { Property } from '../models/dtdl';
import type { TwinModel } from './twin-model';
import { checkValue, describeSchema } from './value-schema';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Largest twin document accepted, in bytes of JSON (ADT's is 32 KB; local work allows more). */
export const maxTwinBytes = 1024 * 1024;

function invalid(twinId: string, path: string, message: string, expected?: string): EngineError {
  return new EngineError(ErrorCode.InvalidArgument, `Twin ${twinId}: ${message}`, { twinId, path, ...(expected ? { expected } : {}) });
}

function knownNames(model: TwinModel): string {
  const names = [...model.properties.keys(), ...model.components.keys()];
  return names.length === 0 ? 'it has no properties or components' : `it has ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}`;
}

function checkProperty(twinId: string, property: Property, value: unknown, path: string): void {
  const problem = checkValue(property.schema, value, path);
  if (problem) throw invalid(twinId, problem.path, problem.message, describeSchema(property.schema));
}

/** Validates the properties of one level (the twin or a component) against `model`. */
function checkLevel(twinId: string, model: TwinModel, level: JsonObject, prefix: string, allowComponents: boolean): void {
  for (const [name, value] of Object.entries(level)) {
    if (name.startsWith('$')) continue;
    const path = `${prefix}/${name}`;
    const property = model.properties.get(name);
    if (property) {
      checkProperty(twinId, property, value, path);
      continue;
    }
    const component = allowComponents ? model.components.get(name) : undefined;
    if (component) {
      if (!isObject(value)) throw invalid(twinId, path, `component ${path} must be an object (with "$metadata": {}).`, 'component');
      checkLevel(twinId, component, value, path, false);
      continue;
    }
    const other = model.others.get(name);
    if (other === 'Telemetry') throw invalid(twinId, path, `${name} is telemetry in ${model.id}; a twin does not store telemetry: publish it as a reading instead.`);
    if (other === 'Command') throw invalid(twinId, path, `${name} is a command in ${model.id}, not a property.`);
    if (model.relationships.has(name)) throw invalid(twinId, path, `${name} is a relationship in ${model.id}; create it as a relationship, not a property.`);
    throw invalid(twinId, path, `${model.id} has no property ${name} (${knownNames(model)}).`);
  }
}

/** Checks a twin's contents against its model: properties, components (all required), types. */
export function checkTwinContents(twinId: string, model: TwinModel, body: JsonObject): void {
  checkLevel(twinId, model, body, '', true);
  for (const name of model.components.keys()) {
    if (!isObject(body[name])) {
      throw invalid(twinId, `/${name}`, `component ${name} is required by ${model.id}; give it at least { "$metadata": {} }.`, 'component');
    }
  }
}

/** Reads the sourceTime a caller gave for a property, if any, checking it is a date-time. */
function sourceTimeOf(twinId: string, metadata: unknown, name: string, prefix: string): string | undefined {
  const entry = isObject(metadata) ? metadata[name] : undefined;
  if (!isObject(entry) || entry.sourceTime === undefined) return undefined;
  if (typeof entry.sourceTime !== 'string' || !dateTimePattern.test(entry.sourceTime)) {
    throw invalid(twinId, `${prefix}/$metadata/${name}/sourceTime`, 'sourceTime must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z.', 'dateTime');
  }
  return entry.sourceTime;
}

/**
 * Rebuilds `$metadata` for one level: `lastUpdateTime` is `now` for the names in `changed`
 * and kept from `previous` for the rest; caller-given sourceTimes are kept.
 */
function levelMetadata(twinId: string, level: JsonObject, model: TwinModel, given: unknown, previous: unknown, changed: ReadonlySet<string> | 'all', now: string, prefix: string) {
  const metadata: Record<string, PropertyMetadata> = {};
  for (const name of Object.keys(level)) {
    if (!model.properties.has(name)) continue;
    const before = isObject(previous) && isObject(previous[name]) ? (previous[name] as Partial<PropertyMetadata>) : undefined;
    const lastUpdateTime = changed === 'all' || changed.has(name) || !before?.lastUpdateTime ? now : before.lastUpdateTime;
    const sourceTime = sourceTimeOf(twinId, given, name, prefix) ?? (changed === 'all' || changed.has(name) ? undefined : before?.sourceTime);
    metadata[name] = sourceTime ? { lastUpdateTime, sourceTime } : { lastUpdateTime };
  }
  return metadata;
}

/** What changed in a write: 'all' for a create/replace, else the touched names per level ('' is the twin). */
export type ChangedNames = 'all' | ReadonlyMap<string, ReadonlySet<string>>;

/** The stored document of a twin: system fields first, metadata rebuilt, contents as given. */
export function twinDocument(twinId: string, model: TwinModel, contents: JsonObject, previous: DigitalTwin | undefined, changed: ChangedNames, etag: string, now: string): DigitalTwin {
  const given = isObject(contents.$metadata) ? contents.$metadata : {};
  const previousMetadata = changed === 'all' ? undefined : previous?.$metadata;
  const changedAt = (level: string) => (changed === 'all' ? 'all' : (changed.get(level) ?? new Set<string>()));
  const body: JsonObject = {};
  for (const [name, value] of Object.entries(contents)) {
    if (name.startsWith('$')) continue;
    const component = model.components.get(name);
    if (component && isObject(value)) {
      const { $metadata: componentGiven, ...componentContents } = value;
      const previousComponent = changed === 'all' ? undefined : (previous?.[name] as JsonObject | undefined)?.$metadata;
      const componentChanged = changedAt(name);
      const componentMetadata = levelMetadata(twinId, componentContents, component, componentGiven, previousComponent, componentChanged, now, `/${name}`);
      const previousStamp = isObject(previousComponent) && typeof previousComponent.$lastUpdateTime === 'string' ? previousComponent.$lastUpdateTime : now;
      const twinLevel = changedAt('');
      const touched = componentChanged === 'all' || componentChanged.size > 0 || twinLevel === 'all' || twinLevel.has(name);
      body[name] = { $metadata: { $lastUpdateTime: touched ? now : previousStamp, ...componentMetadata }, ...componentContents };
    } else {
      body[name] = value;
    }
  }
  const metadata = levelMetadata(twinId, body, model, given, previousMetadata, changedAt(''), now, '');
  return { $dtId: twinId, $etag: etag, $metadata: { $model: model.id, $lastUpdateTime: now, ...metadata }, ...body } as DigitalTwin;
}

/**
 * The twin after setting top-level properties its model declares (`sets`, each checked against its
 * schema): the rest of the document is kept as it is, so nothing else needs checking; the set
 * properties' `$metadata` is `now` with no sourceTime, as a patch of them gives.
 */
export function withProperties(twinId: string, model: TwinModel, current: Readonly<DigitalTwin>, sets: ReadonlyMap<string, unknown>, etag: string, now: string): DigitalTwin {
  const twin: JsonObject = { ...current, $etag: etag };
  const metadata: JsonObject = { ...current.$metadata, $lastUpdateTime: now };
  for (const [name, value] of sets) {
    checkProperty(twinId, model.properties.get(name)!, value, `/${name}`);
    twin[name] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
    metadata[name] = { lastUpdateTime: now };
  }
  twin.$metadata = metadata;
  return twin as DigitalTwin;
}
