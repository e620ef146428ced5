import type { EngineApi } from '../../src-shared/contract';
import { engineRows, nodeOf, type GraphNode, type RowSource } from '../features/graph/graph-rows';
import { propertySearchQuery } from '../features/graph/property-search';
import { maxGraphTwins } from './graph.svelte';
import type { OverlayState } from './overlay.svelte';
import { describeError } from './workspace.svelte';

/** The graph's property search: its matches, marked on the graph and in 3D through the overlay. */
export class GraphSearchState {
  matches = $state.raw<GraphNode[]>([]);
  problem = $state<string | null>(null);
  running = $state(false);
  private readonly rows: RowSource;
  private label = '';

  constructor(
    api: EngineApi,
    private readonly overlay: OverlayState,
  ) {
    this.rows = engineRows(api);
  }

  /** True while the overlay shows this search's matches (clearing the overlay hides the list too). */
  get shown(): boolean {
    return this.overlay.active && this.overlay.from === this.label;
  }

  /** Runs a property search (`temperature > 25`, `name = 'Lobby'`, `WHERE …`) and marks what it finds. */
  async run(text: string): Promise<void> {
    this.problem = null;
    const search = propertySearchQuery(text);
    if ('error' in search) {
      this.problem = search.error;
      return;
    }
    this.running = true;
    try {
      const found = await this.rows(search.query, maxGraphTwins);
      this.matches = found.rows.map(nodeOf);
      this.label = `search ${text.trim()}`;
      this.overlay.show(
        this.matches.map((node) => node.id),
        this.label,
      );
    } catch (error) {
      this.problem = describeError(error);
    } finally {
      this.running = false;
    }
  }

  /** Forgets the problem of the last search (the text changed). */
  dismiss(): void {
    this.problem = null;
  }
}
