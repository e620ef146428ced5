// What it takes to write a twin or relationship again exactly as it was read: the bodies undo
// and redo send to recreate what was deleted (or created) from the graph area.
import type { BasicRelationship, DigitalTwin } from '../../../src-shared/contract';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body that creates `twin` again: its model and every property, components as components
 * (an object with its own `$metadata`), without the ETag and the per-property metadata the
 * engine writes itself.
 */
export function restoreTwinBody(twin: DigitalTwin): Record<string, unknown> {
  const body: Record<string, unknown> = { $metadata: { $model: twin.$metadata.$model } };
  for (const [key, value] of Object.entries(twin)) {
    if (key.startsWith('$')) continue;
    if (isObject(value) && isObject(value.$metadata)) {
      const component: Record<string, unknown> = { $metadata: {} };
      for (const [name, member] of Object.entries(value)) if (!name.startsWith('$')) component[name] = member;
      body[key] = component;
    } else {
      body[key] = value;
    }
  }
  return body;
}

/** The body that creates `relationship` again under its source and id: name, target and properties. */
export function restoreRelationshipBody(relationship: BasicRelationship): Record<string, unknown> {
  const body: Record<string, unknown> = { $relationshipName: relationship.$relationshipName, $targetId: relationship.$targetId };
  for (const [key, value] of Object.entries(relationship)) if (!key.startsWith('$')) body[key] = value;
  return body;
}
