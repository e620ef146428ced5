import { DuckDBInstance } from '@duckdb/node-api';
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { EngineError, ErrorCode, type ReplayFormat, type SourceDefinition } from '../../../../src-shared/contract';
import type { DeviceMessage } from '../device-pipeline';
import type { RunningSource, SourceContext } from './running-source';
import { SourceCounters } from './source-counters';

type ReplayDefinition = Extract<SourceDefinition, { type: 'replay' }>;

const formats: Readonly<Record<string, ReplayFormat>> = { '.csv': 'csv', '.parquet': 'parquet', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };
const batchRows = 2_000;
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The format of a replay file: given, or by its extension. */
export function replayFormat(definition: { readonly path: string; readonly format?: ReplayFormat }): ReplayFormat {
  const format = definition.format ?? formats[extname(definition.path).toLowerCase()];
  if (format !== 'csv' && format !== 'parquet' && format !== 'ndjson') {
    throw new EngineError(ErrorCode.InvalidArgument, `Replay ${definition.path}: say the format (csv, parquet or ndjson); the extension does not tell.`, { path: definition.path });
  }
  return format;
}

function reader(path: string, format: ReplayFormat): string {
  if (format === 'csv') return `read_csv(${quote(path)}, header = true, auto_detect = true)`;
  if (format === 'parquet') return `read_parquet(${quote(path)})`;
  return `read_json(${quote(path)}, format = 'newline_delimited')`;
}

/** A row's payload: its `payload` object when it has one, otherwise every column but time and deviceId (nulls left out). */
function payloadOf(row: Record<string, unknown>): Record<string, unknown> {
  if (typeof row.payload === 'object' && row.payload !== null && !Array.isArray(row.payload)) return row.payload as Record<string, unknown>;
  const payload: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) if (name !== 'time' && name !== 'deviceId' && value !== null) payload[name] = value;
  return payload;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });

/**
 * Plays a recorded file back through the device bindings: rows in time order, each with its
 * recorded time as the source time, paced at `speed` × real time (0: as fast as the engine
 * stores them). Reports rows done of all rows; stopping cancels it.
 */
export async function startReplay(definition: ReplayDefinition, context: SourceContext): Promise<RunningSource> {
  const path = resolve(context.root, definition.path);
  const format = replayFormat(definition);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new EngineError(ErrorCode.NotFound, `Replay ${definition.name}: there is no file ${path}.`, { path });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const source = reader(path, format);
  let total: number;
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowsJS().map((row) => String(row[0]));
    if (!columns.includes('time') || !columns.includes('deviceId')) {
      throw new EngineError(ErrorCode.InvalidArgument, `Replay ${path}: the file needs a "time" and a "deviceId" column; it has ${columns.join(', ')}.`, { path, columns });
    }
    total = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${source}`)).getRowsJS()[0]![0]);
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    if (error instanceof EngineError) throw error;
    throw new EngineError(ErrorCode.InvalidArgument, `Replay ${path}: cannot read it as ${format}: ${(error as Error).message}`, { path, format });
  }
  const counters = new SourceCounters();
  const abort = new AbortController();
  let done = 0;
  let finished = false;
  const play = async () => {
    const result = await connection.stream(`SELECT epoch_ms(time::TIMESTAMPTZ)::DOUBLE AS t, "deviceId"::VARCHAR AS d, to_json(src)::VARCHAR AS j FROM ${source} AS src ORDER BY t`);
    const startedAt = Date.now();
    let firstTime: number | undefined;
    let batch: DeviceMessage[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const messages = batch;
      batch = [];
      const outcomes = await context.apply(messages);
      let stored = 0;
      for (const outcome of outcomes) {
        if (outcome.ok) stored++;
        else counters.failed(outcome.reason, outcome.message);
      }
      counters.stored(stored);
      done += messages.length;
    };
    for await (const rows of result.yieldRowsJs()) {
      for (const [t, deviceId, json] of rows) {
        if (abort.signal.aborted) return;
        const time = Number(t);
        firstTime ??= time;
        if (definition.speed > 0) {
          const due = startedAt + (time - firstTime) / definition.speed;
          if (due > Date.now()) {
            await flush();
            await sleep(due - Date.now(), abort.signal);
            if (abort.signal.aborted) return;
          }
        }
        const row = JSON.parse(String(json)) as Record<string, unknown>;
        batch.push({ deviceId: String(deviceId), payload: payloadOf(row), ...(Number.isFinite(time) ? { sourceTime: new Date(time).toISOString() } : {}) });
        if (batch.length >= batchRows) await flush();
      }
    }
    await flush();
    finished = true;
  };
  const playing = play()
    .catch((error: unknown) => counters.failed('storeFailed', `Replay ${definition.name} stopped: ${(error as Error).message}`))
    .finally(() => {
      finished = true;
      connection.closeSync();
      instance.closeSync();
    });
  return {
    counters,
    details: () => ({ address: path, progress: { done, total, finished: finished && !abort.signal.aborted } }),
    isRunning: () => !finished,
    stop: async () => {
      abort.abort();
      await playing;
    },
  };
}
