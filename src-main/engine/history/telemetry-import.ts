import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EngineError, ErrorCode, type TelemetryColumnMapping, type TelemetryFileFormat } from '../../../src-shared/contract';
import type { HistoryTask } from './history-tasks';
import { guarded } from './interruptible';

/** One (twin, component, name) of an import, for the caller's model checks. */
export interface ImportedSeries {
  readonly twinId: string;
  readonly component: string | null;
  readonly name: string;
  /** True when every value of the series is a number (or boolean). */
  readonly numeric: boolean;
  /** One of its values, for the error message when it should have been a number. */
  readonly sample: unknown;
}

/** The checks the engine runs on staged rows before anything is stored; they throw to refuse. */
export type ImportChecks = (series: readonly ImportedSeries[], latest: { time: string | null; sourceTime: string | null }) => Promise<void>;

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The format of `path`: the request's, or its extension's. */
export function importFormat(path: string, format: TelemetryFileFormat | undefined): TelemetryFileFormat {
  const chosen = format ?? ({ '.csv': 'csv', '.parquet': 'parquet', '.ndjson': 'ndjson', '.jsonl': 'ndjson' } as const)[extname(path).toLowerCase() as '.csv'];
  if (chosen !== 'csv' && chosen !== 'parquet' && chosen !== 'ndjson') {
    throw new EngineError(ErrorCode.InvalidArgument, `Cannot tell the format of ${path}; use --format csv, parquet or ndjson.`, { path, format });
  }
  return chosen;
}

/** The column names of a CSV header line (RFC 4180 quoting). */
async function csvHeader(path: string): Promise<string[]> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65_536), 0, 65_536, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const names: string[] = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (quoted && char === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') {
        quoted = !quoted;
      } else if (!quoted && char === ',') {
        names.push(current);
        current = '';
      } else if (!quoted && (char === '\n' || char === '\r')) {
        break;
      } else {
        current += char;
      }
    }
    names.push(current);
    if (names.length === 1 && names[0] === '') throw new EngineError(ErrorCode.InvalidArgument, `${path} is empty: a CSV import needs a header line.`, { path });
    return names;
  } finally {
    await handle.close();
  }
}

/** The table function that reads the staged copy; CSV is read as text with its own header so ragged rows are errors. */
async function reader(path: string, staged: string, format: TelemetryFileFormat): Promise<string> {
  if (format === 'parquet') return `read_parquet(${sqlText(staged)})`;
  if (format === 'ndjson') return `read_json(${sqlText(staged)}, format = 'newline_delimited')`;
  const columns = (await csvHeader(path)).map((name) => `${sqlText(name)}: 'VARCHAR'`).join(', ');
  return `read_csv(${sqlText(staged)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, columns = {${columns}})`;
}

/** A JSON value from a source column; CSV text that reads as a number becomes that number. */
function jsonValue(column: string, format: TelemetryFileFormat): string {
  const source = ident(column);
  return format === 'csv' ? `CASE WHEN TRY_CAST(${source} AS DOUBLE) IS NOT NULL THEN to_json(TRY_CAST(${source} AS DOUBLE)) ELSE to_json(${source}) END` : `to_json(${source})`;
}

/** The staged rows of the mapping: long form as is, wide form unpivoted (empty cells skipped). */
function mappedSelect(mapping: Required<Pick<TelemetryColumnMapping, 'twinId' | 'time'>> & TelemetryColumnMapping, format: TelemetryFileFormat): string {
  const optional = (column: string | undefined) => (column ? `${ident(column)}::VARCHAR` : 'NULL::VARCHAR');
  // Times are cast straight from the source column (no text round trip for Parquet timestamps); a
  // cell that does not cast is NULL here and found again in import_raw for the error message.
  const sourceTime = mapping.sourceTime ? `TRY_CAST(${ident(mapping.sourceTime)} AS TIMESTAMPTZ) AS source_time, ${ident(mapping.sourceTime)} IS NOT NULL AS has_source_time` : 'NULL::TIMESTAMPTZ AS source_time, false AS has_source_time';
  const keys = `row_no, ${ident(mapping.twinId)}::VARCHAR AS twin_id, TRY_CAST(${ident(mapping.time)} AS TIMESTAMPTZ) AS time, ${sourceTime}, ${optional(mapping.component)} AS component, ${optional(mapping.messageId)} AS message_id`;
  if (mapping.values) {
    const values = mapping.values.map((column) => `${jsonValue(column, format)} AS ${ident(column)}`).join(', ');
    return `UNPIVOT (SELECT ${keys}, ${values} FROM import_raw) ON ${mapping.values.map(ident).join(', ')} INTO NAME name VALUE value_json`;
  }
  return `SELECT ${keys}, ${ident(mapping.name ?? 'name')}::VARCHAR AS name, ${jsonValue(mapping.value ?? 'value', format)} AS value_json FROM import_raw`;
}

