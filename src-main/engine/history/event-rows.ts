import type { GraphEvent, JsonPatchOperation } from '../../../src-shared/contract';
import { decodePointer, patchedCopy, isRecord, type JsonRecord } from './lenient-patch';

/** A row of ADT's twin property events table (`AdtPropertyEvents`). */
export interface PropertyEventRow {
  readonly TimeStamp: string;
  readonly SourceTimeStamp: string | null;
  readonly ServiceId: string;
  readonly Id: string;
  readonly ModelId: string | null;
  readonly Key: string;
  /** The value as JSON text; null for a removed property. */
  readonly Value: string | null;
  readonly RelationshipId: string | null;
  readonly RelationshipTarget: string | null;
}

/** A row of ADT's twin lifecycle events table. */
export interface TwinLifecycleRow {
  readonly TwinId: string;
  readonly Action: 'Create' | 'Delete';
  readonly TimeStamp: string;
  readonly ServiceId: string;
  readonly ModelId: string | null;
}

/** A row of ADT's relationship lifecycle events table. */
export interface RelationshipLifecycleRow {
  readonly RelationshipId: string;
  readonly Name: string;
  readonly Action: 'Create' | 'Delete';
  readonly Source: string;
  readonly Target: string;
  readonly TimeStamp: string;
  readonly ServiceId: string;
}

/**
 * The mirror of the graph the projection reads and changes: twin and relationship bodies by key
 * (`null` once deleted in this batch). Relationship keys are `relationshipKey(source, id)`.
 */
export interface GraphMirror {
  readonly twins: Map<string, JsonRecord | null>;
  readonly relationships: Map<string, JsonRecord | null>;
}

/** Everything a batch of events adds to the history tables. */
export interface HistoryRows {
  readonly properties: PropertyEventRow[];
  readonly twinLifecycle: TwinLifecycleRow[];
  readonly relationshipLifecycle: RelationshipLifecycleRow[];
}

/** The mirror key of a relationship: ids are unique per source twin only. */
export function relationshipKey(source: string, id: string): string {
  return JSON.stringify([source, id]);
}

/** Splits an event subject `<source>/relationships/<id>` (the last separator wins). */
export function splitRelationshipSubject(subject: string): { source: string; id: string } {
  const at = subject.lastIndexOf('/relationships/');
  return at < 0 ? { source: subject, id: '' } : { source: subject.slice(0, at), id: subject.slice(at + '/relationships/'.length) };
}

/** A component is an object member carrying its own `$metadata`, as ADT returns twins. */
const isComponent = (value: unknown): value is JsonRecord => isRecord(value) && isRecord(value.$metadata);
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function sourceTimeOf(metadata: unknown, name: string): string | null {
  return isRecord(metadata) && isRecord(metadata[name]) ? text(metadata[name].sourceTime) : null;
}

/** Twin ids and relationship keys. */
export interface KeySets {
  readonly twins: Set<string>;
  readonly relationships: Set<string>;
}

/**
 * The mirror rows a batch needs and the ones it changes. A key whose first event in the batch
 * creates it has no mirror row yet (the mirror follows the graph, which had no such twin or
 * relationship), so it is neither read nor deleted: a bulk import's backlog of Create events
 * only appends. Every other key the batch touches is read first (and a new relationship's source
 * twin when the relationship has properties, for their rows' model); only the keys events change
 * are rewritten.
 */
export function mirrorKeys(events: readonly GraphEvent[]): { load: KeySets; changed: KeySets } {
  const load: KeySets = { twins: new Set(), relationships: new Set() };
  const changed: KeySets = { twins: new Set(), relationships: new Set() };
  const use = (kind: keyof KeySets, key: string, creates: boolean) => {
    if (!changed[kind].has(key) && !creates) load[kind].add(key);
  };
  for (const event of events) {
    if (event.type.startsWith('Microsoft.DigitalTwins.Twin.')) {
      use('twins', event.subject, event.type === 'Microsoft.DigitalTwins.Twin.Create');
      changed.twins.add(event.subject);
    } else {
      const { source, id } = splitRelationshipSubject(event.subject);
      const key = relationshipKey(source, id);
      const creates = event.type === 'Microsoft.DigitalTwins.Relationship.Create';
      // A new relationship's property rows name its source's model; one without properties needs nothing of the source.
      if (creates && hasProperties(event.data)) use('twins', source, false);
      use('relationships', key, creates);
      changed.relationships.add(key);
    }
  }
  return { load, changed };
}

/** True when `body` (a relationship) has a property, a member whose name does not start with `$`. */
function hasProperties(body: unknown): boolean {
  if (!isRecord(body)) return false;
  for (const name in body) if (!name.startsWith('$')) return true;
  return false;
}

/**
 * Turns events into history rows and applies them to `mirror`, in order. Pure apart from the
 * mirror, so the store can do all the work before it opens its transaction. A Create event's
 * data becomes the mirror body as it is, not a copy: events are never changed once committed,
 * and the projection replaces mirror bodies rather than changing them.
 */
