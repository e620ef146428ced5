import type { Schema } from '../models/dtdl';
import type { TwinModel } from '../graph/twin-model';

/** A CSV cell converted to the JSON value its schema expects (left as text when it does not convert). */
function convert(schema: Schema, text: string): unknown {
  if (schema.kind === 'Primitive') {
    switch (schema.name) {
      case 'double':
      case 'float':
      case 'integer':
      case 'long':
        return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
      case 'boolean':
        return text === 'true' ? true : text === 'false' ? false : text;
      case 'string':
      case 'date':
      case 'dateTime':
      case 'time':
      case 'duration':
        return text;
      default:
        break;
    }
  }
  if (schema.kind === 'Enum' && schema.valueSchema === 'integer') return Number.isInteger(Number(text)) ? Number(text) : text;
  if (schema.kind === 'Enum' || schema.kind === 'UnitEnum') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function convertLevel(model: TwinModel, level: Record<string, unknown>, withComponents: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(level)) {
    const property = model.properties.get(name);
    const component = withComponents ? model.components.get(name) : undefined;
    if (property && typeof value === 'string') out[name] = convert(property.schema, value);
    else if (component && typeof value === 'object' && value !== null) out[name] = { $metadata: {}, ...convertLevel(component, value as Record<string, unknown>, false) };
    else out[name] = value;
  }
  return out;
}

/** A twin read from CSV, its text cells converted by its model and its components initialised. */
export function twinFromCsv(model: TwinModel, value: Record<string, unknown>): Record<string, unknown> {
  const converted = convertLevel(model, value, true);
  for (const name of model.components.keys()) converted[name] ??= { $metadata: {} };
  return converted;
}

/** Relationship properties read from CSV, converted by the relationship's property schemas. */
export function relationshipFromCsv(properties: ReadonlyMap<string, Schema>, value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([name, cell]) => [name, typeof cell === 'string' && properties.has(name) ? convert(properties.get(name)!, cell) : cell]));
}
