import type { CompareNode, ComparisonOperator, ExpressionNode, InNode } from '../ast/nodes';
import { visitExpression, type ExpressionVisitor } from '../ast/visit';
import { queryError } from '../errors';
import type { SqlContext } from './context';
import { compileCall } from './functions';
import { classGuard, classOf, scalarOf, type ScalarSql, type ValueClass } from './values';

// Conditions compile to SQL that is 1 (true), 0 (false) or NULL (ADT's "undefined": a missing
// property or a comparison across types). SQL's three-valued AND/OR/NOT then match ADT's rules,
// and WHERE keeps only rows where the condition is 1.

/** A large IN list travels as one JSON-array parameter instead of one parameter per value. */
const inlineListLimit = 32;

function nullComparison(operator: ComparisonOperator): string {
  return operator === '=' || operator === '<=' || operator === '>=' ? '1' : '0';
}

function typeClassSql(type: string): string {
  return `(CASE ${type} WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' ELSE ${type} END)`;
}

/**
 * `a op b` with ADT's typing: values of different types never compare (the result is undefined).
 * `truthOnly` (the comparison is not under NOT, so only whether it is 1 matters, not 0 versus
 * NULL) lets a property compare first and check its JSON type only for the rows that pass.
 */
export function compareScalars(operator: ComparisonOperator, left: ScalarSql, right: ScalarSql, truthOnly = false): string {
  if (left.staticClass && right.staticClass) {
    if (left.staticClass !== right.staticClass) return 'NULL';
    if (left.staticClass === 'null') return nullComparison(operator);
    return `(${left.value} ${operator} ${right.value})`;
  }
  const fixed = left.staticClass ? left : right.staticClass ? right : undefined;
  if (fixed?.staticClass) {
    const dynamic = fixed === left ? right : left;
    const type = dynamic.type ?? 'NULL';
    if (fixed.staticClass === 'null') return `(CASE WHEN ${type} = 'null' THEN ${nullComparison(operator)} END)`;
    // SQLite evaluates AND's left side first: most rows fail the comparison and skip json_type.
    if (truthOnly) return `(${left.value} ${operator} ${right.value} AND ${classGuard(type, fixed.staticClass)})`;
    const guarded = `(CASE WHEN ${classGuard(type, fixed.staticClass)} THEN ${dynamic.value} END)`;
    return fixed === right ? `(${guarded} ${operator} ${fixed.value})` : `(${fixed.value} ${operator} ${guarded})`;
  }
  const leftType = left.type ?? 'NULL';
  const rightType = right.type ?? 'NULL';
  return `(CASE WHEN ${typeClassSql(leftType)} = ${typeClassSql(rightType)} AND ${leftType} IN ('integer', 'real', 'text', 'true', 'false') THEN ${left.value} ${operator} ${right.value} END)`;
}

function compileCompare(node: CompareNode, context: SqlContext, truthOnly: boolean): string {
  const resolve = (path: ExpressionNode) => (path.kind === 'path' ? context.resolve(path) : undefined);
  // Only a comparison outside NOT compiles to a form an index can serve (see compareScalars).
  const indexes = truthOnly ? context.indexes : undefined;
  return compareScalars(node.operator, scalarOf(node.left, resolve, context.params, indexes), scalarOf(node.right, resolve, context.params, indexes), truthOnly);
}

function listSql(values: readonly (string | number)[], context: SqlContext): string {
  if (values.length > inlineListLimit) return `(SELECT value FROM json_each(${context.params.bind(JSON.stringify(values))}))`;
  return `(${values.map((value) => context.params.bind(value)).join(', ')})`;
}

function compileIn(node: InNode, context: SqlContext): string {
  const resolve = (path: ExpressionNode) => (path.kind === 'path' ? context.resolve(path) : undefined);
  const operand = scalarOf(node.operand, resolve, context.params);
  const groups = new Map<ValueClass, (string | number)[]>();
  for (const item of node.list.items) {
    const valueClass = classOf(item.value);
    const values = groups.get(valueClass) ?? [];
    if (item.value !== null) values.push(typeof item.value === 'boolean' ? Number(item.value) : item.value);
    groups.set(valueClass, values);
  }
  let sql: string;
  if (operand.staticClass) {
    const values = groups.get(operand.staticClass);
    if (!values) sql = '0';
    else sql = operand.staticClass === 'null' ? '1' : `(${operand.value} IN ${listSql(values, context)})`;
  } else {
    const type = operand.type ?? 'NULL';
    const parts = [...groups].map(([valueClass, values]) =>
      valueClass === 'null' ? `${type} = 'null'` : `(${classGuard(type, valueClass)} AND ${operand.value} IN ${listSql(values, context)})`);
    sql = `(CASE WHEN ${type} IS NULL THEN NULL ELSE (${parts.join(' OR ') || '0'}) END)`;
  }
  return node.negated ? `(NOT ${sql})` : sql;
}

/**
 * Compiles a WHERE condition to SQL (1, 0 or NULL). Outside NOT only truth matters (AND and OR
 * are true exactly when their operands' truths make them so), so `truthOnly` holds until a NOT.
 */
export function compileCondition(node: ExpressionNode, context: SqlContext, truthOnly = true): string {
  const visitor: ExpressionVisitor<string> = {
    path: (path) => {
      const resolved = context.resolve(path);
      if (resolved.kind === 'collection') throw queryError('Semantic', 'a collection is not a condition.', path.position, `test a property, or use IS_DEFINED(${path.segments[0].name}).`);
      const scalar = scalarOf(path, () => resolved, context.params);
      if (scalar.staticClass) return 'NULL';
      return `(CASE WHEN ${classGuard(scalar.type ?? 'NULL', 'boolean')} THEN ${scalar.type} = 'true' END)`;
    },
    literal: (literal) => (literal.value === true ? '1' : literal.value === false ? '0' : 'NULL'),
    list: (list) => {
      throw queryError('Semantic', 'a list is only allowed after IN or NIN.', list.position);
    },
    compare: (compare) => compileCompare(compare, context, truthOnly),
    logical: (logical) => `(${logical.operands.map((operand) => compileCondition(operand, context, truthOnly)).join(` ${logical.operator} `)})`,
    not: (not) => `(NOT ${compileCondition(not.operand, context, false)})`,
    in: (inNode) => compileIn(inNode, context),
    call: (call) => compileCall(call, context),
  };
  return visitExpression(node, visitor);
}
