import duckdb from '@duckdb/node-bindings';
import { endianness } from 'node:os';

/** Rows in one DuckDB data chunk (DuckDB's vector size, a multiple of 64). */
export const chunkRows = duckdb.vector_size();

/**
 * One column of a batch, held in DuckDB's own memory layout in growable buffers, and written
 * to a data chunk's vector a block of `chunkRows` rows at a time: one native copy per column
 * and block, not one call per value.
 */
export interface ChunkColumn {
  /** Makes room for `rows` rows. */
  reserve(rows: number): void;
  /** Copies block `block` (its first `count` rows) into `vector`. */
  write(vector: duckdb.Vector, block: number, count: number): void;
  /** Forgets the first `rows` rows, keeping the buffers, so the column can be filled again from row 0. */
  clear(rows: number): void;
}

function grow<T extends Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer> | BigInt64Array<ArrayBuffer>>(array: T, length: number, create: (length: number) => T): T {
  if (array.length >= length) return array;
  const bigger = create(length);
  bigger.set(array as never);
  return bigger;
}

/** The validity bits of a column (DuckDB's layout: bit i of the little-endian word i / 64); written only for blocks with nulls. */
class Validity {
  private bits: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  private readonly blocksWithNulls = new Set<number>();

  reserve(rows: number): void {
    this.bits = grow(this.bits, rows / 8, (length) => new Uint8Array(length));
  }

  setNull(row: number): void {
    const block = Math.floor(row / chunkRows);
    if (!this.blocksWithNulls.has(block)) {
      this.blocksWithNulls.add(block);
      this.bits.fill(0xff, (block * chunkRows) / 8, ((block + 1) * chunkRows) / 8);
    }
    this.bits[row >> 3]! &= ~(1 << (row & 7));
  }

  clear(): void {
    this.blocksWithNulls.clear();
  }

  write(vector: duckdb.Vector, block: number, count: number): void {
    if (!this.blocksWithNulls.has(block)) return;
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, this.bits.buffer, (block * chunkRows) / 8, Math.ceil(count / 64) * 8);
  }
}

/** A column of fixed-width numbers: TIMESTAMPTZ (microseconds, BigInt64Array) or DOUBLE (Float64Array). */
abstract class FixedWidthColumn<T extends Float64Array<ArrayBuffer> | BigInt64Array<ArrayBuffer>, V extends number | bigint> implements ChunkColumn {
  protected values: T;
  private readonly validity = new Validity();

  constructor(private readonly create: (length: number) => T) {
    this.values = create(0);
  }

  set(row: number, value: V | null): void {
    if (value === null) this.validity.setNull(row);
    else this.values[row] = value;
  }

  reserve(rows: number): void {
    this.values = grow(this.values, rows, this.create);
    this.validity.reserve(rows);
  }

  clear(): void {
    this.validity.clear();
  }

  write(vector: duckdb.Vector, block: number, count: number): void {
    duckdb.copy_data_to_vector(vector, 0, this.values.buffer, block * chunkRows * 8, count * 8);
    this.validity.write(vector, block, count);
  }
}

/** A TIMESTAMPTZ column: microseconds since the epoch. */
export class TimestampColumn extends FixedWidthColumn<BigInt64Array<ArrayBuffer>, bigint> {
  constructor() {
    super((length) => new BigInt64Array(length));
  }
}

/** A DOUBLE column. */
export class DoubleColumn extends FixedWidthColumn<Float64Array<ArrayBuffer>, number> {
  constructor() {
    super((length) => new Float64Array(length));
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
/** Distinct values a repeating column remembers across the batches it is reused for. */
const maxRemembered = 100_000;

/** Writes `text` as an inline string into the zeroed slot at `offset`; false when it needs DuckDB's string heap. */
function writeInline(bytes: Uint8Array, offset: number, text: string): boolean {
  if (!inlineWrites || text.length > inlineBytes) return false;
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
 * value (twin ids, names), so a value seen before costs a 16-byte copy. Each row is set once.
 */
export class VarcharColumn implements ChunkColumn {
  private bytes: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  private readonly validity = new Validity();
  /** Rows whose text is too long to inline, in row order. */
  private long: { row: number; text: string }[] = [];
  private readonly seen: Map<string, Uint8Array | null> | null;
  private longCursor = 0;

  constructor(repeats = false) {
    this.seen = repeats ? new Map() : null;
  }

  set(row: number, text: string | null): void {
    if (text === null) return this.validity.setNull(row);
    const offset = row * slotBytes;
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

  reserve(rows: number): void {
    this.bytes = grow(this.bytes, rows * slotBytes, (length) => new Uint8Array(length));
    this.validity.reserve(rows);
  }

  clear(rows: number): void {
    // Inline slots are written into zeroed bytes (the padding counts), so the used ones are zeroed again.
    this.bytes.fill(0, 0, rows * slotBytes);
    this.long = [];
    this.longCursor = 0;
    this.validity.clear();
    if (this.seen && this.seen.size > maxRemembered) this.seen.clear();
  }

  write(vector: duckdb.Vector, block: number, count: number): void {
    const first = block * chunkRows;
    duckdb.copy_data_to_vector(vector, 0, this.bytes.buffer, first * slotBytes, count * slotBytes);
    if (block === 0) this.longCursor = 0;
    while (this.longCursor < this.long.length && this.long[this.longCursor]!.row < first + count) {
      const { row, text } = this.long[this.longCursor++]!;
      if (row >= first) duckdb.vector_assign_string_element(vector, row - first, text);
    }
    this.validity.write(vector, block, count);
  }
}
