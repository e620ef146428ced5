import type { Database } from 'better-sqlite3';
import { EngineError, ErrorCode, isEngineError } from '../../../src-shared/contract';
import type { RelationshipGraph } from '../graph/relationship-graph';
import type { TwinGraph } from '../graph/twin-graph';
import type { ModelCatalog } from '../models/model-catalog';

/** What a delete-everything job works on. */
export interface DeleteAllTarget {
  readonly db: Database;
  readonly twins: TwinGraph;
  readonly relationships: RelationshipGraph;
  readonly catalog: ModelCatalog;
  /** Announces a deleted model (the engine's bus). */
  readonly onModelDeleted: (id: string) => void;
}

/** How far a delete-everything job has got. */
export interface DeleteCounts {
  models: number;
  twins: number;
  relationships: number;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes every relationship, twin and model, as ADT's delete job does: one entity at a time
 * through the graph, so each deletion has its outbox event and history, routes and the UI see
 * it. Relationships go first, then twins, then models, each model after those that use it.
 */
export async function deleteAll(target: DeleteAllTarget, signal: AbortSignal, onProgress: (counts: DeleteCounts) => void): Promise<DeleteCounts> {
  const counts: DeleteCounts = { models: 0, twins: 0, relationships: 0 };
  const report = async () => {
    onProgress(counts);
    await yieldToOthers();
  };
  const check = () => {
    if (signal.aborted) throw new EngineError(ErrorCode.Cancelled, 'The delete job was cancelled; what it deleted stays deleted.');
  };
  const relationships = target.db.prepare('SELECT source, id FROM relationships').raw(true).all() as [string, string][];
  for (const [source, id] of relationships) {
    check();
    target.relationships.delete(source, id);
    if (++counts.relationships % 1000 === 0) await report();
  }
  const twins = target.db.prepare('SELECT id FROM twins').pluck().all() as string[];
  for (const id of twins) {
    check();
    target.twins.delete(id);
    if (++counts.twins % 1000 === 0) await report();
  }
  let pending = [...(await target.catalog.interfaces()).keys()];
  while (pending.length > 0) {
    check();
    const blocked: string[] = [];
    for (const id of pending) {
      try {
        await target.catalog.delete(id);
        target.onModelDeleted(id);
        counts.models++;
      } catch (error) {
        if (!isEngineError(error) || error.code !== ErrorCode.Conflict) throw error;
        blocked.push(id);
      }
    }
    if (blocked.length === pending.length) throw new EngineError(ErrorCode.Conflict, `Models ${blocked.slice(0, 3).join(', ')} could not be deleted: they still depend on each other.`, { models: blocked });
    pending = blocked;
  }
  onProgress(counts);
  return counts;
}
