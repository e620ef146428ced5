import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { positionAt, queryError } from './errors';
import { parseQuery } from './parser/parser';
import { explainPlan } from './planner/explain';
import { extendedLimits, checkLimits, strictLimits } from './planner/limits';
import { buildPlan, type QueryCatalog } from './planner/plan';
import { checkStrict } from './planner/strict';
import { emitSql } from './sql/emit';
import type { SqlValue } from './sql/params';
import type { RowShape } from './sql/select';

/** Options of compileQuery: strict mode accepts exactly ADT's dialect; the catalog enables name checks and hints. */
export interface CompileOptions {
  readonly strict?: boolean;
  readonly catalog?: QueryCatalog;
  /** JSON paths of the twin properties the store indexes (`$.temperature`): comparisons on them are written so SQLite can seek. */
  readonly indexedPaths?: ReadonlySet<string>;
}

/** A compiled query: plain data, safe to snapshot, cache or send across a boundary. */
export interface CompiledQuery {
  readonly text: string;
  readonly strict: boolean;
  /** One SELECT statement; every value is a named parameter (`@p0`, …). */
  readonly sql: string;
  readonly parameters: Readonly<Record<string, SqlValue>>;
  readonly shape: RowShape;
  /** TOP(n) / LIMIT n: the most rows over all pages. */
  readonly limit?: number;
  /** OFFSET n (extended mode): rows skipped before the first page. */
  readonly offset?: number;
  /** The plan as readable lines, for `twinbench explain`. */
  readonly plan: readonly string[];
  /** The indexed JSON paths the SQL seeks by, sorted (a continuation compiles with the same ones). */
  readonly indexes: readonly string[];
}

/** Compiles query text to SQL for the graph database; throws a positioned QuerySyntax EngineError when it is not valid. */
export function compileQuery(text: string, options: CompileOptions = {}): CompiledQuery {
  if (typeof text !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'The query must be a string.');
  const strict = options.strict ?? false;
  const limits = strict ? strictLimits : extendedLimits;
  if (text.length > limits.maxLength) {
    throw queryError('Limit', `the query is ${text.length} characters long; the limit is ${limits.maxLength}${strict ? " (ADT's)" : ''}.`, positionAt(text, limits.maxLength), strict ? 'shorten it, or use extended mode.' : 'shorten it.');
  }
  if (text.trim().length === 0) throw queryError('Syntax', 'the query is empty.', positionAt(text, 0), 'start with SELECT.');
  const query = parseQuery(text);
  const plan = buildPlan(query, options.catalog);
  checkLimits(query, plan, limits, strict);
  if (query.select.top && query.limit) throw queryError('Semantic', 'use TOP or LIMIT, not both.', query.limit.position);
  // Names resolve while emitting, so a misspelt collection is reported before strict-mode rules.
  const emitted = emitSql(plan, options.catalog, options.indexedPaths);
  if (strict) checkStrict(query, plan);
  return {
    text, strict, sql: emitted.sql, parameters: emitted.parameters, shape: emitted.shape, plan: explainPlan(plan, strict, emitted.indexes), indexes: emitted.indexes,
    ...(plan.limit === undefined ? {} : { limit: plan.limit }), ...(plan.offset === undefined ? {} : { offset: plan.offset }),
  };
}
