// Stage 4: rules that need the whole, resolved element set: duplicate definitions, reference
// types, extends depth/cycles/size, component nesting, unique names (inherited contents
// included), schema nesting depth and cycles, enum value types, and the v3 annotation and
// overriding extensions. All graph walks are iterative or depth-bounded.

import type { ElementGraph } from './element-graph';
import { isBuiltinId } from './element-graph';
import { newerInV2 } from './error-messages';
import { classes, limits, type MaterialClass } from './metamodel';
import { makeError, refsOf, stringOf, type RawElement, type RawRef } from './raw';
import type { DtdlError } from './types';
import { checkAnnotations } from './validate-annotations';
import { hierarchyNames, interfaceParents, type HierarchyNames } from './hierarchy-names';

const complex = new Set<MaterialClass>(['Array', 'Enum', 'Map', 'Object']);
const schemaProps = ['elementSchema', 'schema', 'mapValue', 'mapKey', 'fields', 'enumValues'];

/** Runs every whole-set rule and returns the errors found. */
export function validateGraph(g: ElementGraph): DtdlError[] {
  const errors: DtdlError[] = [];
  const err = (kind: string, el: RawElement | undefined, init: Parameters<typeof makeError>[1]): void => {
    errors.push(makeError(kind, { documentIndex: el?.docIndex, line: el?.start, ...init }));
  };

  // Duplicate definitions (only ids written in the documents; generated ones clash by name).
  // The graph's index keeps the first definition of each id, so any other element is a repeat.
  for (const e of g.all) {
    const first = g.get(e.id);
    if (first !== undefined && first !== e && (e.idGiven || first.idGiven)) err('duplicateDefinition', e, { primaryId: e.id });
  }

  // Reference types, and references into another Interface's elements.
  // Memoized: every reference asks for the partition of both ends.
  const partitions = new Map<RawElement, RawElement>();
  const partitionOf = (e: RawElement): RawElement => {
    const known = partitions.get(e);
    if (known !== undefined) return known;
    let x: RawElement = e;
    for (let i = 0; i < 256 && x.cls !== 'Interface' && x.parentId !== null; i++) {
      const p = g.get(x.parentId);
      if (p === undefined) break;
      x = p;
    }
    partitions.set(e, x);
    return x;
  };
  for (const e of g.all) {
    const def = classes[e.version].get(e.cls);
    if (def === undefined) continue;
    // forEach, not for…of: Map entry iteration allocates a pair per property.
    e.props.forEach((v, prop) => {
      if (v.t !== 'refs') return;
      const pd = def.props.get(prop);
      if (pd === undefined || pd.kind.k !== 'elements') return;
      const range = pd.kind.range;
      for (const r of v.items) {
        if (r.inline || isBuiltinId(r.id)) continue;
        const target = g.get(r.id);
        if (target === undefined) continue;
        // A model may use an older DTDL version's definitions but not a newer one's.
        if (target.version > e.version) {
          err('disallowedVersionReference', e, { primaryId: e.id, property: prop, value: r.id, line: r.line });
          err('unrecognizedContextVersion', e, { value: `dtmi:dtdl:context;${target.version}`, detail: newerInV2, line: r.line });
        }
        else if (!range.includes(target.cls)) {
          // As the official parser: the referenced element has a type the property does not accept,
          // which also leaves the property without a value.
          err('badType', e, { primaryId: e.id, property: prop, value: r.id, line: r.line });
          if (pd.required === true || (pd.minCount ?? 0) > 0) err('propertyCountBelowMin', e, { primaryId: e.id, property: prop, line: r.line });
        }
        else if (target.cls !== 'Interface' && partitionOf(target) !== partitionOf(e)) err('crossPartitionReference', e, { primaryId: e.id, property: prop, value: r.id, line: r.line });
      }
    });
  }

  // Duplicate definitions make the rest of the graph unreliable (which definition is meant?).
  if (errors.length > 0) return errors;
  const interfaces = g.all.filter((e) => e.cls === 'Interface');
  checkExtends(g, interfaces, err);
  const names = hierarchyNames(g, interfaces);
  checkNames(g, interfaces, names, err);
  checkComponents(g, interfaces, err);
  checkSchemas(g, err);
  checkEnums(g, err);
  checkV2PropertySchemas(g, err);
  checkAnnotations(g, interfaces, names, err);
  return errors;
}

export type Err = (kind: string, el: RawElement | undefined, init: Parameters<typeof makeError>[1]) => void;


