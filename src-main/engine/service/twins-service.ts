import type { DigitalTwin, GraphEvent, JsonPatchOperation, TwinPatch, TwinPatchResult, TwinsService, WriteConditions } from '../../../src-shared/contract';
import type { TwinGraph } from '../graph/twin-graph';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';

/** The twins service: ADT's twin operations; writes are serialized with the workspace's other writes. */
export class LocalTwinsService implements TwinsService {
  readonly onDidChange;

  constructor(
    private readonly graph: TwinGraph,
    private readonly writes: SerialQueue,
    changes: Emitter<readonly GraphEvent[]>,
  ) {
    this.onDidChange = changes.event;
  }

  async get(id: string): Promise<DigitalTwin> {
    return this.graph.get(id);
  }

  async upsert(id: string, twin: Readonly<Record<string, unknown>>, conditions?: WriteConditions): Promise<DigitalTwin> {
    return this.writes.run(() => this.graph.upsert(id, twin, conditions));
  }

  async update(id: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<DigitalTwin> {
    return this.writes.run(() => this.graph.update(id, patch, conditions));
  }

  async updateMany(patches: readonly TwinPatch[]): Promise<TwinPatchResult[]> {
    const outcomes = await this.writes.run(() => this.graph.updateMany(patches));
    return outcomes.map((outcome) => ('error' in outcome ? { id: outcome.id, error: outcome.error.toPayload() } : { id: outcome.id, etag: outcome.twin.$etag }));
  }

  async delete(id: string, conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<void> {
    return this.writes.run(async () => this.graph.delete(id, conditions));
  }

  async getComponent(id: string, component: string): Promise<Readonly<Record<string, unknown>>> {
    return this.graph.getComponent(id, component);
  }

  async updateComponent(id: string, component: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<DigitalTwin> {
    return this.writes.run(() => this.graph.update(id, patch, conditions, component));
  }

  async count(): Promise<number> {
    return this.graph.count();
  }
}
