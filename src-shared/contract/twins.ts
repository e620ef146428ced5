import type { ErrorPayload } from './errors';
import type { Event } from './event';

/** One RFC 6902 operation; ADT applies `add`, `replace` and `remove`. */
export interface JsonPatchOperation {
  readonly op: 'add' | 'replace' | 'remove';
  /** A JSON Pointer: `/temperature`, `/thermostat/setpoint`, `/$metadata/$model`, `/$metadata/temperature/sourceTime`. */
  readonly path: string;
  readonly value?: unknown;
}

/** Per-property metadata, as ADT returns it. */
export interface PropertyMetadata {
  readonly lastUpdateTime: string;
  readonly sourceTime?: string;
}

/** A twin's `$metadata`: its model, last update, and one entry per property set. */
export interface TwinMetadata {
  readonly $model: string;
  readonly $lastUpdateTime: string;
  readonly [property: string]: PropertyMetadata | string;
}

/** A digital twin exactly as ADT returns it: system fields, then properties and components. */
export interface DigitalTwin {
  readonly $dtId: string;
  readonly $etag: string;
  readonly $metadata: TwinMetadata;
  readonly [property: string]: unknown;
}

/** A relationship exactly as ADT returns it: system fields, then its properties. */
export interface BasicRelationship {
  readonly $relationshipId: string;
  readonly $etag: string;
  readonly $sourceId: string;
  readonly $relationshipName: string;
  readonly $targetId: string;
  readonly [property: string]: unknown;
}

/** An incoming relationship as ADT lists it. */
export interface IncomingRelationship {
  readonly $relationshipId: string;
  readonly $sourceId: string;
  readonly $relationshipName: string;
  readonly $relationshipLink: string;
}

/** HTTP-style preconditions: `ifMatch` an ETag (or `*`), `ifNoneMatch: '*'` to create only. */
export interface WriteConditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: '*';
}

/** One patch of a batch. */
export interface TwinPatch {
  readonly id: string;
  readonly patch: readonly JsonPatchOperation[];
  readonly ifMatch?: string;
  /** Paths are relative to this component. */
  readonly component?: string;
}

/** What became of one patch of a batch: the twin's new ETag, or why it was refused. */
export type TwinPatchResult = { readonly id: string; readonly etag: string } | { readonly id: string; readonly error: ErrorPayload };

export interface TwinsService {
  get(id: string): Promise<DigitalTwin>;
  /** Creates or replaces a twin; `{ ifNoneMatch: '*' }` refuses to replace. */
  upsert(id: string, twin: Readonly<Record<string, unknown>>, conditions?: WriteConditions): Promise<DigitalTwin>;
  /** Applies a JSON Patch, validated against the model. */
  update(id: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<DigitalTwin>;
  /** Applies many patches in one transaction (high rates): each is validated on its own; refused ones change nothing. */
  updateMany(patches: readonly TwinPatch[]): Promise<TwinPatchResult[]>;
  /** Deletes a twin; refused while it has relationships. */
  delete(id: string, conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<void>;
  /** One component of a twin, with its `$metadata`. */
  getComponent(id: string, component: string): Promise<Readonly<Record<string, unknown>>>;
  /** Applies a JSON Patch relative to a component. */
  updateComponent(id: string, component: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<DigitalTwin>;
  /** Number of twins in the workspace. */
  count(): Promise<number>;
  /** Every committed twin and relationship change, in outbox order, batched. */
  onDidChange: Event<readonly GraphEvent[]>;
}

export interface RelationshipsService {
  get(sourceId: string, relationshipId: string): Promise<BasicRelationship>;
  /** Creates or replaces a relationship: `{ $targetId, $relationshipName, ...properties }`. */
  upsert(sourceId: string, relationshipId: string, relationship: Readonly<Record<string, unknown>>, conditions?: WriteConditions): Promise<BasicRelationship>;
  update(sourceId: string, relationshipId: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<BasicRelationship>;
  delete(sourceId: string, relationshipId: string, conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<void>;
  /** Outgoing relationships of a twin, optionally of one name. */
  list(sourceId: string, options?: { readonly relationshipName?: string }): Promise<BasicRelationship[]>;
  /** Relationships that point at a twin. */
  listIncoming(targetId: string): Promise<IncomingRelationship[]>;
}

/** The kinds of graph event, named as ADT's CloudEvents types. */
export type GraphEventType =
  | 'Microsoft.DigitalTwins.Twin.Create'
  | 'Microsoft.DigitalTwins.Twin.Update'
  | 'Microsoft.DigitalTwins.Twin.Delete'
  | 'Microsoft.DigitalTwins.Relationship.Create'
  | 'Microsoft.DigitalTwins.Relationship.Update'
  | 'Microsoft.DigitalTwins.Relationship.Delete';

/** A graph event in ADT's CloudEvents shape, numbered by the outbox. */
export interface GraphEvent {
  readonly seq: number;
  readonly specversion: '1.0';
  readonly id: string;
  readonly type: GraphEventType;
  readonly source: string;
  /** The twin id, or `<sourceId>/relationships/<relationshipId>`. */
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema?: string;
  /** Create/Delete: the twin or relationship; Update: `{ modelId, patch }`. */
  readonly data: unknown;
}
