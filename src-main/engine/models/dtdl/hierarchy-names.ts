// Which Interfaces have a hierarchy (their own contents and every ancestor's) in which no two
// different contents share a name. Computed once over the extends graph: an Interface shares its
// parent's layer when it adds no contents and adds a small layer of its own names otherwise, so a
// deep hierarchy is not copied per Interface (Willow: 3,700 Interfaces, depth 10). Only multiple
// inheritance flattens the parents' layers into one map. Iterative, so extends depth cannot
// overflow the stack.

import type { ElementGraph } from './element-graph';
import { refsOf, stringOf, type RawElement } from './raw';

/** Names of one Interface's hierarchy: its own layer, then its single parent's. */
interface NameLayer {
  readonly own: ReadonlyMap<string, RawElement>;
  readonly parent: NameLayer | null;
}

const emptyNames: ReadonlyMap<string, RawElement> = new Map();

/** The content of that name in a hierarchy, if any. */
function lookup(layer: NameLayer | null, name: string): RawElement | undefined {
  for (let l = layer; l !== null; l = l.parent) {
    const x = l.own.get(name);
    if (x !== undefined) return x;
  }
  return undefined;
}

/** Adds a name to a map; false when a different content already has it. */
function addName(map: Map<string, RawElement>, name: string, el: RawElement): boolean {
  const prev = map.get(name);
  if (prev === undefined) map.set(name, el);
  return prev === undefined || prev === el;
}

/** Parents of an Interface that exist as Interfaces. */
export function interfaceParents(g: ElementGraph, e: RawElement): RawElement[] {
  const out: RawElement[] = [];
  for (const r of refsOf(e, 'extends')) {
    const p = g.get(r.id);
    if (p !== undefined && p.cls === 'Interface') out.push(p);
  }
  return out;
}

/** Content names of each Interface's hierarchy, where they are unique. */
export interface HierarchyNames {
  /**
   * True when no two different contents share a name in the Interface's hierarchy. False on an
   * extends cycle or below one: there the exact walk decides.
   */
  isUnique(e: RawElement): boolean;
  /** The content of that name in a uniquely named hierarchy. */
  find(e: RawElement, name: string): RawElement | undefined;
}

/** Computes the content names of every Interface's hierarchy at once. */
export function hierarchyNames(g: ElementGraph, interfaces: readonly RawElement[]): HierarchyNames {
  // A missing entry: not computed yet; null: a name clash or a cycle in the hierarchy.
  const layers = new Map<RawElement, NameLayer | null>();
  const onStack = new Set<RawElement>();
  for (const root of interfaces) {
    if (layers.has(root)) continue;
    const stack: Array<{ e: RawElement; parents: RawElement[]; i: number }> = [{ e: root, parents: interfaceParents(g, root), i: 0 }];
    onStack.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { e: RawElement; parents: RawElement[]; i: number };
      if (top.i < top.parents.length) {
        const p = top.parents[top.i++] as RawElement;
        if (layers.has(p) || onStack.has(p)) continue;
        onStack.add(p);
        stack.push({ e: p, parents: interfaceParents(g, p), i: 0 });
        continue;
      }
      layers.set(top.e, layerOf(g, top.e, top.parents, layers, onStack));
      onStack.delete(top.e);
      stack.pop();
    }
  }
  return {
    isUnique: (e) => (layers.get(e) ?? null) !== null,
    find: (e, name) => lookup(layers.get(e) ?? null, name),
  };
}

function layerOf(g: ElementGraph, e: RawElement, parents: readonly RawElement[], layers: ReadonlyMap<RawElement, NameLayer | null>, onStack: ReadonlySet<RawElement>): NameLayer | null {
  const parentLayers: NameLayer[] = [];
  for (const p of parents) {
    // A parent still open is on a cycle.
    const l = onStack.has(p) ? null : layers.get(p);
    if (l === null || l === undefined) return null;
    parentLayers.push(l);
  }
  let own: Map<string, RawElement> | null = null;
  for (const r of refsOf(e, 'contents')) {
    const c = g.get(r.id);
    const n = c !== undefined ? stringOf(c, 'name') : undefined;
    if (c === undefined || n === undefined) continue;
    own ??= new Map();
    if (!addName(own, n, c)) return null;
  }
  const single = parentLayers.length === 1 ? (parentLayers[0] as NameLayer) : null;
  if (parentLayers.length <= 1) {
    if (own === null) return single ?? { own: emptyNames, parent: null };
    for (const [n, c] of own) {
      const inherited = lookup(single, n);
      if (inherited !== undefined && inherited !== c) return null;
    }
    return { own, parent: single };
  }
  // Multiple parents: one flat map of every name above (shared ancestors merge to the same content).
  const flat = new Map<string, RawElement>(own ?? emptyNames);
  for (const first of parentLayers) {
    for (let l: NameLayer | null = first; l !== null; l = l.parent) {
      for (const [n, c] of l.own) if (!addName(flat, n, c)) return null;
    }
  }
  return { own: flat, parent: null };
}
