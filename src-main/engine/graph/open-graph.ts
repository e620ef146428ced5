import type { Database } from 'better-sqlite3';
import type { GraphEvent } from '../../../src-shared/contract';
import type { ModelCatalog } from '../models/model-catalog';
import type { ModelStore } from '../models/model-store';
import type { Emitter } from '../util/emitter';
import type { GraphContext } from './graph-context';
import { GraphStore } from './graph-store';
import { Outbox } from './outbox';
import { OutboxDrainer } from './outbox-drainer';
import { RelationshipGraph } from './relationship-graph';
import { TwinGraph } from './twin-graph';
import { TwinModels } from './twin-model';

/** The twin graph of a workspace: its rules, its outbox and the drainer that delivers it. */
export interface Graph {
  readonly context: GraphContext;
  readonly twins: TwinGraph;
  readonly relationships: RelationshipGraph;
}

export interface GraphOptions {
  readonly db: Database;
  readonly catalog: ModelCatalog;
  readonly modelStore: ModelStore;
  /** The CloudEvents `source` of the workspace's events. */
  readonly eventSource: string;
  readonly now?: () => Date;
}

/** Assembles the graph over an open workspace database. */
export function openGraph(options: GraphOptions): Graph {
  const { db, catalog, modelStore } = options;
  const outbox = new Outbox(db, options.eventSource);
  const ancestor = db.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM model_ancestors WHERE model = ? AND ancestor = ?');
  const context: GraphContext = {
    db,
    store: new GraphStore(db),
    outbox,
    drainer: new OutboxDrainer(db, outbox),
    models: new TwinModels(() => catalog.interfaces()),
    isDecommissioned: (id) => modelStore.isDecommissioned(id),
    isOfModel: (model, wanted) => ancestor.get(model, wanted) !== undefined,
    now: options.now ?? (() => new Date()),
  };
  return { context, twins: new TwinGraph(context), relationships: new RelationshipGraph(context) };
}

/** Pushes every committed graph change to `changes`, from now on (for live views). */
export function pushGraphChanges(graph: Graph, changes: Emitter<readonly GraphEvent[]>) {
  return graph.context.drainer.subscribe({ name: 'live', transient: true, active: () => changes.hasListeners, handle: (events) => changes.fire(events) });
}
