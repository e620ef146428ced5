import duckdb from '@duckdb/node-bindings';
import { endianness } from 'node:os';

/** Rows in one DuckDB data chunk (DuckDB's vector size). */
export const chunkRows = duckdb.vector_size();

/** How a column of a data chunk is filled: values by row index, then written to its vector at once. */
export interface ChunkColumn {
  /** Copies the first `count` rows into `vector` (one native call per column, not per value). */
  write(vector: duckdb.Vector, count: number): void;
  /** Forgets the rows written so far, for the next chunk. */
  reset(): void;
}

/** The validity bits of a column (DuckDB's layout: bit i of the little-endian word i / 64). */
class Validity {
  private readonly bits = new Uint8Array(chunkRows / 8);
  private hasNulls = false;

  setNull(row: number): void {
    if (!this.hasNulls) {
      this.bits.fill(0xff);
      this.hasNulls = true;
    }
    this.bits[row >> 3]! &= ~(1 << (row & 7));
  }

  write(vector: duckdb.Vector, count: number): void {
    if (!this.hasNulls) return;
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, this.bits.buffer, 0, Math.ceil(count / 64) * 8);
  }

  reset(): void {
    this.hasNulls = false;
  }
}

/** A TIMESTAMPTZ column: microseconds since the epoch. */
export class TimestampColumn implements ChunkColumn {
  private readonly values = new BigInt64Array(chunkRows);
  private readonly validity = new Validity();

  set(row: number, micros: bigint | null): void {
    if (micros === null) this.validity.setNull(row);
    else this.values[row] = micros;
  }

  write(vector: duckdb.Vector, count: number): void {
    duckdb.copy_data_to_vector(vector, 0, this.values.buffer, 0, count * 8);
    this.validity.write(vector, count);
  }

  reset(): void {
    this.validity.reset();
  }
}

/** A DOUBLE column. */
export class DoubleColumn implements ChunkColumn {
  private readonly values = new Float64Array(chunkRows);
  private readonly validity = new Validity();

  set(row: number, value: number | null): void {
    if (value === null) this.validity.setNull(row);
    else this.values[row] = value;
  }

  write(vector: duckdb.Vector, count: number): void {
    duckdb.copy_data_to_vector(vector, 0, this.values.buffer, 0, count * 8);
    this.validity.write(vector, count);
  }

  reset(): void {
    this.validity.reset();
  }
}

// DuckDB's C API string (duckdb_string_t) is 16 bytes: a uint32 length, then up to 12 bytes
// inline, zero-padded (DuckDB compares the padding). Short strings are written in that form
// straight into the column's buffer; longer ones go through DuckDB's string heap one by one.
const slotBytes = 16;
const inlineBytes = 12;
const inlineWrites = endianness() === 'LE';
const encoder = new TextEncoder();
const scratch = new Uint8Array(inlineBytes + 4);

/** Writes `text` as an inline string at `offset`; false when it needs DuckDB's string heap. */
function writeInline(bytes: Uint8Array, offset: number, text: string): boolean {
  if (!inlineWrites || text.length > inlineBytes) return false;
  bytes.fill(0, offset, offset + slotBytes);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return writeInlineUtf8(bytes, offset, text);
    bytes[offset + 4 + i] = code;
  }
  bytes[offset] = text.length;
  return true;
}

function writeInlineUtf8(bytes: Uint8Array, offset: number, text: string): boolean {
  const { read, written } = encoder.encodeInto(text, scratch);
  if (read < text.length || written > inlineBytes) return false;
  bytes.fill(0, offset, offset + slotBytes);
  bytes.set(scratch.subarray(0, written), offset + 4);
  bytes[offset] = written;
  return true;
}

/**
 * A VARCHAR (or JSON) column. With `repeats`, it remembers the encoded form of each distinct
 * value (twin ids, names), so a value seen before costs a 16-byte copy.
 */
export class VarcharColumn implements ChunkColumn {
  private readonly bytes = new Uint8Array(chunkRows * slotBytes);
  private readonly validity = new Validity();
  private readonly long: { row: number; text: string }[] = [];
  private readonly seen: Map<string, Uint8Array | null> | null;

  constructor(repeats = false) {
    this.seen = repeats ? new Map() : null;
  }

  set(row: number, text: string | null): void {
    const offset = row * slotBytes;
    if (text === null) {
      this.bytes.fill(0, offset, offset + slotBytes);
      return this.validity.setNull(row);
    }
    if (!this.seen) {
      if (!writeInline(this.bytes, offset, text)) this.long.push({ row, text });
      return;
    }
    let slot = this.seen.get(text);
    if (slot === undefined) {
      slot = writeInline(this.bytes, offset, text) ? this.bytes.slice(offset, offset + slotBytes) : null;
      this.seen.set(text, slot);
    }
    if (slot) this.bytes.set(slot, offset);
    else this.long.push({ row, text });
  }

  write(vector: duckdb.Vector, count: number): void {
    duckdb.copy_data_to_vector(vector, 0, this.bytes.buffer, 0, count * slotBytes);
    for (const { row, text } of this.long) duckdb.vector_assign_string_element(vector, row, text);
    this.validity.write(vector, count);
  }

  reset(): void {
    this.long.length = 0;
    this.validity.reset();
  }
}