function checkExtends(g: ElementGraph, interfaces: readonly RawElement[], err: Err): void {
  // depth[e] = longest extends chain (edges) above e; computed iteratively with cycle detection.
  const depth = new Map<RawElement, number>();
  const state = new Map<RawElement, 1 | 2>();
  const inCycle = new Set<RawElement>();
  // An upper bound of each hierarchy's size (shared ancestors counted once per path, capped):
  // the exact count is walked only where the bound exceeds the limit.
  const ancestorBound = new Map<RawElement, number>();
  const countCap = 1_000_000;
  for (const root of interfaces) {
    if (state.get(root) === 2) continue;
    const stack: Array<{ e: RawElement; i: number; parents: RawElement[] }> = [{ e: root, i: 0, parents: interfaceParents(g, root) }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { e: RawElement; i: number; parents: RawElement[] };
      if (top.i < top.parents.length) {
        const p = top.parents[top.i++] as RawElement;
        const s = state.get(p);
        if (s === 1) {
          inCycle.add(p);
          continue;
        }
        if (s === 2) continue;
        state.set(p, 1);
        stack.push({ e: p, i: 0, parents: interfaceParents(g, p) });
        continue;
      }
      let d = 0;
      let n = 0;
      for (const p of top.parents) {
        d = Math.max(d, (depth.get(p) ?? 0) + 1);
        // A parent still open is on a cycle: no bound, so the exact walk decides.
        n = Math.min(countCap, n + 1 + (ancestorBound.get(p) ?? countCap));
      }
      depth.set(top.e, d);
      ancestorBound.set(top.e, n);
      state.set(top.e, 2);
      stack.pop();
    }
  }
  for (const e of inCycle) err('recursiveStructureNarrow', e, { primaryId: e.id, property: 'extends' });
  for (const e of interfaces) {
    const L = limits[e.version];
    if (inCycle.has(e)) continue;
    const d = depth.get(e) ?? 0;
    if (d === L.maxExtendsDepth + 1) {
      // Report only where the limit is first crossed, so a long chain gives one error.
      err('excessiveDepthNarrow', e, { primaryId: e.id, property: 'extends', detail: String(L.maxExtendsDepth) });
    }
    if (L.maxHierarchySize !== undefined && d > 0 && (ancestorBound.get(e) ?? countCap) > L.maxHierarchySize) {
      const seen = new Set<RawElement>();
      const stack = [e];
      while (stack.length > 0 && seen.size <= L.maxHierarchySize) {
        const x = stack.pop() as RawElement;
        for (const p of interfaceParents(g, x)) {
          if (seen.has(p)) continue;
          seen.add(p);
          stack.push(p);
        }
      }
      if (seen.size > L.maxHierarchySize) err('excessiveCountWide', e, { primaryId: e.id, property: 'extends', detail: String(L.maxHierarchySize) });
    }
  }
}

/** Visits the contents of an Interface and its ancestors (each ancestor once, breadth-first) with the declaring Interface. */
export function forEachContent(g: ElementGraph, e: RawElement, visit: (el: RawElement, from: RawElement) => void): void {
  // No arrays of pairs: large hierarchies (Willow: 3,700 Interfaces, depth 10) would allocate
  // hundreds of thousands of them.
  const seen = new Set<RawElement>([e]);
  const queue = [e];
  for (let qi = 0; qi < queue.length; qi++) {
    const x = queue[qi] as RawElement;
    for (const r of refsOf(x, 'contents')) {
      const c = g.get(r.id);
      if (c !== undefined) visit(c, x);
    }
    for (const p of interfaceParents(g, x)) {
      if (seen.has(p)) continue;
      seen.add(p);
      queue.push(p);
    }
  }
}


const namedLists: readonly string[] = ['fields', 'enumValues', 'properties'];

