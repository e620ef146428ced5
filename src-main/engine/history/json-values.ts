import { DuckDBTypeId, JSDuckDBValueConverter, JsonDuckDBValueConverter, type DuckDBDataChunk, type DuckDBType } from '@duckdb/node-api';

/** A result column: its name and DuckDB's type name (`BIGINT`, `TIMESTAMP WITH TIME ZONE`, `JSON`, …). */
export interface AnalyticsColumn {
  readonly name: string;
  readonly type: string;
}

/** Types whose JS form is not JSON-friendly (bigint micros, interval parts); DuckDB's JSON text is. */
const textTypes = new Set<DuckDBTypeId>([DuckDBTypeId.TIME, DuckDBTypeId.TIME_TZ, DuckDBTypeId.TIME_NS, DuckDBTypeId.INTERVAL, DuckDBTypeId.BIT, DuckDBTypeId.BIGNUM]);

/** A value made safe for JSON: bigint as number when exact else string, dates as ISO text, bytes as base64. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonSafe(inner)]));
  return value;
}

const isJsonType = (type: DuckDBType) => type.alias === 'JSON';

/** The result's columns as callers see them: JSON columns typed `JSON`, the rest by DuckDB's type name. */
export function columnsOf(names: readonly string[], types: readonly DuckDBType[]): AnalyticsColumn[] {
  return names.map((name, index) => ({ name, type: types[index]!.toString() === 'VARCHAR' && isJsonType(types[index]!) ? 'JSON' : types[index]!.toString() }));
}

/** The rows of one chunk, every value JSON-safe; JSON columns are parsed. */
export function chunkRows(chunk: DuckDBDataChunk, types: readonly DuckDBType[]): unknown[][] {
  const columns = types.map((type, index) => (textTypes.has(type.typeId) ? chunk.convertColumnValues(index, JsonDuckDBValueConverter) : chunk.convertColumnValues(index, JSDuckDBValueConverter)));
  const rows: unknown[][] = [];
  for (let row = 0; row < chunk.rowCount; row++) {
    rows.push(
      types.map((type, column) => {
        const value: unknown = columns[column]![row];
        if (value === null || value === undefined) return null;
        if (textTypes.has(type.typeId)) return value;
        if (isJsonType(type) && typeof value === 'string') {
          try {
            return JSON.parse(value) as unknown;
          } catch {
            return value;
          }
        }
        return jsonSafe(value);
      }),
    );
  }
  return rows;
}
