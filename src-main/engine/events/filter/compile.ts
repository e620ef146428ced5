// Compiles a parsed filter once into a tree of closures; evaluating never throws.
import type { FilterExpression, FilterExpressionKind, Operand, RouteFilter, RouteFilterEvent } from './ast';
import type { RouteFilterOptions } from './limits';
import { parseRouteFilter } from './parser';
import { compareValues, missing, readPath, stringFunctions, type FilterValue } from './values';

/** A compiled filter: true when the event should follow the route. */
export type RouteFilterPredicate = (event: RouteFilterEvent) => boolean;

type Reader = (event: RouteFilterEvent) => FilterValue;
type Compiler<K extends FilterExpressionKind> = (node: Extract<FilterExpression, { kind: K }>) => RouteFilterPredicate;

const operandReaders: { readonly [K in Operand['kind']]: (operand: Extract<Operand, { kind: K }>) => Reader } = {
  attribute: ({ name }) => (event) => {
    const value = event[name];
    return value === undefined ? missing : value;
  },
  body: ({ path }) => (event) => readPath(event.data, path),
  literal: ({ value }) => () => value,
};

function reader(operand: Operand): Reader {
  return (operandReaders[operand.kind] as (o: Operand) => Reader)(operand);
}

const compilers: { readonly [K in FilterExpressionKind]: Compiler<K> } = {
  constant: ({ value }) => () => value,
  comparison: ({ operator, left, right }) => {
    const readLeft = reader(left);
    const readRight = reader(right);
    return (event) => compareValues(operator, readLeft(event), readRight(event));
  },
  call: ({ name, target, argument }) => {
    const read = reader(target);
    const test = stringFunctions[name];
    return (event) => {
      const value = read(event);
      return typeof value === 'string' && test(value, argument);
    };
  },
  not: ({ operand }) => {
    const inner = compileExpression(operand);
    return (event) => !inner(event);
  },
  and: ({ operands }) => {
    const parts = operands.map(compileExpression);
    return (event) => parts.every((part) => part(event));
  },
  or: ({ operands }) => {
    const parts = operands.map(compileExpression);
    return (event) => parts.some((part) => part(event));
  },
};

/** Compiles one expression node (and its children) to a predicate. */
export function compileExpression(node: FilterExpression): RouteFilterPredicate {
  return (compilers[node.kind] as (n: FilterExpression) => RouteFilterPredicate)(node);
}

const compiled = new WeakMap<RouteFilter, RouteFilterPredicate>();

/** The predicate of a parsed filter, compiled once and cached. */
export function predicateOf(filter: RouteFilter): RouteFilterPredicate {
  let predicate = compiled.get(filter);
  if (predicate === undefined) {
    predicate = compileExpression(filter.expression);
    compiled.set(filter, predicate);
  }
  return predicate;
}

/** Parses and compiles filter text to a fast predicate; throws like `parseRouteFilter`. */
export function compileRouteFilter(text: string, options?: RouteFilterOptions): RouteFilterPredicate {
  return predicateOf(parseRouteFilter(text, options));
}

/** True when `event` passes `filter`; never throws for any event shape. */
export function matchesRouteFilter(filter: RouteFilter, event: RouteFilterEvent): boolean {
  return predicateOf(filter)(event);
}
