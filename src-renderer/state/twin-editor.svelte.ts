import { ErrorCode, isEngineError, type BasicRelationship, type EngineApi, type ModelData, type ModelDetail } from '../../src-shared/contract';
import { restoreRelationshipBody, restoreTwinBody } from '../features/twin-editor/restore-bodies';
import { fieldAtPath } from '../features/twin-editor/twin-form';
import type { GraphState } from './graph.svelte';
import type { InspectorState } from './inspector.svelte';
import type { UndoHistory } from './undo.svelte';
import { describeError } from './workspace.svelte';

/** A twin a relationship may point at, as the target search lists it. */
export interface TargetChoice {
  readonly id: string;
  readonly name?: string;
  readonly model: string;
}

/** A refused write: the message, and the JSON path of the member it is about when known (`/area`, `/$dtId`). */
export class WriteRefused extends Error {
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }

  /** The engine's refusal with the path its details name. */
  static from(error: unknown): WriteRefused {
    const details = isEngineError(error) ? error.details : undefined;
    const path = typeof details === 'object' && details !== null ? (details as { path?: unknown }).path : undefined;
    return new WriteRefused(describeError(error), typeof path === 'string' ? path : undefined);
  }

  /** Any refusal with the form field (one of `keys`) it is about, when its path names one. */
  static at(error: unknown, keys: readonly string[]): { readonly key?: string; readonly message: string } {
    const refusal = error instanceof WriteRefused ? error : WriteRefused.from(error);
    const key = fieldAtPath(refusal.path, keys);
    return key ? { key, message: refusal.message } : { message: refusal.message };
  }
}

/**
 * Creating and deleting twins and relationships from the graph area. Every write goes through
 * the engine, which validates it again; the graph and the inspector follow what was written.
 * Each is an edit the undo history keeps: undo deletes what was created (with If-Match, so a
 * twin changed since is not deleted) or creates again what was deleted, exactly as it was read.
 */
export class TwinEditorState {
  /** Models new twins can use (not decommissioned), by id. */
  models = $state.raw<ModelData[]>([]);
  private readonly details: Record<string, Promise<ModelDetail>> = {};

  constructor(
    private readonly api: EngineApi,
    private readonly graph: GraphState,
    private readonly inspector: InspectorState,
    private readonly history?: UndoHistory,
  ) {}

  /** Lists the models a new twin may use. */
  async loadModels(): Promise<void> {
    this.models = (await this.api.models.list()).filter((model) => !model.decommissioned);
  }

  /** A model with every content, inherited ones included (cached: models do not change under a twin). */
  model(id: string): Promise<ModelDetail> {
    const detail = (this.details[id] ??= this.api.models.get(id, { flat: true }));
    detail.catch(() => delete this.details[id]);
    return detail;
  }

  /** Whether the graph already shows a twin with this id (the engine checks again when creating). */
  shows(id: string): boolean {
    return this.graph.nodes.some((node) => node.id === id);
  }

  /** Creates a twin (refused if the id is taken), adds it to the graph and selects it. */
  async createTwin(id: string, body: Record<string, unknown>): Promise<void> {
    let etag: string;
    try {
      etag = (await this.putTwin(id, body)).$etag;
    } catch (error) {
      if (isEngineError(error) && error.code === ErrorCode.PreconditionFailed) throw new WriteRefused(`A twin with id ${id} already exists.`, '/$dtId');
      throw WriteRefused.from(error);
    }
    await this.inspector.select(id);
    this.history?.record({
      label: `Create twin ${id}`,
      undo: () => this.removeTwin(id, etag),
      redo: async () => {
        etag = (await this.putTwin(id, body)).$etag;
        await this.inspector.select(id);
      },
    });
  }

