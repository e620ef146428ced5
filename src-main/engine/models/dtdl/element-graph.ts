// The set of elements after building: an index by id plus helpers shared by the resolve,
// validate and model stages.

import type { RawElement, RawRef, RawValue } from './raw';

/** Properties whose references must resolve to an element (Relationship.target need not). */
export const resolvingProps: ReadonlySet<string> = new Set([
  'contents',
  'extends',
  'schemas',
  'schema',
  'elementSchema',
  'enumValues',
  'fields',
  'mapKey',
  'mapValue',
  'request',
  'response',
  'properties',
]);

/** Built-in element ids (primitive schemas, units, unit enums, command types). */
export function isBuiltinId(id: string): boolean {
  return id.startsWith('dtmi:dtdl:instance:') || id.startsWith('dtmi:standard:') || id.startsWith('dtmi:dtdl:extension:quantitativeTypes:v1:') || id.startsWith('dtmi:iotcentral:schema:');
}

/** Elements indexed by id (first definition wins; duplicates are reported by validation). */
export class ElementGraph {
  readonly byId = new Map<string, RawElement>();
  readonly all: RawElement[] = [];

  /** Adds elements (from one or more documents). */
  add(elements: readonly RawElement[]): void {
    for (const e of elements) {
      this.all.push(e);
      if (!this.byId.has(e.id)) this.byId.set(e.id, e);
    }
  }

  /** The element with this id. */
  get(id: string): RawElement | undefined {
    return this.byId.get(id);
  }

  /** References (in document order) that name no known element and are not built-in. */
  missing(): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    // forEach, not for…of: Map entry iteration allocates a pair per property.
    const visit = (v: RawValue, prop: string): void => {
      if (v.t !== 'refs' || !resolvingProps.has(prop)) return;
      for (const r of v.items) {
        if (r.inline || isBuiltinId(r.id) || this.byId.has(r.id) || seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(r.id);
      }
    };
    for (const e of this.all) e.props.forEach(visit);
    return out;
  }

  /** Every reference to `id` from a resolving property, with its holder. */
  referencesTo(id: string): Array<{ from: RawElement; prop: string; ref: RawRef }> {
    const out: Array<{ from: RawElement; prop: string; ref: RawRef }> = [];
    for (const e of this.all) {
      for (const [prop, v] of e.props) {
        if (v.t !== 'refs' || !resolvingProps.has(prop)) continue;
        for (const r of v.items) if (r.id === id && !r.inline) out.push({ from: e, prop, ref: r });
      }
    }
    return out;
  }
}
