import type { EngineApi } from '../../src-shared/contract';
import { edgeOf, engineRows, nodeOf, relationshipRowsQuery, twinRowsQuery, type GraphEdge, type GraphNode, type RowSource } from '../features/graph/graph-rows';
import { loadNeighbourhood, type Direction } from '../features/graph/neighbourhood';
import { describeError } from './workspace.svelte';

/** The most twins the graph view loads at once. */
export const maxGraphTwins = 50_000;

/** What the graph shows: every twin (up to the limit), or one twin's neighbourhood. */
export type GraphScope = { readonly kind: 'all' } | { readonly kind: 'neighbourhood'; readonly root: string; readonly direction: Direction; readonly levels: number };

/** The graph area: which twins and relationships are shown (the inspector holds the selected twin). */
export class GraphState {
  nodes = $state.raw<GraphNode[]>([]);
  edges = $state.raw<GraphEdge[]>([]);
  scope = $state.raw<GraphScope>({ kind: 'all' });
  loading = $state(false);
  complete = $state(true);
  error = $state<string | null>(null);
  /** Models whose twins are hidden; replaced as a whole on each change, never mutated. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- raw state: a new set per change
  hiddenModels = $state.raw<ReadonlySet<string>>(new Set());
  private readonly rows: RowSource;

  private pending: Promise<void> | null = null;

  constructor(api: EngineApi) {
    this.rows = engineRows(api);
  }

  /** Settles when the load under way (if any) has ended. */
  async settled(): Promise<void> {
    await this.pending;
  }

  /** Twins shown per model, by model id. */
  get modelCounts(): [string, number][] {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt from `nodes` on each read
    const counts = new Map<string, number>();
    for (const node of this.nodes) counts.set(node.model, (counts.get(node.model) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => a.localeCompare(b));
  }

  /** Loads every twin (up to the limit) and every relationship between them. */
  async load(): Promise<void> {
    await this.busy(async () => {
      const twins = await this.rows(twinRowsQuery, maxGraphTwins);
      const relationships = await this.rows(relationshipRowsQuery, maxGraphTwins * 4);
      this.nodes = twins.rows.map(nodeOf);
      this.edges = relationships.rows.map(edgeOf);
      this.complete = twins.complete;
      this.scope = { kind: 'all' };
    });
  }

  /** Shows only the twins within `levels` relationships of `root`, following them out, in or both ways. */
  async showNeighbourhood(root: string, direction: Direction, levels: number): Promise<void> {
    await this.busy(async () => {
      const found = await loadNeighbourhood(this.rows, root, direction, levels, maxGraphTwins);
      if (!found.nodes.some((node) => node.id === root)) throw new Error(`There is no twin ${root}.`);
      this.nodes = found.nodes;
      this.edges = found.edges;
      this.complete = found.complete;
      this.scope = { kind: 'neighbourhood', root, direction, levels };
    });
  }

  /** Adds a twin's direct neighbours (out, in or both) to what is shown, keeping everything else. */
  async expand(id: string, direction: Direction): Promise<void> {
    await this.busy(async () => {
      const found = await loadNeighbourhood(this.rows, id, direction, 1, maxGraphTwins);
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local working set, never rendered
      const shown = new Set(this.nodes.map((node) => node.id));
      const key = (edge: GraphEdge) => `${edge.source}\n${edge.name}\n${edge.target}`;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local working set, never rendered
      const drawn = new Set(this.edges.map(key));
      this.nodes = [...this.nodes, ...found.nodes.filter((node) => !shown.has(node.id))];
      this.edges = [...this.edges, ...found.edges.filter((edge) => !drawn.has(key(edge)))];
    });
  }

  /** Hides or shows the twins of one model. */
  toggleModel(model: string): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- raw state: the new set replaces the old one
    const hidden = new Set(this.hiddenModels);
    if (!hidden.delete(model)) hidden.add(model);
    this.hiddenModels = hidden;
  }

  private busy(work: () => Promise<void>): Promise<void> {
    this.pending = this.run(work);
    return this.pending;
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }
}
