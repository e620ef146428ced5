import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLineBatches, readLines } from '../../../src-main/engine/transfer/read-lines';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-lines-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function linesOf(bytes: Buffer): Promise<{ text: string; line: number }[]> {
  const file = join(root, 'lines.txt');
  await writeFile(file, bytes);
  const lines: { text: string; line: number }[] = [];
  for await (const line of readLines(file, () => undefined)) lines.push(line);
  return lines;
}

describe('lines of a text file', () => {
  it('drops a BOM, ends lines at LF or CRLF and keeps a last line without a newline', async () => {
    expect(await linesOf(Buffer.from('\ufeff{"a":1}\r\n\r\n{"b":"é"}\nlast', 'utf8'))).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '', line: 2 },
      { text: '{"b":"é"}', line: 3 },
      { text: 'last', line: 4 },
    ]);
  });

  it('keeps a BOM that is not at the start of the file', async () => {
    expect(await linesOf(Buffer.from('a\n\ufeffb\n', 'utf8'))).toEqual([
      { text: 'a', line: 1 },
      { text: '\ufeffb', line: 2 },
    ]);
  });

  it('reads a character whose bytes are split between two chunks of the file', async () => {
    // The file is read 1 MiB at a time: "€" (3 bytes) starts 1 byte before the first chunk ends.
    const head = 'x'.repeat((1 << 20) - 1);
    expect(Buffer.byteLength(head)).toBe((1 << 20) - 1);
    const lines = await linesOf(Buffer.from(`${head}€\nnext\n`, 'utf8'));
    expect(lines.map(({ text, line }) => ({ length: text.length, end: text.slice(-2), line }))).toEqual([
      { length: 1 << 20, end: 'x€', line: 1 },
      { length: 4, end: 'xt', line: 2 },
    ]);
  });

  it('replaces bytes that are not UTF-8 and reports the bytes read', async () => {
    const file = join(root, 'broken.txt');
    await writeFile(file, Buffer.from([0x61, 0xff, 0x62, 0x0a, 0x63]));
    const read: number[] = [];
    const batches: { text: string; line: number }[][] = [];
    for await (const batch of readLineBatches(file, (bytes) => read.push(bytes))) batches.push(batch);
    expect(batches).toEqual([[{ text: 'a\ufffdb', line: 1 }], [{ text: 'c', line: 2 }]]);
    expect(read).toEqual([5]);
  });
});
