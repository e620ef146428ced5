import { ErrorCode, isEngineError, type EngineApi, type ModelData, type ModelDetail } from '../../src-shared/contract';
import { fieldAtPath } from '../features/twin-editor/twin-form';
import type { GraphState } from './graph.svelte';
import type { InspectorState } from './inspector.svelte';
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
 */
export class TwinEditorState {
  /** Models new twins can use (not decommissioned), by id. */
  models = $state.raw<ModelData[]>([]);
  private readonly details: Record<string, Promise<ModelDetail>> = {};

  constructor(
    private readonly api: EngineApi,
    private readonly graph: GraphState,
    private readonly inspector: InspectorState,
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
    try {
      const twin = await this.api.twins.upsert(id, body, { ifNoneMatch: '*' });
      const name = typeof twin.name === 'string' ? twin.name : id;
      this.graph.nodes = [...this.graph.nodes, { id, model: twin.$metadata.$model, label: name }];
      await this.inspector.select(id);
    } catch (error) {
      if (isEngineError(error) && error.code === ErrorCode.PreconditionFailed) throw new WriteRefused(`A twin with id ${id} already exists.`, '/$dtId');
      throw WriteRefused.from(error);
    }
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
    try {
      await this.api.relationships.upsert(sourceId, relationshipId, { $relationshipName: name, $targetId: targetId, ...properties }, { ifNoneMatch: '*' });
      this.graph.edges = [...this.graph.edges, { source: sourceId, target: targetId, name }];
    } catch (error) {
      if (isEngineError(error) && error.code === ErrorCode.PreconditionFailed) {
        throw new WriteRefused(`Twin ${sourceId} already has a relationship with id ${relationshipId}.`, '/$relationshipId');
      }
      throw WriteRefused.from(error);
    }
  }

  /** Deletes one relationship and takes its edge off the graph. */
  async deleteRelationship(sourceId: string, relationshipId: string): Promise<void> {
    const relationship = await this.api.relationships.get(sourceId, relationshipId);
    await this.api.relationships.delete(sourceId, relationshipId);
    this.dropEdge(relationship.$sourceId, relationship.$targetId, relationship.$relationshipName);
  }

  /**
   * Deletes a twin. ADT refuses while it has relationships; with `withRelationships` its
   * outgoing and incoming relationships are deleted first.
   */
  async deleteTwin(id: string, withRelationships = false): Promise<void> {
    if (withRelationships) {
      const [outgoing, incoming] = await Promise.all([this.api.relationships.list(id), this.api.relationships.listIncoming(id)]);
      for (const relationship of outgoing) await this.deleteRelationship(id, relationship.$relationshipId);
      for (const relationship of incoming) await this.deleteRelationship(relationship.$sourceId, relationship.$relationshipId);
    }
    await this.api.twins.delete(id);
    this.graph.nodes = this.graph.nodes.filter((node) => node.id !== id);
    this.graph.edges = this.graph.edges.filter((edge) => edge.source !== id && edge.target !== id);
    await this.inspector.select(null);
  }

  private dropEdge(source: string, target: string, name: string): void {
    const index = this.graph.edges.findIndex((edge) => edge.source === source && edge.target === target && edge.name === name);
    if (index >= 0) this.graph.edges = this.graph.edges.toSpliced(index, 1);
  }
}
