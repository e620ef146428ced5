// Value semantics: reading `$body` paths, comparing values, and the string functions.
import type { ComparisonOperator, FilterFunction } from './ast';

/** The value of a path or attribute that the event does not have. */
export const missing: unique symbol = Symbol('missing');

/** A value read from an event, or `missing`. */
export type FilterValue = unknown;

/** Follows `path` into `data` through own properties of plain objects; arrays are not entered. */
export function readPath(data: unknown, path: readonly string[]): FilterValue {
  let current: unknown = data;
  if (current === undefined) return missing;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return missing;
    if (!Object.hasOwn(current, segment)) return missing;
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined) return missing;
  }
  return current;
}

type Ordered = (a: number | string, b: number | string) => boolean;

const ordered: Readonly<Record<Exclude<ComparisonOperator, '=' | '!='>, Ordered>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * ADT-style comparison: missing values compare false; `= null` / `!= null` test for null;
 * numbers compare numerically, strings by UTF-16 code units, booleans only for (in)equality;
 * any other pairing (mixed types, objects, arrays) is false for every operator.
 */
export function compareValues(operator: ComparisonOperator, left: FilterValue, right: FilterValue): boolean {
  if (left === missing || right === missing) return false;
  if (left === null || right === null) {
    if (operator === '=') return left === right;
    if (operator === '!=') return left !== right;
    return false;
  }
  const type = typeof left;
  if (type !== typeof right || (type !== 'string' && type !== 'number' && type !== 'boolean')) return false;
  if (operator === '=') return left === right;
  if (operator === '!=') return left !== right;
  if (type === 'boolean') return false;
  return ordered[operator](left as number | string, right as number | string);
}

/** The string functions: true only when the value is a string (case-sensitive). */
export const stringFunctions: Readonly<Record<FilterFunction, (value: string, argument: string) => boolean>> = {
  STARTS_WITH: (value, argument) => value.startsWith(argument),
  ENDS_WITH: (value, argument) => value.endsWith(argument),
  CONTAINS: (value, argument) => value.includes(argument),
};