/** The mapping with defaults, checked against the file's columns. */
function resolveMapping(mapping: TelemetryColumnMapping | undefined, available: readonly string[], path: string) {
  const resolved = { ...mapping, twinId: mapping?.twinId ?? 'twin_id', time: mapping?.time ?? 'time' };
  if (resolved.values !== undefined && (!Array.isArray(resolved.values) || resolved.values.length === 0)) {
    throw new EngineError(ErrorCode.InvalidArgument, 'The mapping\'s "values" is a non-empty list of column names.', { mapping });
  }
  const wanted = [resolved.twinId, resolved.time, resolved.sourceTime, resolved.component, resolved.messageId, ...(resolved.values ?? [resolved.name ?? 'name', resolved.value ?? 'value'])];
  const missing = wanted.filter((column): column is string => column !== undefined && !available.includes(column));
  if (missing.length > 0) {
    throw new EngineError(ErrorCode.InvalidArgument, `${path} has no column ${missing.join(', ')} (it has ${available.join(', ')}); map the columns with --map.`, { path, missing, available: [...available] });
  }
  return resolved;
}

/** DuckDB's message for a file that does not read, without its list of possible fixes. */
function unreadable(path: string, error: unknown): EngineError {
  // The guard types DuckDB's errors as query errors; for a file they say what is wrong with it.
  if (error instanceof EngineError && error.code !== ErrorCode.QuerySyntax) return error;
  const message = (error instanceof Error ? error.message : String(error)).split('\nPossible fixes')[0]!.trim();
  return new EngineError(ErrorCode.InvalidArgument, `${path} cannot be imported: ${message}`, { path });
}

/**
 * Imports a telemetry file all or nothing: the file is copied into the private staging folder
 * (the only place DuckDB may read), read and mapped into a temporary table, checked (times,
 * twins, numeric telemetry) and only then inserted, in one statement. A cancel or an error at
 * any step leaves the history as it was.
 */
