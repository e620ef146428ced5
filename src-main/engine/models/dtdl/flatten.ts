// A flattened view of an Interface: its own contents plus every inherited one, each with the
// Interface that declared it. Ancestors are visited breadth-first, each once (diamonds are fine).

import type { FlatContent, Interface } from './types';

/** Every content of `iface`, inherited ones included, with where each came from. */
export function flattenInterface(iface: Interface, interfaces: ReadonlyMap<string, Interface>): readonly FlatContent[] {
  const out: FlatContent[] = [];
  const seen = new Set<string>([iface.id]);
  const queue: Interface[] = [iface];
  while (queue.length > 0) {
    const current = queue.shift() as Interface;
    for (const content of current.contents) out.push(Object.freeze({ content, declaredIn: current.id, inherited: current !== iface }));
    for (const parentId of current.extends) {
      const parent = interfaces.get(parentId);
      if (parent !== undefined && !seen.has(parentId)) {
        seen.add(parentId);
        queue.push(parent);
      }
    }
  }
  return Object.freeze(out);
}

/** DTMIs of every ancestor of `iface` (breadth-first, each once). */
export function ancestorsOf(iface: Interface, interfaces: ReadonlyMap<string, Interface>): readonly string[] {
  const out: string[] = [];
  const seen = new Set<string>([iface.id]);
  const queue: Interface[] = [iface];
  while (queue.length > 0) {
    const current = queue.shift() as Interface;
    for (const parentId of current.extends) {
      if (seen.has(parentId)) continue;
      seen.add(parentId);
      out.push(parentId);
      const parent = interfaces.get(parentId);
      if (parent !== undefined) queue.push(parent);
    }
  }
  return out;
}
