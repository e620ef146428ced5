import { DuckDBDataChunk, DuckDBDoubleType, DuckDBTimestampTZType, DuckDBVarCharType, type DuckDBAppender } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { chunkRows, DoubleColumn, TimestampColumn, VarcharColumn, type ChunkColumn } from './chunk-columns';
import { isoMicros } from './timestamps';

/** The `telemetry` table's column types, in table order (JSON travels as VARCHAR). */
const columnTypes = [
  DuckDBTimestampTZType.instance,
  DuckDBTimestampTZType.instance,
  DuckDBVarCharType.instance,
  DuckDBVarCharType.instance,
  DuckDBVarCharType.instance,
  DuckDBDoubleType.instance,
  DuckDBVarCharType.instance,
  DuckDBVarCharType.instance,
];

/** The message a batch's next readings belong to. */
export interface TelemetryMessageHeader {
  /** When the engine received it (ISO 8601). */
  readonly time: string;
  /** When the device says it was measured (ISO 8601), if it says. */
  readonly sourceTime?: string | null;
  readonly twinId: string;
  readonly component?: string | null;
  readonly messageId?: string | null;
}

/** The text of `value` for the `value_json` column (null for what JSON cannot hold). */
function jsonText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  try {
    return JSON.stringify(value) ?? null;
  } catch (error) {
    throw new EngineError(ErrorCode.InvalidArgument, `A telemetry value cannot be stored as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Telemetry rows in DuckDB's own columnar form, built before the store is touched: each
 * reading lands in typed column buffers, which `appendTo` hands to the appender a data chunk
 * at a time. A value the table cannot hold (a bad time) fails `message` or `reading`, so a
 * batch that is built is a batch DuckDB accepts.
 */
export class TelemetryBatch {
  private readonly time = new TimestampColumn();
  private readonly sourceTime = new TimestampColumn();
  private readonly twinId = new VarcharColumn(true);
  private readonly component = new VarcharColumn(true);
  private readonly name = new VarcharColumn(true);
  private readonly value = new DoubleColumn();
  private readonly valueJson = new VarcharColumn();
  private readonly messageId = new VarcharColumn();
  private readonly columns: readonly ChunkColumn[] = [this.time, this.sourceTime, this.twinId, this.component, this.name, this.value, this.valueJson, this.messageId];
  private count = 0;
  private capacity = 0;
  private header: { time: bigint; sourceTime: bigint | null; twinId: string; component: string | null; messageId: string | null } | null = null;
  // Messages of a batch mostly share their times: each distinct text is parsed once in a row.
  private timeText = '';
  private timeMicros = 0n;
  private sourceTimeText = '';
  private sourceTimeMicros = 0n;

  /** Rows added so far. */
  get size(): number {
    return this.count;
  }

  /** Rows the buffers hold without growing. */
  get rowCapacity(): number {
    return this.capacity;
  }

  /** Empties the batch, keeping its buffers, so the next one does not grow them again. */
  clear(): void {
    for (const column of this.columns) column.clear(this.count);
    this.count = 0;
    this.header = null;
  }

  /** Starts a message: the readings added next belong to it. InvalidArgument for a time that is not ISO 8601. */
  message(header: TelemetryMessageHeader): void {
    if (header.time !== this.timeText) {
      this.timeMicros = isoMicros(header.time);
      this.timeText = header.time;
    }
    const sourceTime = header.sourceTime ?? null;
    if (sourceTime !== null && sourceTime !== this.sourceTimeText) {
      this.sourceTimeMicros = isoMicros(sourceTime);
      this.sourceTimeText = sourceTime;
    }
    this.header = { time: this.timeMicros, sourceTime: sourceTime === null ? null : this.sourceTimeMicros, twinId: header.twinId, component: header.component ?? null, messageId: header.messageId ?? null };
  }

  /** Adds one reading of the current message; numbers (and booleans as 0/1) also fill the numeric `value`. */
  reading(name: string, value: unknown): void {
    const header = this.header;
    if (!header) throw new Error('TelemetryBatch.reading needs a message first.');
    const json = value === undefined ? null : jsonText(value);
    const row = this.count;
    if (row === this.capacity) this.reserve();
    this.time.set(row, header.time);
    this.sourceTime.set(row, header.sourceTime);
    this.twinId.set(row, header.twinId);
    this.component.set(row, header.component);
    this.name.set(row, name);
    this.value.set(row, typeof value === 'number' ? (Number.isFinite(value) ? value : null) : typeof value === 'boolean' ? Number(value) : null);
    this.valueJson.set(row, json);
    this.messageId.set(row, header.messageId);
    this.count++;
  }

  /** Appends every row to `appender`, one data chunk (reused) per block of rows. */
  appendTo(appender: DuckDBAppender): void {
    // One native chunk for the whole batch: a fresh chunk per block costs far more than the copies.
    const chunk = DuckDBDataChunk.create(columnTypes);
    for (let block = 0; block * chunkRows < this.count; block++) {
      const rows = Math.min(chunkRows, this.count - block * chunkRows);
      chunk.reset();
      chunk.rowCount = rows;
      this.columns.forEach((column, index) => column.write(duckdb.data_chunk_get_vector(chunk.chunk, index), block, rows));
      appender.appendDataChunk(chunk);
    }
  }

  private reserve(): void {
    this.capacity = Math.max(chunkRows, this.capacity * 2);
    for (const column of this.columns) column.reserve(this.capacity);
  }
}
