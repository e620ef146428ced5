// Instance validation: does a JSON value conform to a DTDL schema? The rules follow the DTDL
// language (and the official parser's ValidateInstance): 32/64-bit integers in integer notation,
// finite float/double, RFC 3339 date/time/dateTime, ISO 8601 durations, enum values, arrays, maps
// and objects element by element. Iterative over nested values; never throws.

import { isNum, isObject, readInstance, type InstanceValue } from './instance-json';
import type { Schema } from './types';

const int32 = [-(2 ** 31), 2 ** 31 - 1] as const;
const int64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const float32Max = 3.4028234663852886e38;
const integerText = /^-?\d+$/;

/** Checks JSON text against a schema; returns the violations (empty when the value conforms). */
export function validateInstance(schema: Schema, jsonText: string): string[] {
  const value = readInstance(jsonText);
  if (value === undefined) return ['The text is not a single JSON value.'];
  return validateValue(schema, value);
}

function validateValue(root: Schema, rootValue: InstanceValue): string[] {
  const out: string[] = [];
  const stack: Array<{ schema: Schema; value: InstanceValue; path: string }> = [{ schema: root, value: rootValue, path: '$' }];
  while (stack.length > 0) {
    const { schema, value, path } = stack.pop() as { schema: Schema; value: InstanceValue; path: string };
    const fail = (why: string): void => {
      out.push(`${path}: ${why}`);
    };
    switch (schema.kind) {
      case 'Primitive': {
        const why = primitiveViolation(schema.name, value);
        if (why !== null) fail(why);
        break;
      }
      case 'UnitEnum':
        if (typeof value !== 'string' || !schema.units.includes(value)) fail(`not a unit of ${schema.name}`);
        break;
      case 'Enum': {
        const ok =
          schema.valueSchema === 'integer'
            ? isNum(value) && integerText.test(value.text) && schema.enumValues.some((v) => v.enumValue === value.num)
            : typeof value === 'string' && schema.enumValues.some((v) => v.enumValue === value);
        if (!ok) fail('not one of the enum values');
        break;
      }
      case 'Array':
        if (!Array.isArray(value)) fail('not an array');
        else (value as readonly InstanceValue[]).forEach((item, i) => stack.push({ schema: schema.elementSchema, value: item, path: `${path}[${i}]` }));
        break;
      case 'Map':
        if (!isObject(value)) fail('not an object');
        else for (const [k, v] of value.obj) stack.push({ schema: schema.mapValue.schema, value: v, path: `${path}.${k}` });
        break;
      case 'Object':
        if (!isObject(value)) fail('not an object');
        else {
          for (const [k, v] of value.obj) {
            const field = schema.fields.find((f) => f.name === k);
            if (field === undefined) fail(`has no field '${k}'`);
            else stack.push({ schema: field.schema, value: v, path: `${path}.${k}` });
          }
        }
        break;
    }
  }
  return out;
}

function primitiveViolation(name: string, v: InstanceValue): string | null {
  switch (name) {
    case 'boolean':
      return typeof v === 'boolean' ? null : 'not a boolean';
    case 'string':
      return typeof v === 'string' ? null : 'not a string';
    case 'integer':
      return isNum(v) && integerText.test(v.text) && v.num >= int32[0] && v.num <= int32[1] ? null : 'not a 32-bit integer';
    case 'long':
      return isNum(v) && integerText.test(v.text) && BigInt(v.text) >= int64[0] && BigInt(v.text) <= int64[1] ? null : 'not a 64-bit integer';
    case 'float':
      return isNum(v) && Math.abs(v.num) <= float32Max ? null : 'not a float';
    case 'double':
      return isNum(v) && Number.isFinite(v.num) ? null : 'not a double';
    case 'date':
      return typeof v === 'string' && isDate(v) ? null : 'not an RFC 3339 full-date';
    case 'time':
      return typeof v === 'string' && isTime(v) ? null : 'not an RFC 3339 full-time';
    case 'dateTime': {
      const t = typeof v === 'string' ? v.indexOf('T') : -1;
      return typeof v === 'string' && t > 0 && isDate(v.slice(0, t)) && isTime(v.slice(t + 1)) ? null : 'not an RFC 3339 date-time';
    }
    case 'duration':
      return typeof v === 'string' && isDuration(v) ? null : 'not an ISO 8601 duration';
    default:
      // Geospatial and IoT Central schemas are Objects in the official model: require an object.
      return isObject(v) ? null : 'not an object';
  }
}

const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : (daysIn[mo - 1] as number));
}

function isTime(s: string): boolean {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (m === null) return false;
  const oh = m[4] === undefined ? 0 : Number(m[4]);
  const om = m[5] === undefined ? 0 : Number(m[5]);
  return Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3]) <= 59 && oh <= 23 && om <= 59;
}

/** ISO 8601 duration: P[nY][nM][nW][nD][T[nH][nM][nS]]; weeks not with years or months; only the last component may have a fraction. */
function isDuration(s: string): boolean {
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(s);
  if (m === null) return false;
  const parts = m.slice(1);
  const present = parts.map((p, i) => (p !== undefined ? i : -1)).filter((i) => i >= 0);
  if (present.length === 0) return false;
  // A `T` needs a time component after it.
  if (s.includes('T') && parts[4] === undefined && parts[5] === undefined && parts[6] === undefined) return false;
  if (parts[2] !== undefined && (parts[0] !== undefined || parts[1] !== undefined)) return false;
  const last = present[present.length - 1] as number;
  return present.every((i) => i === last || !(parts[i] as string).includes('.'));
}