function checkNames(g: ElementGraph, interfaces: readonly RawElement[], names: HierarchyNames, err: Err): void {
  for (const e of interfaces) {
    const direct = new Map<string, RawElement>();
    const refIds = new Set<string>();
    for (const r of refsOf(e, 'contents')) {
      if (r.inline && refIds.has(r.id)) {
        // Two contents without @id and with the same name get the same generated id.
        const c = g.get(r.id);
        err('nonUniquePropertyValue', e, { primaryId: e.id, property: 'contents', value: c !== undefined ? (stringOf(c, 'name') ?? r.id) : r.id, detail: 'name' });
        continue;
      }
      refIds.add(r.id);
      const c = g.get(r.id);
      const n = c !== undefined ? stringOf(c, 'name') : undefined;
      if (c === undefined || n === undefined) continue;
      const prev = direct.get(n);
      if (prev !== undefined && prev !== c) err('nonUniquePropertyValue', e, { primaryId: e.id, property: 'contents', value: n, detail: 'name' });
      else direct.set(n, c);
    }
    // A name seen twice for different elements is a conflict unless both are the Interface's own
    // contents (reported above); without ancestors, or in a hierarchy whose names are all unique,
    // there is nothing more to compare.
    if (refsOf(e, 'extends').length === 0 || names.isUnique(e)) continue;
    // The walk visits the Interface's own contents first, so a repeat declared by the Interface
    // itself can only repeat one of its own.
    const seenEl = new Map<string, RawElement>();
    forEachContent(g, e, (el, from) => {
      const n = stringOf(el, 'name');
      if (n === undefined) return;
      const prevEl = seenEl.get(n);
      if (prevEl === undefined) seenEl.set(n, el);
      else if (prevEl !== el && from !== e) {
        err('nonUniqueImportedPropertyValue', e, { primaryId: e.id, property: 'contents', value: n, secondaryId: from.id });
      }
    });
  }
  for (const e of g.all) {
    // Fields, enum values and relationship properties are keyed by name.
    for (const prop of namedLists) {
      const refs = refsOf(e, prop);
      if (refs.length < 2) continue;
      const ids = new Set<string>();
      const names = new Set<string>();
      for (const r of refs) {
        if (r.inline && ids.has(r.id)) err('nonUniquePropertyValue', e, { primaryId: e.id, property: prop, value: r.id, detail: 'name' });
        ids.add(r.id);
      }
      for (const r of refs) {
        const c = g.get(r.id);
        const n = c !== undefined ? stringOf(c, 'name') : undefined;
        if (n === undefined) continue;
        if (names.has(n)) err('nonUniquePropertyValue', e, { primaryId: e.id, property: prop, value: n, detail: 'name' });
        names.add(n);
      }
    }
  }

}

function checkComponents(g: ElementGraph, interfaces: readonly RawElement[], err: Err): void {
  void interfaces;
  // Many Components name the same Interface: walk each Interface's hierarchy once.
  const holdsComponent = new Map<RawElement, boolean>();
  const hasComponent = (i: RawElement): boolean => {
    let known = holdsComponent.get(i);
    if (known === undefined) {
      let found = false;
      forEachContent(g, i, (el) => {
        if (el.cls === 'Component') found = true;
      });
      holdsComponent.set(i, (known = found));
    }
    return known;
  };
  for (const c of g.all) {
    if (c.cls !== 'Component') continue;
    const target = refsOf(c, 'schema')[0];
    if (target === undefined) continue;
    const i = g.get(target.id);
    if (i === undefined || i.cls !== 'Interface') continue;
    {
      // The Interface is what is recursive (the official parser names it, not the Component).
      if (i === g.get(c.parentId ?? '')) err('recursiveStructureNarrow', i, { primaryId: i.id, property: 'contents', value: c.id });
      if (hasComponent(i)) err('excludedType', c, { primaryId: c.id, property: 'schema', value: i.id, detail: ' (a component Interface may not contain components)' });
    }
  }
}

