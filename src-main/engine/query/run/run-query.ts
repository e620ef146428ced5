import type { Database, Statement } from 'better-sqlite3';
import { EngineError, ErrorCode } from '../../../../src-shared/contract';
import { compileQuery, type CompiledQuery } from '../compile';
import { indexedProperties, type IndexedProperties } from '../../graph/property-indexes';
import type { QueryCatalog } from '../planner/plan';
import type { RowShape } from '../sql/select';
import { decodeContinuation, encodeContinuation, fingerprintOf } from './continuation';

/** Options of runQuery. `pageSize` is 1..1000 (ADT's page bound), 1000 by default. */
export interface RunQueryOptions {
  readonly strict?: boolean;
  readonly catalog?: QueryCatalog;
  /** The store's property indexes, so comparisons on indexed properties can seek. */
  readonly indexes?: IndexedProperties;
  readonly pageSize?: number;
  readonly continuationToken?: string;
}

/** One page of results, with a token when more rows follow. */
export interface QueryPage {
  readonly items: readonly unknown[];
  readonly continuationToken?: string;
}

/** The largest page, as in ADT. */
export const maxPageSize = 1000;

const compiledCache = new Map<string, CompiledQuery>();
const statementCache = new WeakMap<Database, Map<string, Statement>>();
/** Each compiled query's statement on each database, so a repeated query skips every lookup. */
const boundStatements = new WeakMap<CompiledQuery, { db: Database; statement: Statement }>();
const cacheSize = 256;

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Refresh the entry's age only when eviction could reach it: hits stay cheap.
    if (cache.size >= cacheSize / 2) {
      cache.delete(key);
      cache.set(key, hit);
    }
    return hit;
  }
  const value = make();
  cache.set(key, value);
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  return value;
}

const noIndexes = indexedProperties([]);

function compileCached(text: string, strict: boolean, catalog: QueryCatalog | undefined, indexes: IndexedProperties = noIndexes): CompiledQuery {
  // A catalog changes the checks, so compilations are shared per catalog version only.
  const compile = () => compileQuery(text, { strict, catalog, indexedPaths: indexes.paths });
  if (catalog && catalog.version === undefined) return compile();
  const key = `${strict ? 's' : 'e'}${catalog ? catalog.version : ''}/${indexes.key}:${text}`;
  return remember(compiledCache, key, compile);
}

function statementFor(db: Database, sql: string): Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  // Paging is appended to the statement; a statement with its own LIMIT is wrapped instead.
  const paged = /\bLIMIT\b/i.test(sql) ? `SELECT * FROM (${sql}) LIMIT @__take OFFSET @__skip` : `${sql} LIMIT @__take OFFSET @__skip`;
  return remember(cache, sql, () => db.prepare(paged).raw(true));
}

function shapeRow(row: readonly unknown[], shape: RowShape): unknown {
  if (shape.mode === 'document') return JSON.parse(row[0] as string);
  const item: Record<string, unknown> = {};
  shape.columns.forEach((column, i) => {
    const value = row[i];
    // A projection leaves out what a row does not have, as ADT does.
    if (value === null || value === undefined) return;
    item[column.key] = column.kind === 'number' ? value : JSON.parse(value as string);
  });
  return item;
}

/** Options of reading every row of a query in one run of its statement. */
export type WholeQueryOptions = Pick<RunQueryOptions, 'strict' | 'catalog' | 'indexes'>;

/** The statement and parameters of a query's whole answer (its own TOP/LIMIT and OFFSET kept), and its row shape. */
function wholeQuery(db: Database, text: string, options: WholeQueryOptions): { statement: Statement; parameters: Record<string, unknown>; shape: RowShape } {
  const compiled = compileCached(text, options.strict ?? false, options.catalog, options.indexes);
  // LIMIT -1 is SQLite's "no limit".
  const parameters: Record<string, unknown> = { ...compiled.parameters, __take: compiled.limit ?? -1, __skip: compiled.offset ?? 0 };
  return { statement: statementFor(db, compiled.sql), parameters, shape: compiled.shape };
}

/**
 * Every row of a query in ADT's shapes, from one run of its statement. Paging with continuation
 * tokens skips the rows of earlier pages again on every page; engine work that needs a whole
 * answer (a scene's rooms, the twins of an export) reads it this way instead.
 */
export function allQueryRows(db: Database, text: string, options: WholeQueryOptions = {}): unknown[] {
  const { statement, parameters, shape } = wholeQuery(db, text, options);
  return (statement.all(parameters) as unknown[][]).map((row) => shapeRow(row, shape));
}

/**
 * Every row of a query in ADT's shapes, one at a time as SQLite steps the statement. While the
 * iteration is open the connection runs nothing else, so it is for a connection of its own
 * (an export's reader, which also sees one snapshot of the graph throughout).
 */
export function* iterateQueryRows(db: Database, text: string, options: WholeQueryOptions = {}): Generator<unknown> {
  const { statement, parameters, shape } = wholeQuery(db, text, options);
  for (const row of statement.iterate(parameters) as IterableIterator<unknown[]>) yield shapeRow(row, shape);
}

/** Runs a query (text or compiled) on the graph database and returns one page of ADT-shaped rows. */
export function runQuery(db: Database, query: string | CompiledQuery, options: RunQueryOptions = {}): QueryPage {
  const pageSize = options.pageSize ?? maxPageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new EngineError(ErrorCode.InvalidArgument, `The page size must be a whole number from 1 to ${maxPageSize}.`, { pageSize });
  }
  let compiled: CompiledQuery;
  let pageOffset = 0;
  if (options.continuationToken !== undefined) {
    // As in ADT, a continuation token carries its query: the query argument is then ignored.
    const continuation = decodeContinuation(options.continuationToken);
    compiled = typeof query !== 'string' && query.text === continuation.text && query.strict === continuation.strict
      ? query
      : compileCached(continuation.text, continuation.strict, options.catalog, indexedProperties(continuation.indexes));
    if (fingerprintOf(compiled) !== continuation.fingerprint) {
      throw new EngineError(ErrorCode.InvalidArgument, 'The continuation token belongs to another query. Run the query again without it.');
    }
    pageOffset = continuation.offset;
  } else {
    compiled = typeof query === 'string' ? compileCached(query, options.strict ?? false, options.catalog, options.indexes) : query;
  }
  const remaining = compiled.limit === undefined ? Number.POSITIVE_INFINITY : compiled.limit - pageOffset;
  const take = Math.min(pageSize, remaining);
  if (take <= 0) return { items: [] };
  let bound = boundStatements.get(compiled);
  if (bound?.db !== db) {
    bound = { db, statement: statementFor(db, compiled.sql) };
    boundStatements.set(compiled, bound);
  }
  const parameters: Record<string, unknown> = Object.assign({}, compiled.parameters);
  parameters.__take = take + 1;
  parameters.__skip = (compiled.offset ?? 0) + pageOffset;
  const rows = bound.statement.all(parameters) as unknown[][];
  const more = rows.length > take && remaining > take;
  const items = (rows.length > take ? rows.slice(0, take) : rows).map((row) => shapeRow(row, compiled.shape));
  if (!more) return { items };
  const continuationToken = encodeContinuation({ text: compiled.text, strict: compiled.strict, offset: pageOffset + take, fingerprint: fingerprintOf(compiled), indexes: compiled.indexes });
  return { items, continuationToken };
}
