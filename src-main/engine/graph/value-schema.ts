import type { Schema } from '../models/dtdl';

// Checks a JSON value against a DTDL schema. Returns null when it conforms, otherwise what is
// wrong and what was expected, so the caller can name the path.

const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const dateTimePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
const durationPattern = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPosition = (value: unknown) => Array.isArray(value) && value.length >= 2 && value.length <= 3 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
const positions = (value: unknown, depth: number): boolean =>
  depth === 0 ? isPosition(value) : Array.isArray(value) && value.every((item) => positions(item, depth - 1));

/** GeoJSON geometry types and how deep their coordinate arrays nest. */
const geometries: Readonly<Record<string, { type: string; depth: number }>> = {
  point: { type: 'Point', depth: 0 },
  multiPoint: { type: 'MultiPoint', depth: 1 },
  lineString: { type: 'LineString', depth: 1 },
  multiLineString: { type: 'MultiLineString', depth: 2 },
  polygon: { type: 'Polygon', depth: 2 },
  multiPolygon: { type: 'MultiPolygon', depth: 3 },
};

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 80) ?? String(value);

/** A short name of a schema for messages: `double`, `Enum(a|b)`, `Map<string, double>`. */
export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'Primitive':
    case 'UnitEnum':
      return schema.name;
    case 'Array':
      return `Array<${describeSchema(schema.elementSchema)}>`;
    case 'Enum':
      return `Enum(${schema.enumValues.map((value) => JSON.stringify(value.enumValue)).join(' | ')})`;
    case 'Map':
      return `Map<string, ${describeSchema(schema.mapValue.schema)}>`;
    case 'Object':
      return `Object{${schema.fields.map((field) => field.name).join(', ')}}`;
  }
}

function checkPrimitive(name: string, value: unknown): boolean {
  switch (name) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'double':
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value) && (value as number) >= -2147483648 && (value as number) <= 2147483647;
    case 'long':
      return Number.isSafeInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'date':
      return typeof value === 'string' && datePattern.test(value);
    case 'time':
      return typeof value === 'string' && timePattern.test(value);
    case 'dateTime':
      return typeof value === 'string' && dateTimePattern.test(value) && !Number.isNaN(Date.parse(value));
    case 'duration':
      return typeof value === 'string' && durationPattern.test(value);
    default: {
      const geometry = geometries[name];
      if (geometry) return isObject(value) && value.type === geometry.type && positions(value.coordinates, geometry.depth);
      return true; // IoT Central's geopoint/vector: shapes not checked by ADT either.
    }
  }
}

/** What is wrong with a value, and where. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

/** What is wrong with `value` under `schema`, located from `path`, or null when it conforms. */
export function checkValue(schema: Schema, value: unknown, path: string): SchemaProblem | null {
  const message = problemOf(schema, value, path);
  return message && { path: message.path, message: message.text };
}

function problemOf(schema: Schema, value: unknown, path: string): { path: string; text: string } | null {
  const wrong = (text: string) => ({ path, text });
  switch (schema.kind) {
    case 'Primitive':
      return checkPrimitive(schema.name, value) ? null : wrong(`${path} must be ${schema.name}; got ${shown(value)}.`);
    case 'UnitEnum':
      return typeof value === 'string' && schema.units.includes(value) ? null : wrong(`${path} must be one of the ${schema.name} units; got ${shown(value)}.`);
    case 'Enum':
      return schema.enumValues.some((item) => item.enumValue === value) ? null : wrong(`${path} must be one of ${describeSchema(schema)}; got ${shown(value)}.`);
    case 'Array': {
      if (!Array.isArray(value)) return wrong(`${path} must be an array (${describeSchema(schema)}).`);
      for (let i = 0; i < value.length; i++) {
        const problem = problemOf(schema.elementSchema, value[i], `${path}/${i}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'Map': {
      if (!isObject(value)) return wrong(`${path} must be an object mapping ${schema.mapKey.name} to ${describeSchema(schema.mapValue.schema)}.`);
      for (const [key, item] of Object.entries(value)) {
        const problem = problemOf(schema.mapValue.schema, item, `${path}/${key}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'Object': {
      if (!isObject(value)) return wrong(`${path} must be an object with fields ${schema.fields.map((field) => field.name).join(', ')}.`);
      for (const [key, item] of Object.entries(value)) {
        const field = schema.fields.find((candidate) => candidate.name === key);
        if (!field) return { path: `${path}/${key}`, text: `${path}/${key} is not a field of ${describeSchema(schema)}.` };
        const problem = problemOf(field.schema, item, `${path}/${key}`);
        if (problem) return problem;
      }
      return null;
    }
  }
}
