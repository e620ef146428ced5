/** Twins marked across the graph and the 3D view: a query's result or a property search's matches. */
export class OverlayState {
  /** Raw: a result of 50,000 twins must not become 50,000 reactive proxies. */
  ids = $state.raw<ReadonlySet<string> | null>(null);
  /** Where the twins came from, in words: "query", "search temperature > 25". */
  from = $state('');

  /** True while some twins are marked. */
  get active(): boolean {
    return this.ids !== null;
  }

  /** How many twins are marked. */
  get size(): number {
    return this.ids?.size ?? 0;
  }

  /** Marks these twins, replacing what was marked. */
  show(ids: Iterable<string>, from: string): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- raw state: the new set replaces the old one
    this.ids = new Set(ids);
    this.from = from;
  }

  /** True when a twin is marked; with no overlay, none is. */
  has(id: string): boolean {
    return this.ids?.has(id) ?? false;
  }

  /** Marks nothing: every twin looks as usual again. */
  clear(): void {
    this.ids = null;
    this.from = '';
  }
}