function checkSchemas(g: ElementGraph, err: Err): void {
  // Depth of complex-schema nesting from each schema (iterative, memoized, cycle-aware).
  const memo = new Map<RawElement, { d: number; deepest: RawElement }>();
  const onStack = new Set<RawElement>();
  const reportedCycle = new Set<RawElement>();
  // Depth counts inline nesting only (the official parser does not add up depth across
  // references); cycles are found through references too.
  const childSchemas = (e: RawElement): RawElement[] => {
    const out: RawElement[] = [];
    for (const p of schemaProps) {
      for (const r of refsOf(e, p)) {
        const c = g.get(r.id);
        if (c !== undefined) out.push(c);
      }
    }
    return out;
  };
  const inlineChild = new Set<RawElement>();
  for (const e of g.all) for (const p of schemaProps) for (const r of refsOf(e, p)) if (r.inline) {
    const c = g.get(r.id);
    if (c !== undefined) inlineChild.add(c);
  }
  const schemaRoots = g.all.filter((e) => complex.has(e.cls));
  for (const root of schemaRoots) {
    if (memo.has(root)) continue;
    const stack: Array<{ e: RawElement; kids: RawElement[]; i: number }> = [{ e: root, kids: childSchemas(root), i: 0 }];
    onStack.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { e: RawElement; kids: RawElement[]; i: number };
      if (top.i < top.kids.length) {
        const k = top.kids[top.i++] as RawElement;
        if (onStack.has(k)) {
          if (!reportedCycle.has(k)) {
            reportedCycle.add(k);
            // A map key/value is part of its Map: the official parser reports the Map.
            const at = (top.e.cls === 'MapValue' || top.e.cls === 'MapKey') && top.e.parentId !== null ? (g.get(top.e.parentId) ?? top.e) : top.e;
            err('recursiveStructureWide', at, { primaryId: at.id, secondaryId: k.id });
          }
          continue;
        }
        if (memo.has(k)) continue;
        onStack.add(k);
        stack.push({ e: k, kids: childSchemas(k), i: 0 });
        continue;
      }
      let best = { d: complex.has(top.e.cls) ? 1 : 0, deepest: top.e };
      for (const k of top.kids) {
        if (!inlineChild.has(k)) continue;
        const m = memo.get(k);
        if (m === undefined) continue;
        const d = m.d + (complex.has(top.e.cls) ? 1 : 0);
        if (d > best.d) best = { d, deepest: m.deepest };
      }
      memo.set(top.e, best);
      onStack.delete(top.e);
      stack.pop();
    }
  }
  for (const e of schemaRoots) {
    const m = memo.get(e);
    if (m === undefined) continue;
    const max = limits[e.version].maxSchemaDepth;
    if (m.d <= max) continue;
    // Report at the outermost schema only: its parent is not itself a too-deep schema.
    const parent = e.parentId !== null ? g.get(e.parentId) : undefined;
    const parentSchema = parent !== undefined ? nearestSchema(g, parent) : undefined;
    if (parentSchema !== undefined && (memo.get(parentSchema)?.d ?? 0) > max) continue;
    err('excessiveDepthWide', e, { primaryId: e.id, secondaryId: m.deepest.id, detail: String(max) });
  }
}

function nearestSchema(g: ElementGraph, e: RawElement): RawElement | undefined {
  let x: RawElement | undefined = e;
  for (let i = 0; i < 64 && x !== undefined; i++) {
    if (complex.has(x.cls)) return x;
    x = x.parentId !== null ? g.get(x.parentId) : undefined;
  }
  return undefined;
}

function checkEnums(g: ElementGraph, err: Err): void {
  for (const e of g.all) {
    if (e.cls !== 'Enum') continue;
    const vs = refsOf(e, 'valueSchema')[0]?.id ?? '';
    const wantInt = vs.includes(':integer;');
    const seenValues = new Set<string>();
    for (const r of refsOf(e, 'enumValues')) {
      const ev = g.get(r.id);
      const lit = ev?.props.get('enumValue');
      if (ev === undefined || lit === undefined || lit.t !== 'enumLiteral') continue;
      if (vs !== '' && (typeof lit.v === 'number') !== wantInt) err('nonConformantDatatype', ev, { primaryId: ev.id, property: 'enumValue', value: String(lit.v) });
      const key = `${typeof lit.v}:${lit.v}`;
      if (seenValues.has(key)) err('nonUniquePropertyValue', e, { primaryId: e.id, property: 'enumValues', value: String(lit.v), detail: 'enumValue' });
      seenValues.add(key);
    }
  }
}

const geospatial = /^dtmi:standard:schema:geospatial:/;

/** DTDL v2: a Property's schema may not be or contain an Array (geospatial schemas hold arrays). */
function checkV2PropertySchemas(g: ElementGraph, err: Err): void {
  for (const e of g.all) {
    if (e.version !== 2 || e.cls !== 'Property') continue;
    const schemaRefs = refsOf(e, 'schema');
    // Most Property schemas are primitive: nothing to walk (and nothing to allocate).
    if (schemaRefs.length === 1 && (schemaRefs[0] as RawRef).id.startsWith('dtmi:dtdl:instance:Schema:')) continue;
    const seen = new Set<string>();
    const stack = schemaRefs.map((r) => r.id);
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      if (geospatial.test(id)) {
        err('excludedType', e, { primaryId: e.id, property: 'schema', value: id, detail: ' (a DTDL v2 Property schema may not contain an Array)' });
        break;
      }
      const s = g.get(id);
      if (s === undefined) continue;
      if (s.cls === 'Array') {
        err('excludedType', e, { primaryId: e.id, property: 'schema', value: id, detail: ' (a DTDL v2 Property schema may not contain an Array)' });
        break;
      }
      for (const p of schemaProps) for (const r of refsOf(s, p)) stack.push(r.id);
    }
  }
}
