import type { ExpressionNode, LiteralNode, PathSegment } from '../ast/nodes';
import { queryError } from '../errors';
import type { Collection, ResolvedPath } from '../planner/scope';
import type { IndexUse } from './context';
import type { ParameterBag } from './params';

/** The JSON type classes comparisons care about: values of different classes never compare. */
export type ValueClass = 'string' | 'number' | 'boolean' | 'null';

/**
 * A scalar in SQL. `staticClass` is known for literals and column-backed system properties;
 * otherwise `type` is the `json_type` of the value (NULL when the property is missing).
 */
export interface ScalarSql {
  readonly value: string;
  readonly staticClass?: ValueClass;
  readonly type?: string;
  /** The value as JSON text (NULL when missing), for projection and grouping. */
  readonly json: string;
  /** For JSON-backed properties: the document column and the bound JSON path (for json_each). */
  readonly source?: { readonly body: string; readonly path: string };
  /** True for a column-backed system property: static class, but NULL when an outer JOIN found nothing. */
  readonly column?: boolean;
}

/** The `json_type` names of each class. */
export const jsonTypesOf: Readonly<Record<ValueClass, readonly string[]>> = {
  string: ['text'],
  number: ['integer', 'real'],
  boolean: ['true', 'false'],
  null: ['null'],
};

/** SQL that is 1 when `typeSql` (a json_type result) is of `valueClass`. */
export function classGuard(typeSql: string, valueClass: ValueClass): string {
  const types = jsonTypesOf[valueClass];
  return types.length === 1 ? `${typeSql} = '${types[0]}'` : `${typeSql} IN (${types.map((t) => `'${t}'`).join(', ')})`;
}

/** The class of a literal value. */
export function classOf(value: LiteralNode['value']): ValueClass {
  if (value === null) return 'null';
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
}

/** A literal as a parameter (booleans as 1/0). */
export function literalSql(node: LiteralNode, params: ParameterBag): ScalarSql {
  const value = node.value;
  const bound = typeof value === 'boolean' ? (value ? '1' : '0') : value === null ? 'NULL' : params.bind(value);
  const json = value === null ? "'null'" : typeof value === 'boolean' ? `'${value}'` : `json_quote(${bound})`;
  return { value: bound, staticClass: classOf(value), json };
}

const simpleKey = /^[A-Za-z0-9_$]+$/;

/** A JSON path for SQLite from property segments; quoted where a name has dots or spaces. */
export function jsonPath(segments: readonly PathSegment[]): string {
  let path = '$';
  for (const segment of segments) {
    const name = segment.name;
    if (simpleKey.test(name)) path += `.${name}`;
    else if (!/["\\]/.test(name)) path += `."${name}"`;
    else throw queryError('Semantic', 'a property name in a query cannot contain a double quote or a backslash.', segment.position);
  }
  return path;
}

const twinColumns: Readonly<Record<string, string>> = { $dtId: 'id', $etag: 'etag' };
const relationshipColumns: Readonly<Record<string, string>> = {
  $relationshipId: 'id', $sourceId: 'source', $targetId: 'target', $relationshipName: 'name', $etag: 'etag',
};

/** The table column behind a system property (`$dtId`, `$metadata.$model`, `$sourceId`, …), if any. */
export function systemColumn(collection: Collection, path: readonly PathSegment[]): string | undefined {
  const [first, second] = path;
  if (collection.kind === 'twin') {
    if (path.length === 1 && twinColumns[first.name]) return `${collection.sqlAlias}.${twinColumns[first.name]}`;
    if (path.length === 2 && first.name === '$metadata' && second.name === '$model') return `${collection.sqlAlias}.model`;
    return undefined;
  }
  return path.length === 1 && relationshipColumns[first.name] ? `${collection.sqlAlias}.${relationshipColumns[first.name]}` : undefined;
}

/**
 * A property of a collection as SQL: a column when it has one, else JSON functions over `body`.
 * With `indexes`, a twin property the store indexes keeps its JSON path in the SQL text, as the
 * index's definition has it, so SQLite can seek in the index: such a path is one of the store's
 * indexed paths (DTDL names only), never text from the query.
 */
export function propertySql(resolved: Extract<ResolvedPath, { kind: 'property' }>, params: ParameterBag, indexes?: IndexUse): ScalarSql {
  const column = systemColumn(resolved.collection, resolved.path);
  if (column) return { value: column, staticClass: 'string', column: true, json: `(CASE WHEN ${column} IS NOT NULL THEN json_quote(${column}) END)` };
  const body = `${resolved.collection.sqlAlias}.body`;
  const text = jsonPath(resolved.path);
  const indexed = resolved.collection.kind === 'twin' && indexes?.paths.has(text) === true;
  if (indexed) indexes!.used.add(text);
  const path = indexed ? `'${text}'` : params.bind(text);
  return { value: `json_extract(${body}, ${path})`, type: `json_type(${body}, ${path})`, json: `(${body} -> ${path})`, source: { body, path } };
}

/** The scalar behind a path or literal operand; anything else is not a value. `indexes` as for propertySql. */
export function scalarOf(node: ExpressionNode, resolve: (node: ExpressionNode) => ResolvedPath | undefined, params: ParameterBag, indexes?: IndexUse): ScalarSql {
  if (node.kind === 'literal') return literalSql(node, params);
  if (node.kind === 'path') {
    const resolved = resolve(node);
    if (resolved?.kind === 'property') return propertySql(resolved, params, indexes);
    if (resolved?.kind === 'collection') {
      throw queryError('Semantic', `${resolved.collection.name ?? 'this collection'} is a collection, not a value.`, node.position, `compare one of its properties, such as ${resolved.collection.name ?? 'T'}.$dtId.`);
    }
  }
  throw queryError('Semantic', 'expected a property or a literal value here.', node.position);
}
