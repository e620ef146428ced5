import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { twinPropertyMacro } from './schema';

/**
 * What one subject may see of the history: the twins it may read (`all` when nothing narrows
 * reading) and property paths hidden from it (each a list of segments, `["thermostat", "setpoint"]`).
 */
export interface AnalyticsScope {
  readonly twinIds: ReadonlySet<string> | 'all';
  readonly hiddenPaths: readonly (readonly string[])[];
}

/** Table functions a narrowed query may call: they make rows, they read no table. */
const allowedTableFunctions = new Set(['range', 'generate_series', 'unnest', 'json_each', 'json_tree']);
/** Scalar functions that run SQL text of their own, which would escape the narrowed views. */
const refusedFunctions = new Set(['json_execute_serialized_sql', 'query', 'query_table']);
/** Schema names that resolve to the connection's temporary views first. */
const shadowedSchemas = new Set(['', 'main', 'temp']);

const refused = (message: string) => new EngineError(ErrorCode.Forbidden, message);
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const identifier = (text: string) => `"${text.replace(/"/g, '""')}"`;
const plainSegment = /^[A-Za-z0-9_]+$/;

type Node = Record<string, unknown>;

/** Every table reference and function call of a serialized statement must stay inside the views. */
function checkNode(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) checkNode(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Node;
  if (record.type === 'BASE_TABLE') {
    const catalog = String(record.catalog_name ?? '');
    const schema = String(record.schema_name ?? '');
    if (catalog !== '' || !shadowedSchemas.has(schema)) {
      throw refused(`Analytics for this subject reads the history tables by their plain names (such as telemetry); ${[catalog, schema, record.table_name].filter(Boolean).join('.')} names a database or schema directly.`);
    }
  }
  if (record.type === 'TABLE_FUNCTION') {
    const name = String((record.function as Node | undefined)?.function_name ?? '').toLowerCase();
    if (!allowedTableFunctions.has(name)) throw refused(`Analytics for this subject may not call the table function ${name}; only ${[...allowedTableFunctions].join(', ')} are allowed.`);
  }
  if (record.class === 'FUNCTION' && refusedFunctions.has(String(record.function_name ?? '').toLowerCase())) {
    throw refused(`Analytics for this subject may not call ${String(record.function_name)}.`);
  }
  for (const value of Object.values(record)) checkNode(value);
}

/**
 * Refuses a statement that could reach past the narrowed views: anything but a SELECT (EXPLAIN
 * and PRAGMA-like forms cannot be inspected), tables named through a database or schema, and
 * functions that run SQL text of their own.
 */
export async function checkScopedStatement(connection: DuckDBConnection, text: string): Promise<void> {
  const serialized = (await connection.runAndReadAll('SELECT json_serialize_sql(?::VARCHAR)', [text])).getRowsJS()[0]?.[0];
  const tree = JSON.parse(String(serialized)) as { error?: boolean; error_message?: string; statements?: unknown[] };
  if (tree.error) {
    if (/^Only SELECT/i.test(tree.error_message ?? '')) throw refused('Analytics for this subject runs SELECT statements only (EXPLAIN and SHOW are not available to it).');
    return; // A syntax error: preparing the statement reports it with its position.
  }
  checkNode(tree.statements);
}

/** The filter of each history table for a scope; tables not named here show no rows. */
function tableFilters(scope: AnalyticsScope): Record<string, string> {
  const twins = scope.twinIds === 'all' ? () => 'true' : (column: string) => `${column} IN (SELECT id FROM temp.scope_twins)`;
  const keys = scope.hiddenPaths.map((path) => path.join('.'));
  const hiddenKey = keys.length ? `(${keys.map((key) => `Key = ${quote(key)} OR starts_with(Key, ${quote(`${key}.`)})`).join(' OR ')})` : 'false';
  return {
    telemetry: twins('twin_id'),
    telemetry_rollups: twins('twin_id'),
    property_events: `${twins('Id')} AND (RelationshipTarget IS NULL OR ${twins('RelationshipTarget')}) AND NOT (RelationshipId IS NULL AND ${hiddenKey})`,
    twin_lifecycle_events: twins('TwinId'),
    relationship_lifecycle_events: `${twins('Source')} AND ${twins('Target')}`,
    twins: twins('id'),
    relationships: `${twins('source')} AND ${twins('target')}`,
    models: 'true',
  };
}

/** The twin body with hidden paths removed (a missing path is left missing). */
function strippedBody(paths: readonly (readonly string[])[]): string {
  let body = 'body';
  for (const path of paths) {
    // A path whose segments are not plain names hides its whole top-level property.
    const segments = path.every((segment) => plainSegment.test(segment)) ? path : path.slice(0, 1);
    const patch = segments.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), null);
    const parent = segments.length > 1 ? `$.${segments.slice(0, -1).join('.')}` : '$';
    body = `CASE WHEN json_exists(${body}, ${quote(parent)}) THEN json_merge_patch(${body}, ${quote(JSON.stringify(patch))}) ELSE ${body} END`;
  }
  return body;
}

/**
 * Narrows a fresh connection to a scope: a temporary view shadows every table of the history
 * database under the same name (DuckDB resolves plain and `main.` names in `temp` first, and
 * persistent macros such as twin_property expand against them), filtered to the scope's twins,
 * with hidden properties removed from property events and twin bodies. Tables the scope does not
 * know show no rows, so tables added later never leak.
 */
export async function applyScope(connection: DuckDBConnection, scope: AnalyticsScope): Promise<void> {
  const database = String((await connection.runAndReadAll('SELECT current_database()')).getRowsJS()[0]?.[0]);
  if (scope.twinIds !== 'all') {
    await connection.run('CREATE TEMP TABLE scope_twins (id VARCHAR)');
    const appender = await connection.createAppender('scope_twins', 'main', 'temp');
    for (const id of scope.twinIds) {
      appender.appendVarchar(id);
      appender.endRow();
    }
    appender.closeSync();
  }
  const filters = tableFilters(scope);
  const tables = (
    await connection.runAndReadAll(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = $1 AND schema_name = 'main'
       UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = $1 AND schema_name = 'main' AND NOT internal`,
      [database],
    )
  )
    .getRowsJS()
    .map((row) => String(row[0]));
  for (const table of tables) {
    const source = `${identifier(database)}.main.${identifier(table)}`;
    const select = table === 'twins' && scope.hiddenPaths.length ? `SELECT * REPLACE (${strippedBody(scope.hiddenPaths)} AS body) FROM ${source}` : `SELECT * FROM ${source}`;
    await connection.run(`CREATE TEMP VIEW ${identifier(table)} AS ${select} WHERE ${filters[table] ?? 'false'}`);
  }
  await connection.run(twinPropertyMacro('TEMP MACRO', `${identifier(database)}.main.property_events`, filters.property_events!));
}
