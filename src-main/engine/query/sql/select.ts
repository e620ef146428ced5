import type { CallNode, PathNode, SelectItemNode } from '../ast/nodes';
import { queryError } from '../errors';
import type { LogicalPlan } from '../planner/plan-types';
import type { ResolvedPath } from '../planner/scope';
import type { SqlContext } from './context';
import { unjoinedTwins } from './from';
import { classGuard, propertySql } from './values';

/** How one output column becomes part of a result row. */
export interface OutputColumn {
  readonly key: string;
  /** `document`: a twin or relationship JSON text; `json`: a JSON value; `number`: an aggregate. */
  readonly kind: 'document' | 'json' | 'number';
}

/** A result row is either the single column's document (`SELECT *`) or an object of named columns. */
export type RowShape = { readonly mode: 'document' } | { readonly mode: 'object'; readonly columns: readonly OutputColumn[] };

export interface SelectSql {
  readonly columns: readonly string[];
  readonly shape: RowShape;
  readonly groupBy: readonly string[];
  readonly orderBy: readonly string[];
}

function sameProperty(a: ResolvedPath, b: ResolvedPath): boolean {
  if (a.kind !== 'property' || b.kind !== 'property' || a.collection !== b.collection || a.path.length !== b.path.length) return false;
  return a.path.every((segment, i) => segment.name === b.path[i].name);
}

function aggregateSql(call: CallNode, context: SqlContext): string {
  if (call.name === 'COUNT' && call.args.length === 0) return 'COUNT(*)';
  const [arg] = call.args;
  if (!arg || arg.kind !== 'path') throw queryError('Semantic', `${call.name} takes a property.`, call.position);
  const resolved = context.resolve(arg);
  if (resolved.kind === 'collection') {
    if (call.name === 'COUNT') return `COUNT(${resolved.collection.sqlAlias}.rowid)`;
    throw queryError('Semantic', `${call.name} takes a property, not a collection.`, arg.position);
  }
  const scalar = propertySql(resolved, context.params);
  if (call.name === 'COUNT') return `COUNT(${scalar.type ?? scalar.value})`;
  if (scalar.staticClass) throw queryError('Semantic', `${call.name} works on numbers; ${arg.segments.map((s) => s.name).join('.')} is a string.`, arg.position);
  // Only numbers take part, as ADT compares only values of one type.
  return `${call.name}(CASE WHEN ${classGuard(scalar.type ?? 'NULL', 'number')} THEN ${scalar.value} END)`;
}

function lastName(path: PathNode): string {
  return path.segments[path.segments.length - 1].name;
}

/** The SELECT list, GROUP BY and ORDER BY as SQL, and how rows are shaped. */
export function compileSelect(plan: LogicalPlan, context: SqlContext): SelectSql {
  const groupKeys = plan.groupBy.map((path) => {
    const resolved = context.resolve(path);
    if (resolved.kind !== 'property') throw queryError('Semantic', 'GROUP BY takes properties, not collections.', path.position);
    return { resolved, sql: propertySql(resolved, context.params).json };
  });
  const columns: string[] = [];
  const outputs: OutputColumn[] = [];
  const add = (key: string, kind: OutputColumn['kind'], sql: string, item?: SelectItemNode): void => {
    if (outputs.some((o) => o.key === key)) {
      throw queryError('Semantic', `two columns are named ${key}.`, item?.position ?? { offset: 0, line: 1, column: 1 }, 'rename one with AS.');
    }
    outputs.push({ key, kind });
    columns.push(`${sql} AS c${columns.length}`);
  };
  if (plan.select === 'star') {
    const root = plan.scope.defaultCollection;
    if (root) return { columns: [`${root.sqlAlias}.body AS c0`], shape: { mode: 'document' }, groupBy: groupKeys.map((k) => k.sql), orderBy: orderSql(plan, context) };
    const named = plan.scope.named();
    if (named.length === 0) throw queryError('Semantic', 'SELECT * needs at least one named twin in MATCH.', { offset: 0, line: 1, column: 1 }, 'name one: MATCH (a)-[]->(b).');
    for (const collection of named) add(collection.name ?? '', 'document', `${collection.sqlAlias}.body`);
  } else {
    const hasAggregate = plan.select.some((item) => item.expression.kind === 'call');
    for (const item of plan.select) {
      const expression = item.expression;
      if (expression.kind === 'call') {
        add(item.alias ?? expression.name, 'number', aggregateSql(expression, context), item);
        continue;
      }
      const resolved = context.resolve(expression);
      if (hasAggregate) {
        if (groupKeys.length === 0) throw queryError('Semantic', `${expression.segments.map((s) => s.name).join('.')} cannot be combined with an aggregate.`, item.position, 'select only COUNT(), or add GROUP BY (extended mode).');
        if (!groupKeys.some((key) => sameProperty(key.resolved, resolved))) throw queryError('Semantic', 'a column of a grouped query must be one of the GROUP BY properties.', item.position);
      }
      if (resolved.kind === 'collection') add(item.alias ?? resolved.collection.name ?? '', 'document', `${resolved.collection.sqlAlias}.body`, item);
      else add(item.alias ?? lastName(expression), 'json', propertySql(resolved, context.params).json, item);
    }
  }
  let orderBy = orderSql(plan, context);
  if (orderBy.length > 0 && (plan.distinct || groupKeys.length > 0)) orderBy = [...orderBy, ...columns.map((_, i) => `c${i}`)];
  return { columns, shape: { mode: 'object', columns: outputs }, groupBy: groupKeys.map((k) => k.sql), orderBy };
}

function orderSql(plan: LogicalPlan, context: SqlContext): string[] {
  // TOP / LIMIT without ORDER BY take the first rows in insertion order, so the answer is repeatable.
  if (plan.orderBy.length === 0 && (plan.limit === undefined || plan.distinct || plan.groupBy.length > 0)) return [];
  const terms: string[] = [];
  for (const item of plan.orderBy) {
    const resolved = context.resolve(item.expression);
    if (resolved.kind !== 'property') throw queryError('Semantic', 'ORDER BY takes properties, not collections.', item.position);
    const scalar = propertySql(resolved, context.params);
    const direction = item.descending ? ' DESC' : '';
    if (scalar.staticClass) {
      terms.push(`${scalar.value}${direction}`);
      continue;
    }
    const type = scalar.type ?? 'NULL';
    // Undefined first, then null, booleans, numbers, strings, objects: one order across types.
    terms.push(
      `(CASE WHEN ${type} IS NULL THEN 0 WHEN ${type} = 'null' THEN 1 WHEN ${type} IN ('false', 'true') THEN 2 WHEN ${type} IN ('integer', 'real') THEN 3 WHEN ${type} = 'text' THEN 4 ELSE 5 END)${direction}`,
      `${scalar.value}${direction}`,
    );
  }
  // A final tiebreak on row ids keeps the order, and so the pages, deterministic.
  // (Twins the FROM clause does not join are left out: the relationships leading to them fix the row.)
  if (!plan.distinct && plan.groupBy.length === 0) {
    const unjoined = unjoinedTwins(plan);
    for (const collection of plan.scope.all) if (!unjoined.has(collection)) terms.push(`${collection.sqlAlias}.rowid`);
  }
  return terms;
}
