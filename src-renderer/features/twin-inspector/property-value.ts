import type { SchemaView } from '../../../src-shared/contract';

/** What an edit field holds once read against the model: a value to send, or why it cannot be sent. */
export type ParsedValue = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly expected: string };

const numeric: Record<string, (value: number) => boolean> = {
  double: Number.isFinite,
  float: Number.isFinite,
  integer: (value) => Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647,
  long: Number.isSafeInteger,
};

const textual: Record<string, { pattern: RegExp; example: string }> = {
  date: { pattern: /^\d{4}-\d{2}-\d{2}$/, example: '2026-01-31' },
  dateTime: { pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, example: '2026-01-31T08:00:00Z' },
  time: { pattern: /^\d{2}:\d{2}:\d{2}(\.\d+)?$/, example: '08:30:00' },
  duration: { pattern: /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, example: 'PT15M' },
};

/** How the model's schema reads to a person: `a double`, `one of free, booked`, `an object {x, y}`. */
export function describeSchema(schema: SchemaView | undefined): string {
  if (schema === undefined) return 'a value';
  if (typeof schema === 'string') return `${/^[aeiou]/.test(schema) ? 'an' : 'a'} ${schema}`;
  switch (schema.kind) {
    case 'Enum':
      return `one of ${schema.values.map((value) => JSON.stringify(value.value)).join(', ')}`;
    case 'Array':
      return `an array of ${describeSchema(schema.elementSchema).replace(/^an? /, '')}s`;
    case 'Map':
      return `a map of ${schema.keyName} to ${describeSchema(schema.valueSchema).replace(/^an? /, '')}`;
    case 'Object':
      return `an object {${schema.fields.map((field) => field.name).join(', ')}}`;
  }
}

/** Whether `value` fits `schema`, as the engine will check it; null when it does, else what was expected. */
export function checkValue(schema: SchemaView | undefined, value: unknown): string | null {
  if (schema === undefined) return null;
  if (typeof schema === 'string') {
    if (schema === 'boolean') return typeof value === 'boolean' ? null : describeSchema(schema);
    if (schema === 'string') return typeof value === 'string' ? null : describeSchema(schema);
    if (numeric[schema]) return typeof value === 'number' && numeric[schema](value) ? null : describeSchema(schema);
    if (textual[schema]) return typeof value === 'string' && textual[schema].pattern.test(value) ? null : `${describeSchema(schema)} such as ${textual[schema].example}`;
    return null;
  }
  switch (schema.kind) {
    case 'Enum':
      return schema.values.some((entry) => entry.value === value) ? null : describeSchema(schema);
    case 'Array':
      return Array.isArray(value) && value.every((item) => checkValue(schema.elementSchema, item) === null) ? null : describeSchema(schema);
    case 'Map':
      return isRecord(value) && Object.values(value).every((item) => checkValue(schema.valueSchema, item) === null) ? null : describeSchema(schema);
    case 'Object': {
      if (!isRecord(value)) return describeSchema(schema);
      const unknown = Object.keys(value).find((key) => !schema.fields.some((field) => field.name === key));
      if (unknown !== undefined) return `${describeSchema(schema)} (no field ${unknown})`;
      const bad = schema.fields.find((field) => field.name in value && checkValue(field.schema, value[field.name]) !== null);
      return bad ? `${describeSchema(schema)} with ${bad.name} ${checkValue(bad.schema, value[bad.name])}` : null;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads what was typed into an edit field as the schema wants it: numbers and booleans from text, complex values from JSON. */
export function parseValue(schema: SchemaView | undefined, text: string): ParsedValue {
  let value: unknown = text;
  if (typeof schema === 'string' && numeric[schema]) value = text.trim() === '' ? NaN : Number(text);
  else if (schema === 'boolean') value = text === 'true' ? true : text === 'false' ? false : text;
  else if (typeof schema === 'object' && schema.kind === 'Enum') value = schema.valueSchema === 'string' ? text : Number(text);
  else if (typeof schema === 'object' || schema === undefined) {
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, expected: `${describeSchema(schema)}, written as JSON` };
    }
  }
  const expected = checkValue(schema, value);
  return expected === null ? { ok: true, value } : { ok: false, expected };
}

/** The text an edit field starts with for a stored value. */
export function formatValue(schema: SchemaView | undefined, value: unknown): string {
  if (value === undefined) return '';
  if (typeof schema === 'object' || schema === undefined) return typeof value === 'string' && typeof schema === 'object' && schema.kind === 'Enum' ? value : JSON.stringify(value);
  return String(value);
}
