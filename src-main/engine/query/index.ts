// The ADT query language compiler: text → tokens → AST → logical plan → one parameterised SQLite SELECT.
export { compileQuery, type CompileOptions, type CompiledQuery } from './compile';
export { allQueryRows, iterateQueryRows, runQuery, maxPageSize, type QueryPage, type RunQueryOptions, type WholeQueryOptions } from './run/run-query';
export type { QueryCatalog } from './planner/plan';
export type { QueryErrorDetails, QueryErrorReason } from './errors';
export type { OutputColumn, RowShape } from './sql/select';
export type { SqlValue } from './sql/params';
export { strictLimits, extendedLimits, type QueryLimits } from './planner/limits';
