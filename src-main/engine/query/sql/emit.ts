import type { PathNode } from '../ast/nodes';
import type { QueryCatalog } from '../planner/plan';
import type { LogicalPlan } from '../planner/plan-types';
import type { ResolvedPath } from '../planner/scope';
import { compileCondition } from './conditions';
import type { IndexUse, SqlContext } from './context';
import { compileFrom, leftOutAnchor } from './from';
import { ParameterBag, type SqlValue } from './params';
import { compileSelect, type RowShape } from './select';

/** The SQL of a plan: the statement text, its parameters, and the shape of its rows. */
export interface EmittedSql {
  readonly sql: string;
  readonly parameters: Readonly<Record<string, SqlValue>>;
  readonly shape: RowShape;
  /** The indexed JSON paths the SQL names as literals, sorted. */
  readonly indexes: readonly string[];
}

/** Turns a logical plan into one SQLite SELECT; every value is a parameter, the text comes from the AST alone. */
export function emitSql(plan: LogicalPlan, catalog?: QueryCatalog, indexedPaths?: ReadonlySet<string>): EmittedSql {
  const params = new ParameterBag();
  const indexes: IndexUse | undefined = indexedPaths && indexedPaths.size > 0 ? { paths: indexedPaths, used: new Set() } : undefined;
  // A left-out anchor twin's $dtId is its relationship's start column.
  const anchor = leftOutAnchor(plan);
  const resolve = (path: PathNode): ResolvedPath => {
    const resolved = plan.scope.resolve(path);
    if (!anchor || resolved.kind !== 'property' || resolved.collection !== anchor.twin) return resolved;
    return { kind: 'property', collection: anchor.hop.relationship, path: [{ ...resolved.path[0]!, name: anchor.idColumn }] };
  };
  const context: SqlContext = { scope: plan.scope, params, resolve, ...(catalog ? { catalog } : {}), ...(indexes ? { indexes } : {}) };
  const select = compileSelect(plan, context);
  const { from, conditions } = compileFrom(plan, params);
  if (plan.where) conditions.push(compileCondition(plan.where, context));
  let sql = `SELECT ${plan.distinct ? 'DISTINCT ' : ''}${select.columns.join(', ')} FROM ${from}`;
  if (conditions.length > 0) sql += ` WHERE ${conditions.join(' AND ')}`;
  if (select.groupBy.length > 0) sql += ` GROUP BY ${select.groupBy.join(', ')}`;
  if (select.orderBy.length > 0) sql += ` ORDER BY ${select.orderBy.join(', ')}`;
  return { sql, parameters: params.toObject(), shape: select.shape, indexes: [...(indexes?.used ?? [])].sort() };
}
