import { DuckDBInstance } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, type WriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { EngineError, ErrorCode, type RowFileFormat } from '../../../src-shared/contract';
import { columnsOf, csvField, csvLine } from './row-formats';

/** Opens `path` for writing: a path that cannot be written rejects here, and later write errors reject `put` and `finish` instead of crashing the process. */
async function writeStream(path: string): Promise<WriteStream> {
  const handle = await open(path, 'w').catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied' : error.code === 'EISDIR' ? 'it is a folder' : error.message;
    throw new EngineError(ErrorCode.InvalidArgument, `Cannot write ${path}: ${why}. Choose a file in a folder that exists and that the engine may write.`, { path });
  });
  const stream = handle.createWriteStream();
  stream.on('error', () => undefined);
  return stream;
}

async function put(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Ends the stream and waits until the file is written; a file that could not be opened or written rejects. */
async function finish(stream: WriteStream): Promise<void> {
  stream.end();
  await finished(stream);
}

async function* ndjsonRows(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line) yield JSON.parse(line) as unknown;
}

/** A path as a single-quoted SQL string literal. */
const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Writes query rows to a file: JSON (one array), NDJSON, CSV (one column per top-level key of
 * any row) or Parquet (through DuckDB, columns and types inferred from every row). Rows are
 * streamed through a temporary NDJSON file, so memory stays flat. Returns the row count.
 */
export async function exportRows(pages: AsyncIterable<readonly unknown[]>, path: string, format: RowFileFormat): Promise<number> {
  const staging = format === 'ndjson' ? path : join(tmpdir(), `twinbench-rows-${randomUUID()}.ndjson`);
  const columns = new Set<string>();
  let count = 0;
  let opened = false;
  try {
    const out = await writeStream(staging);
    opened = true;
    for await (const page of pages) {
      if (format === 'csv') columnsOf(page, columns);
      for (const row of page) await put(out, `${JSON.stringify(row)}\n`);
      count += page.length;
    }
    await finish(out);
    if (format === 'ndjson') return count;
    if (format === 'parquet') {
      if (count === 0) throw new EngineError(ErrorCode.InvalidArgument, 'The query returned no rows; a Parquet file needs at least one row to know its columns.');
      const instance = await DuckDBInstance.create(':memory:');
      try {
        const connection = await instance.connect();
        await connection.run(
          `COPY (SELECT * FROM read_json(${sqlString(staging)}, format = 'newline_delimited', sample_size = -1, maximum_object_size = 104857600)) TO ${sqlString(path)} (FORMAT parquet)`,
        );
        connection.closeSync();
      } finally {
        instance.closeSync();
      }
      return count;
    }
    const file = await writeStream(path);
    if (format === 'csv') {
      const names = [...columns];
      await put(file, `${names.map(csvField).join(',')}\r\n`);
      for await (const row of ndjsonRows(staging)) await put(file, csvLine(row, names));
    } else {
      await put(file, '[');
      let first = true;
      for await (const row of ndjsonRows(staging)) {
        await put(file, `${first ? '' : ','}\n  ${JSON.stringify(row)}`);
        first = false;
      }
      await put(file, first ? ']\n' : '\n]\n');
    }
    await finish(file);
    return count;
  } catch (error) {
    // NDJSON is written in place: an export that fails or is cancelled leaves no partial file.
    if (staging === path && opened) await rm(path, { force: true });
    throw error;
  } finally {
    if (staging !== path) await rm(staging, { force: true });
  }
}