export function projectEvents(events: readonly GraphEvent[], mirror: GraphMirror, serviceId: string): HistoryRows {
  const rows: HistoryRows = { properties: [], twinLifecycle: [], relationshipLifecycle: [] };
  for (const event of events) {
    switch (event.type) {
      case 'Microsoft.DigitalTwins.Twin.Create':
        twinCreate(event, mirror, serviceId, rows);
        break;
      case 'Microsoft.DigitalTwins.Twin.Update':
        twinUpdate(event, mirror, serviceId, rows);
        break;
      case 'Microsoft.DigitalTwins.Twin.Delete': {
        const twin = isRecord(event.data) ? event.data : (mirror.twins.get(event.subject) ?? {});
        rows.twinLifecycle.push({ TwinId: event.subject, Action: 'Delete', TimeStamp: event.time, ServiceId: serviceId, ModelId: modelOf(twin) });
        mirror.twins.set(event.subject, null);
        break;
      }
      case 'Microsoft.DigitalTwins.Relationship.Create':
        relationshipCreate(event, mirror, serviceId, rows);
        break;
      case 'Microsoft.DigitalTwins.Relationship.Update':
        relationshipUpdate(event, mirror, serviceId, rows);
        break;
      case 'Microsoft.DigitalTwins.Relationship.Delete': {
        const { source, id } = splitRelationshipSubject(event.subject);
        const key = relationshipKey(source, id);
        const relationship = isRecord(event.data) ? event.data : (mirror.relationships.get(key) ?? {});
        rows.relationshipLifecycle.push(relationshipLifecycle(relationship, source, id, 'Delete', event.time, serviceId));
        mirror.relationships.set(key, null);
        break;
      }
    }
  }
  return rows;
}

function modelOf(twin: JsonRecord): string | null {
  return isRecord(twin.$metadata) ? text(twin.$metadata.$model) : null;
}

function twinCreate(event: GraphEvent, mirror: GraphMirror, serviceId: string, rows: HistoryRows): void {
  if (!isRecord(event.data)) return;
  const twin = event.data;
  const id = event.subject;
  const model = modelOf(twin);
  rows.twinLifecycle.push({ TwinId: id, Action: 'Create', TimeStamp: event.time, ServiceId: serviceId, ModelId: model });
  const row = (key: string, value: unknown, sourceTime: string | null): PropertyEventRow => ({
    TimeStamp: event.time, SourceTimeStamp: sourceTime, ServiceId: serviceId, Id: id, ModelId: model, Key: key, Value: json(value), RelationshipId: null, RelationshipTarget: null,
  });
  for (const [name, value] of Object.entries(twin)) {
    if (name.startsWith('$')) continue;
    if (isComponent(value)) {
      for (const [property, inner] of Object.entries(value)) {
        if (!property.startsWith('$')) rows.properties.push(row(`${name}.${property}`, inner, sourceTimeOf(value.$metadata, property)));
      }
    } else {
      rows.properties.push(row(name, value, sourceTimeOf(twin.$metadata, name)));
    }
  }
  mirror.twins.set(id, twin);
}

function patchOf(data: unknown): { modelId: string | null; patch: readonly JsonPatchOperation[] } {
  if (!isRecord(data) || !Array.isArray(data.patch)) return { modelId: null, patch: [] };
  return { modelId: text(data.modelId), patch: data.patch as JsonPatchOperation[] };
}

/**
 * The property keys a patch changes: `name` for a property, `component.name` inside a component
 * (a whole component replaced counts as each of its properties), with source times set by
 * `/$metadata/<name>/sourceTime` operations of the same patch.
 */
function changedKeys(patch: readonly JsonPatchOperation[], before: JsonRecord | undefined): { keys: Map<string, string[]>; sourceTimes: Map<string, string> } {
  const keys = new Map<string, string[]>();
  const sourceTimes = new Map<string, string>();
  for (const operation of patch) {
    const segments = decodePointer(operation.path);
    if (segments.length === 0) continue;
    if (segments[0] === '$metadata') {
      if (segments.length === 3 && segments[2] === 'sourceTime' && typeof operation.value === 'string') sourceTimes.set(segments[1]!, operation.value);
      continue;
    }
    if (segments.length >= 3 && segments[1] === '$metadata') {
      if (segments.length === 4 && segments[3] === 'sourceTime' && typeof operation.value === 'string') sourceTimes.set(`${segments[0]}.${segments[2]}`, operation.value);
      continue;
    }
    const head = segments[0]!;
    const wasComponent = isComponent(before?.[head]) || isComponent(operation.value);
    if (wasComponent && segments.length === 1) {
      const names = new Set([...Object.keys(isRecord(before?.[head]) ? before[head] : {}), ...Object.keys(isRecord(operation.value) ? operation.value : {})]);
      for (const name of names) if (!name.startsWith('$')) keys.set(`${head}.${name}`, [head, name]);
    } else if (wasComponent) {
      keys.set(`${head}.${segments[1]!}`, [head, segments[1]!]);
    } else {
      keys.set(head, [head]);
    }
  }
  return { keys, sourceTimes };
}