export async function importTelemetryFile(
  instance: DuckDBInstance,
  stagingDir: string,
  request: { readonly path: string; readonly format?: TelemetryFileFormat; readonly mapping?: TelemetryColumnMapping },
  checks: ImportChecks,
  task: HistoryTask,
): Promise<{ stored: number; twins: number }> {
  const { path } = request;
  const size = await stat(path).then(
    (info) => info.size,
    () => {
      throw new EngineError(ErrorCode.NotFound, `There is no file ${path} to import.`, { path });
    },
  );
  const format = importFormat(path, request.format);
  const staged = join(stagingDir, `${randomUUID()}.${format}`);
  const connection = await instance.connect();
  try {
    await copyWithProgress(path, staged, size, task);
    const source = await reader(path, staged, format);
    const available = await guarded(connection, null, task, async () => (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowsJS().map((row) => String(row[0]))).catch((error: unknown) => {
      throw unreadable(path, error);
    });
    const mapping = resolveMapping(request.mapping, available, path);
    await stage(connection, source, mappedSelect(mapping, format), path, task);
    task.report('checking', 0, null, 'rows');
    await checkStaged(connection, path, mapping, checks);
    task.report('writing', 0, null, 'rows');
    const stored = await guarded(connection, null, task, async () =>
      Number(
        (
          await connection.runAndReadAll(
            `INSERT INTO telemetry SELECT time, source_time, twin_id, component, name,
               CASE json_type(value_json) WHEN 'BOOLEAN' THEN value_json::BOOLEAN::DOUBLE WHEN 'DOUBLE' THEN value_json::DOUBLE WHEN 'BIGINT' THEN value_json::DOUBLE WHEN 'UBIGINT' THEN value_json::DOUBLE END,
               value_json, message_id FROM import_rows ORDER BY row_no`,
          )
        ).getRowsJS()[0]![0],
      ),
    );
    const twins = Number((await connection.runAndReadAll('SELECT count(DISTINCT twin_id) FROM import_rows')).getRowsJS()[0]![0]);
    task.report('done', stored, stored, 'rows');
    return { stored, twins };
  } finally {
    connection.disconnectSync();
    await rm(staged, { force: true });
  }
}

/** Copies the file into the staging folder, reporting bytes; a cancel stops the copy. */
async function copyWithProgress(path: string, staged: string, size: number, task: HistoryTask): Promise<void> {
  let copied = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      copied += chunk.length;
      task.report('reading', copied, size, 'bytes');
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(path), counter, createWriteStream(staged), { signal: task.signal });
  } catch (error) {
    task.throwIfCancelled();
    throw new EngineError(ErrorCode.InvalidArgument, `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
  }
}

/** Reads the file into `import_raw` (with row numbers) and maps it into `import_rows`, times parsed. */
async function stage(connection: DuckDBConnection, source: string, select: string, path: string, task: HistoryTask): Promise<void> {
  const poll = setInterval(() => task.report('reading', Math.max(0, connection.progress.percentage), 100, 'percent'), 200);
  try {
    await guarded(connection, null, task, async () => {
      await connection.run(`CREATE TEMP TABLE import_raw AS SELECT row_number() OVER () AS row_no, * FROM ${source}`);
      await connection.run(`CREATE TEMP TABLE import_rows AS ${select}`);
    });
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    clearInterval(poll);
  }
}

/** Refuses rows without a twin, name or readable time, then hands the series to the engine's checks. */
async function checkStaged(connection: DuckDBConnection, path: string, columns: { time: string; sourceTime?: string }, checks: ImportChecks): Promise<void> {
  const bad = (
    await connection.runAndReadAll(`SELECT row_no, twin_id, name, time IS NULL, source_time IS NULL AND has_source_time FROM import_rows
      WHERE twin_id IS NULL OR twin_id = '' OR name IS NULL OR name = '' OR time IS NULL OR (source_time IS NULL AND has_source_time) ORDER BY row_no LIMIT 1`)
  ).getRowsJS()[0];
  if (bad) {
    const [row, twinId, name, badTime, badSource] = bad;
    const cell = async (column: string) => (await connection.runAndReadAll(`SELECT ${ident(column)}::VARCHAR FROM import_raw WHERE row_no = ${Number(row)}`)).getRowsJS()[0]?.[0] ?? null;
    const reason = !twinId
      ? 'has no twin id'
      : !name
        ? 'has no telemetry name'
        : badTime
          ? `has a time that is not a date-time: ${JSON.stringify(await cell(columns.time))}`
          : badSource && columns.sourceTime
            ? `has a source time that is not a date-time: ${JSON.stringify(await cell(columns.sourceTime))}`
            : 'is incomplete';
    throw new EngineError(ErrorCode.InvalidArgument, `${path}: data row ${String(row)} ${reason}; nothing was imported.`, { path, row: Number(row) });
  }
  const latest = (await connection.runAndReadAll('SELECT epoch_ms(max(time)), epoch_ms(max(source_time)) FROM import_rows')).getRowsJS()[0]!;
  const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)).toISOString());
  const series = (
    await connection.runAndReadAll(`SELECT twin_id, component, name, bool_and(json_type(value_json) IN ('DOUBLE', 'BIGINT', 'UBIGINT', 'BOOLEAN')), any_value(value_json) FILTER (WHERE json_type(value_json) NOT IN ('DOUBLE', 'BIGINT', 'UBIGINT', 'BOOLEAN'))
      FROM import_rows GROUP BY ALL ORDER BY twin_id, name`)
  ).getRowsJS();
  await checks(
    series.map(([twinId, component, name, numeric, sample]) => ({ twinId: String(twinId), component: component === null ? null : String(component), name: String(name), numeric: numeric === true, sample: typeof sample === 'string' ? (JSON.parse(sample) as unknown) : sample })),
    { time: iso(latest[0]), sourceTime: iso(latest[1]) },
  );
}
