import type { EngineApi } from '../../src-shared/contract';
import type { GraphEdge, GraphNode } from '../features/graph/graph-view';
import { describeError } from './workspace.svelte';

/** The most twins the graph view loads at once. */
export const maxGraphTwins = 50_000;

async function allRows(api: EngineApi, text: string, limit: number): Promise<{ rows: Record<string, unknown>[]; complete: boolean }> {
  const rows: Record<string, unknown>[] = [];
  let page = await api.query.run(text);
  rows.push(...(page.items as Record<string, unknown>[]));
  while (page.continuationToken && rows.length < limit) {
    page = await api.query.run(text, { continuationToken: page.continuationToken });
    rows.push(...(page.items as Record<string, unknown>[]));
  }
  return { rows: rows.slice(0, limit), complete: page.continuationToken === undefined && rows.length <= limit };
}

/** The graph area: which twins and relationships are shown (the inspector holds the selected twin). */
export class GraphState {
  nodes = $state.raw<GraphNode[]>([]);
  edges = $state.raw<GraphEdge[]>([]);
  loading = $state(false);
  complete = $state(true);
  error = $state<string | null>(null);

  private pending: Promise<void> | null = null;

  constructor(private readonly api: EngineApi) {}

  /** Settles when the load under way (if any) has ended. */
  async settled(): Promise<void> {
    await this.pending;
  }

  /** Loads every twin (up to the limit) and every relationship between them. */
  load(): Promise<void> {
    this.pending = this.fetch();
    return this.pending;
  }

  private async fetch(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const twins = await allRows(this.api, 'SELECT T.$dtId AS id, T.$metadata.$model AS model, T.name AS name FROM DIGITALTWINS T', maxGraphTwins);
      const relationships = await allRows(this.api, 'SELECT R.$sourceId AS source, R.$targetId AS target, R.$relationshipName AS name FROM RELATIONSHIPS R', maxGraphTwins * 4);
      this.nodes = twins.rows.map((row) => ({ id: String(row.id), model: String(row.model), label: typeof row.name === 'string' ? row.name : String(row.id) }));
      this.edges = relationships.rows.map((row) => ({ source: String(row.source), target: String(row.target), name: String(row.name) }));
      this.complete = twins.complete;
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }
}