function valueAt(document: JsonRecord | null | undefined, path: readonly string[]): unknown {
  let current: unknown = document;
  for (const segment of path) current = isRecord(current) ? current[segment] : undefined;
  return current;
}

/** Applies an Update's patch to the mirrored body and reports each changed key's new value. */
function patchedRows(
  document: JsonRecord | undefined,
  patch: readonly JsonPatchOperation[],
  time: string,
  make: (key: string, value: unknown, sourceTime: string | null) => PropertyEventRow,
): { rows: PropertyEventRow[]; after: JsonRecord | undefined } {
  // The mirrored body is shared (with the mirror cache): read it as it is, patch a copy of what the patch reaches.
  const { keys, sourceTimes } = changedKeys(patch, document);
  const after = document ? patchedCopy(document, patch) : undefined;
  if (after && isRecord(after.$metadata)) after.$metadata = { ...after.$metadata, $lastUpdateTime: time };
  const rows: PropertyEventRow[] = [];
  for (const [key, path] of keys) {
    // Without a mirrored body (history began later than the graph) the patch's value is all we know.
    const value = after ? valueAt(after, path) : patch.findLast((operation) => decodePointer(operation.path)[0] === path[0])?.value;
    rows.push(make(key, value, sourceTimes.get(key) ?? null));
  }
  return { rows, after };
}

function twinUpdate(event: GraphEvent, mirror: GraphMirror, serviceId: string, rows: HistoryRows): void {
  const { modelId, patch } = patchOf(event.data);
  const id = event.subject;
  const current = mirror.twins.get(id) ?? undefined;
  const result = patchedRows(current, patch, event.time, (key, value, sourceTime) => ({
    TimeStamp: event.time, SourceTimeStamp: sourceTime, ServiceId: serviceId, Id: id, ModelId: modelId, Key: key, Value: json(value), RelationshipId: null, RelationshipTarget: null,
  }));
  rows.properties.push(...result.rows);
  if (result.after) mirror.twins.set(id, result.after);
}

function relationshipLifecycle(relationship: JsonRecord, source: string, id: string, action: 'Create' | 'Delete', time: string, serviceId: string): RelationshipLifecycleRow {
  return {
    RelationshipId: text(relationship.$relationshipId) ?? id,
    Name: text(relationship.$relationshipName) ?? '',
    Action: action,
    Source: text(relationship.$sourceId) ?? source,
    Target: text(relationship.$targetId) ?? '',
    TimeStamp: time,
    ServiceId: serviceId,
  };
}

function relationshipCreate(event: GraphEvent, mirror: GraphMirror, serviceId: string, rows: HistoryRows): void {
  if (!isRecord(event.data)) return;
  const relationship = event.data;
  const subject = splitRelationshipSubject(event.subject);
  const lifecycle = relationshipLifecycle(relationship, subject.source, subject.id, 'Create', event.time, serviceId);
  rows.relationshipLifecycle.push(lifecycle);
  const sourceTwin = mirror.twins.get(lifecycle.Source);
  const model = sourceTwin ? modelOf(sourceTwin) : null;
  for (const [name, value] of Object.entries(relationship)) {
    if (name.startsWith('$')) continue;
    rows.properties.push({
      TimeStamp: event.time, SourceTimeStamp: null, ServiceId: serviceId, Id: lifecycle.Source, ModelId: model, Key: name, Value: json(value),
      RelationshipId: lifecycle.RelationshipId, RelationshipTarget: lifecycle.Target,
    });
  }
  mirror.relationships.set(relationshipKey(lifecycle.Source, lifecycle.RelationshipId), relationship);
}

function relationshipUpdate(event: GraphEvent, mirror: GraphMirror, serviceId: string, rows: HistoryRows): void {
  const { modelId, patch } = patchOf(event.data);
  const { source, id } = splitRelationshipSubject(event.subject);
  const key = relationshipKey(source, id);
  const current = mirror.relationships.get(key) ?? undefined;
  const target = current ? text(current.$targetId) : null;
  const result = patchedRows(current, patch, event.time, (name, value, sourceTime) => ({
    TimeStamp: event.time, SourceTimeStamp: sourceTime, ServiceId: serviceId, Id: source, ModelId: modelId, Key: name, Value: json(value), RelationshipId: id, RelationshipTarget: target,
  }));
  rows.properties.push(...result.rows);
  if (result.after) {
    // A relationship's body has no $metadata; the lifecycle stamp above is for twins only.
    mirror.relationships.set(key, result.after);
  }
}