  /** The twins a target query finds, by id. */
  async targets(query: string): Promise<TargetChoice[]> {
    const page = await this.api.query.run(query);
    return (page.items as Record<string, unknown>[])
      .map((row) => ({ id: String(row.id), model: String(row.model), ...(typeof row.name === 'string' ? { name: row.name } : {}) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Creates a relationship from `sourceId` (ids are checked by the engine: a taken one is refused, not replaced). */
  async createRelationship(sourceId: string, relationshipId: string, name: string, targetId: string, properties: Record<string, unknown>): Promise<void> {
    const body = { $relationshipName: name, $targetId: targetId, ...properties };
    let etag: string;
    try {
      etag = (await this.putRelationship(sourceId, relationshipId, body)).$etag;
    } catch (error) {
      if (isEngineError(error) && error.code === ErrorCode.PreconditionFailed) {
        throw new WriteRefused(`Twin ${sourceId} already has a relationship with id ${relationshipId}.`, '/$relationshipId');
      }
      throw WriteRefused.from(error);
    }
    this.history?.record({
      label: `Add relationship ${relationshipId} of ${sourceId}`,
      undo: () => this.removeRelationship(sourceId, relationshipId, body, etag),
      redo: async () => void (etag = (await this.putRelationship(sourceId, relationshipId, body)).$etag),
    });
  }

  /** Deletes one relationship and takes its edge off the graph. */
  async deleteRelationship(sourceId: string, relationshipId: string): Promise<void> {
    const relationship = await this.api.relationships.get(sourceId, relationshipId);
    const body = restoreRelationshipBody(relationship);
    let etag = relationship.$etag;
    await this.removeRelationship(sourceId, relationshipId, body, etag);
    this.history?.record({
      label: `Delete relationship ${relationshipId} of ${sourceId}`,
      undo: async () => void (etag = (await this.putRelationship(sourceId, relationshipId, body)).$etag),
      redo: () => this.removeRelationship(sourceId, relationshipId, body, etag),
    });
  }

  /**
   * Deletes a twin. ADT refuses while it has relationships; with `withRelationships` its
   * outgoing and incoming relationships are deleted first (and undo makes them again).
   */
  async deleteTwin(id: string, withRelationships = false): Promise<void> {
    const twin = await this.api.twins.get(id);
    const relationships: BasicRelationship[] = [];
    if (withRelationships) {
      const [outgoing, incoming] = await Promise.all([this.api.relationships.list(id), this.api.relationships.listIncoming(id)]);
      relationships.push(...outgoing);
      for (const relationship of incoming) relationships.push(await this.api.relationships.get(relationship.$sourceId, relationship.$relationshipId));
    }
    const links = relationships.map((relationship) => ({ source: relationship.$sourceId, id: relationship.$relationshipId, body: restoreRelationshipBody(relationship), etag: relationship.$etag }));
    const body = restoreTwinBody(twin);
    let etag = twin.$etag;
    const remove = async () => {
      for (const link of links) await this.removeRelationship(link.source, link.id, link.body, link.etag);
      await this.removeTwin(id, etag);
    };
    await remove();
    this.history?.record({
      label: `Delete twin ${id}`,
      undo: async () => {
        etag = (await this.putTwin(id, body)).$etag;
        for (const link of links) link.etag = (await this.putRelationship(link.source, link.id, link.body)).$etag;
        await this.inspector.select(id);
      },
      redo: remove,
    });
  }

  private async putTwin(id: string, body: Record<string, unknown>) {
    const twin = await this.api.twins.upsert(id, body, { ifNoneMatch: '*' });
    const name = typeof twin.name === 'string' ? twin.name : id;
    this.graph.nodes = [...this.graph.nodes, { id, model: twin.$metadata.$model, label: name }];
    return twin;
  }

  private async removeTwin(id: string, ifMatch: string): Promise<void> {
    await this.api.twins.delete(id, { ifMatch });
    this.graph.nodes = this.graph.nodes.filter((node) => node.id !== id);
    this.graph.edges = this.graph.edges.filter((edge) => edge.source !== id && edge.target !== id);
    if (this.inspector.twin?.$dtId === id) await this.inspector.select(null);
  }

  private async putRelationship(sourceId: string, relationshipId: string, body: Record<string, unknown>) {
    const relationship = await this.api.relationships.upsert(sourceId, relationshipId, body, { ifNoneMatch: '*' });
    this.graph.edges = [...this.graph.edges, { source: sourceId, target: relationship.$targetId, name: relationship.$relationshipName }];
    return relationship;
  }

  private async removeRelationship(sourceId: string, relationshipId: string, body: Record<string, unknown>, ifMatch: string): Promise<void> {
    await this.api.relationships.delete(sourceId, relationshipId, { ifMatch });
    this.dropEdge(sourceId, String(body.$targetId), String(body.$relationshipName));
  }

  private dropEdge(source: string, target: string, name: string): void {
    const index = this.graph.edges.findIndex((edge) => edge.source === source && edge.target === target && edge.name === name);
    if (index >= 0) this.graph.edges = this.graph.edges.toSpliced(index, 1);
  }
}
