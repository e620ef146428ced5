// Whole-set rules of the v3 annotation and overriding extensions. A ValueAnnotation names, with
// `annotates`, a Property or Telemetry of its Interface (inherited ones included) that is not
// itself an annotation; an Override (a Property) replaces, with its own schema, a supplemental
// property of that target (`unit`, contributed by the target's semantic type), at most once.

import type { ElementGraph } from './element-graph';
import { classes } from './metamodel';
import { refsOf, stringOf, type RawElement } from './raw';
import { termTable } from './context';
import { unitEnumAliases } from './units';
import { forEachContent, type Err } from './validate';
import type { HierarchyNames } from './hierarchy-names';

const unitEnumPrefix = 'dtmi:dtdl:extension:quantitativeTypes:v1:enum:';

/** Checks annotations and overrides in every v3 Interface (each problem is reported once). */
export function checkAnnotations(g: ElementGraph, interfaces: readonly RawElement[], names: HierarchyNames, err: Err): void {
  const reported = new Set<string>();
  const once = (key: string): boolean => !reported.has(key) && reported.add(key) !== undefined;
  const annotated = annotatedInterfaces(g, interfaces);
  if (annotated.size === 0) return;
  for (const e of interfaces) {
    if (e.version !== 3 || !annotated.has(e)) continue;
    const find = byNameIn(g, e, names);
    const overriders = new Map<string, RawElement[]>();
    forEachContent(g, e, (c) => {
      const ann = stringOf(c, 'annotates');
      if (ann === undefined) return;
      const t = find(ann);
      // The official parser accepts an annotation of an absent content.
      if (t === undefined) return;
      if (t === c || (t.cls !== 'Property' && t.cls !== 'Telemetry')) {
        if (once(`sibling ${c.id}`)) err('notSiblingRequiredType', c, { primaryId: c.id, secondaryId: t.id, property: 'annotates', value: ann });
        return;
      }
      if (t.adjunctTypes.includes('ValueAnnotation')) {
        if (once(`annotation ${c.id}`)) err('disallowedType', c, { primaryId: c.id, secondaryId: t.id, property: 'annotates', value: ann });
        return;
      }
      const ov = stringOf(c, 'overrides');
      if (ov === undefined || !c.adjunctTypes.includes('Override')) return;
      checkOverride(c, t, ov, ann, err, once);
      const key = `${t.id} ${ov}`;
      overriders.set(key, [...(overriders.get(key) ?? []), c]);
    });
    for (const [key, list] of overriders) {
      if (list.length > 1 && once(`multiple ${e.id} ${key}`)) err('multipleReference', e, { primaryId: e.id, property: 'contents', value: key.split(' ')[1] });
    }
  }
}

/** Finds an Interface's contents (inherited ones included) by name; the first one the walk meets where a name repeats. */
function byNameIn(g: ElementGraph, e: RawElement, names: HierarchyNames): (name: string) => RawElement | undefined {
  if (names.isUnique(e)) return (name) => names.find(e, name);
  const byName = new Map<string, RawElement>();
  forEachContent(g, e, (el) => {
    const n = stringOf(el, 'name');
    if (n !== undefined && !byName.has(n)) byName.set(n, el);
  });
  return (name) => byName.get(name);
}

/** Interfaces that hold, or inherit, a content with `annotates` (one pass over the hierarchy, not one walk per Interface). */
function annotatedInterfaces(g: ElementGraph, interfaces: readonly RawElement[]): Set<RawElement> {
  const direct = new Set<RawElement>();
  for (const e of interfaces) {
    for (const r of refsOf(e, 'contents')) {
      if (g.get(r.id)?.props.has('annotates') === true) {
        direct.add(e);
        break;
      }
    }
  }
  const out = new Set<RawElement>();
  if (direct.size === 0) return out;
  // Memoized over the extends graph, iteratively; a cycle (reported elsewhere) contributes nothing.
  const done = new Set<RawElement>();
  const onStack = new Set<RawElement>();
  for (const start of interfaces) {
    if (done.has(start)) continue;
    const stack = [start];
    onStack.add(start);
    while (stack.length > 0) {
      const x = stack[stack.length - 1] as RawElement;
      let pending = false;
      let value = direct.has(x);
      for (const r of refsOf(x, 'extends')) {
        const p = g.get(r.id);
        if (p === undefined || p.cls !== 'Interface' || onStack.has(p)) continue;
        if (!done.has(p)) {
          stack.push(p);
          onStack.add(p);
          pending = true;
        } else if (out.has(p)) value = true;
      }
      if (pending) continue;
      if (value) out.add(x);
      done.add(x);
      onStack.delete(x);
      stack.pop();
    }
  }
  return out;
}

function checkOverride(c: RawElement, t: RawElement, ov: string, ann: string, err: Err, once: (key: string) => boolean): void {
  if (classes[t.version].get(t.cls)?.props.has(ov) === true) {
    if (once(`core ${c.id}`)) err('matchingPropertyNotSupplemental', c, { primaryId: c.id, secondaryId: t.id, property: 'annotates', value: ann });
    return;
  }
  // `unit` is the one supplemental property a semantic type contributes.
  const st = t.semanticTypes[0];
  if (ov !== 'unit' || st === undefined) {
    if (once(`nomatch ${c.id}`)) err('noMatchingSupplementalProperty', c, { primaryId: c.id, secondaryId: t.id, property: 'annotates', value: ann });
    return;
  }
  const meaning = termTable(t.ctx).lookup(st);
  const want = meaning?.t === 'semanticType' ? meaning.unitClass : undefined;
  const schema = refsOf(c, 'schema')[0]?.id;
  const got = schema?.startsWith(unitEnumPrefix) === true ? schema.slice(unitEnumPrefix.length) : schema;
  const resolved = got !== undefined ? (unitEnumAliases.get(got) ?? got) : undefined;
  if (want !== undefined && resolved !== want && once(`mismatch ${c.id}`)) err('siblingPropertyMismatch', c, { primaryId: c.id, secondaryId: t.id, property: 'schema', value: got });
}
