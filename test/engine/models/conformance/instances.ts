// Runs a case's `instances` checks (value-vs-schema) against a parsed model with validateInstance,
// as the reference harness does with the official parser's ValidateInstance: the subject is a
// schema element (or a primitive schema by its DTMI); any other element makes the call throw.

import { validateInstance } from '../../../../src-main/engine/models/dtdl';
import type { Interface, PrimitiveSchema, PrimitiveSchemaName, Schema } from '../../../../src-main/engine/models/dtdl';

/** One `instances` entry of a case. */
export interface InstanceCheck {
  readonly subject: string;
  readonly submit: string;
  readonly conforms?: boolean;
  readonly throws?: boolean;
}

/** Every element of the model by id: schemas give a Schema, other elements `null` (not validatable). */
function elementsById(interfaces: ReadonlyMap<string, Interface>): Map<string, Schema | null> {
  const out = new Map<string, Schema | null>();
  const schemas: Schema[] = [];
  for (const i of interfaces.values()) {
    out.set(i.id, null);
    schemas.push(...i.schemas);
    for (const c of i.contents) {
      out.set(c.id, null);
      if (c.kind === 'Telemetry' || c.kind === 'Property') schemas.push(c.schema);
      if (c.kind === 'Command') {
        for (const p of [c.request, c.response]) {
          if (p === undefined) continue;
          out.set(p.id, null);
          schemas.push(p.schema);
        }
      }
      if (c.kind === 'Relationship') {
        for (const p of c.properties) {
          out.set(p.id, null);
          schemas.push(p.schema);
        }
      }
    }
  }
  while (schemas.length > 0) {
    const s = schemas.pop() as Schema;
    if (out.get(s.id) !== undefined) continue;
    out.set(s.id, s);
    if (s.kind === 'Array') schemas.push(s.elementSchema);
    if (s.kind === 'Map') schemas.push(s.mapKey.schema, s.mapValue.schema);
    if (s.kind === 'Object') {
      for (const f of s.fields) {
        out.set(f.id, null);
        schemas.push(f.schema);
      }
    }
    if (s.kind === 'Enum') for (const v of s.enumValues) out.set(v.id, null);
  }
  return out;
}

function primitive(id: string): PrimitiveSchema | undefined {
  const m = /^dtmi:dtdl:instance:Schema:([A-Za-z]+);([23])$/.exec(id);
  if (m === null) return undefined;
  const base = { supplementalTypes: [], undefinedTypes: [], supplementalProperties: {}, undefinedProperties: {}, documentIndex: -1 };
  return { ...base, id, kind: 'Primitive', name: m[1] as PrimitiveSchemaName, dtdlVersion: m[2] === '2' ? 2 : 3 };
}

/** Runs the checks; returns the first disagreement, or null. */
export function runInstanceChecks(interfaces: ReadonlyMap<string, Interface>, checks: readonly InstanceCheck[]): string | null {
  const byId = elementsById(interfaces);
  for (const c of checks) {
    const schema = byId.get(c.subject) ?? primitive(c.subject);
    const throws = schema === undefined || schema === null;
    if (throws !== (c.throws === true)) return `instance of ${c.subject}: ${throws ? 'not a schema' : 'a schema'}, expected ${c.throws === true ? 'a throw' : 'a verdict'}`;
    if (throws) continue;
    const violations = validateInstance(schema, c.submit);
    if ((violations.length === 0) !== (c.conforms === true)) return `instance ${JSON.stringify(c.submit).slice(0, 80)} of ${c.subject}: ${violations.length === 0 ? 'conforms' : violations[0]}, expected ${c.conforms === true ? 'conforming' : 'not conforming'}`;
  }
  return null;
}
