import type { BasicRelationship, IncomingRelationship, JsonPatchOperation, RelationshipsService, WriteConditions } from '../../../src-shared/contract';
import type { RelationshipGraph } from '../graph/relationship-graph';
import type { SerialQueue } from '../util/serial-queue';

/** The relationships service: ADT's relationship operations; writes are serialized. */
export class LocalRelationshipsService implements RelationshipsService {
  constructor(
    private readonly graph: RelationshipGraph,
    private readonly writes: SerialQueue,
  ) {}

  async get(sourceId: string, relationshipId: string): Promise<BasicRelationship> {
    return this.graph.get(sourceId, relationshipId);
  }

  async upsert(sourceId: string, relationshipId: string, relationship: Readonly<Record<string, unknown>>, conditions?: WriteConditions): Promise<BasicRelationship> {
    return this.writes.run(() => this.graph.upsert(sourceId, relationshipId, relationship, conditions));
  }

  async update(sourceId: string, relationshipId: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<BasicRelationship> {
    return this.writes.run(() => this.graph.update(sourceId, relationshipId, patch, conditions));
  }

  async delete(sourceId: string, relationshipId: string, conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<void> {
    return this.writes.run(async () => this.graph.delete(sourceId, relationshipId, conditions));
  }

  async list(sourceId: string, options: { readonly relationshipName?: string } = {}): Promise<BasicRelationship[]> {
    return this.graph.list(sourceId, options.relationshipName);
  }

  async listIncoming(targetId: string): Promise<IncomingRelationship[]> {
    return this.graph.listIncoming(targetId);
  }
}
