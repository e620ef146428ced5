import type { DigitalTwin, GraphEvent, JsonPatchOperation, TwinPatch, TwinPatchResult, TwinsService, WriteConditions } from '../../../src-shared/contract';
import type { TwinGraph } from '../graph/twin-graph';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';

/** What a write changed on a twin: the top-level names its patch or body touched (a deletion has none). */
export interface TwinWrite {
  readonly twinId: string;
  readonly names: readonly string[];
  readonly deleted?: boolean;
}

const topNames = (patch: readonly JsonPatchOperation[]) => [...new Set(patch.map((operation) => String(operation?.path ?? '').split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~') ?? ''))].filter((name) => name !== '');
const bodyNames = (twin: Readonly<Record<string, unknown>>) => Object.keys(twin).filter((name) => !name.startsWith('$'));

/** The twins service: ADT's twin operations; writes are serialized with the workspace's other writes. */
export class LocalTwinsService implements TwinsService {
  readonly onDidChange;

  constructor(
    private readonly graph: TwinGraph,
    private readonly writes: SerialQueue,
    changes: Emitter<readonly GraphEvent[]>,
    /** Hears each committed write (the rules, which react to property changes). */
    private readonly afterWrite: (writes: readonly TwinWrite[]) => void = () => undefined,
  ) {
    this.onDidChange = changes.event;
  }

  async get(id: string): Promise<DigitalTwin> {
    return this.graph.get(id);
  }

  async upsert(id: string, twin: Readonly<Record<string, unknown>>, conditions?: WriteConditions): Promise<DigitalTwin> {
    const result = await this.writes.run(() => this.graph.upsert(id, twin, conditions));
    this.afterWrite([{ twinId: id, names: bodyNames(twin) }]);
    return result;
  }

  async update(id: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<DigitalTwin> {
    const result = await this.writes.run(() => this.graph.update(id, patch, conditions));
    this.afterWrite([{ twinId: id, names: topNames(patch) }]);
    return result;
  }

  async updateMany(patches: readonly TwinPatch[]): Promise<TwinPatchResult[]> {
    const outcomes = await this.writes.run(() => this.graph.updateMany(patches));
    const done = new Set(outcomes.filter((outcome) => !('error' in outcome)).map((outcome) => outcome.id));
    this.afterWrite(patches.filter((patch) => done.has(patch.id)).map((patch) => ({ twinId: patch.id, names: patch.component ? [patch.component] : topNames(patch.patch) })));
    return outcomes.map((outcome) => ('error' in outcome ? { id: outcome.id, error: outcome.error.toPayload() } : { id: outcome.id, etag: outcome.twin.$etag }));
  }

  async delete(id: string, conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<void> {
    await this.writes.run(async () => this.graph.delete(id, conditions));
    this.afterWrite([{ twinId: id, names: [], deleted: true }]);
  }

  async getComponent(id: string, component: string): Promise<Readonly<Record<string, unknown>>> {
    return this.graph.getComponent(id, component);
  }

  async updateComponent(id: string, component: string, patch: readonly JsonPatchOperation[], conditions?: Pick<WriteConditions, 'ifMatch'>): Promise<DigitalTwin> {
    const result = await this.writes.run(() => this.graph.update(id, patch, conditions, component));
    this.afterWrite([{ twinId: id, names: [component] }]);
    return result;
  }

  async count(): Promise<number> {
    return this.graph.count();
  }
}
