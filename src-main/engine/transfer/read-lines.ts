import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** One line of a text file and its number (from 1). */
export interface NumberedLine {
  readonly text: string;
  readonly line: number;
}

/**
 * The lines of a UTF-8 text file (a BOM dropped, CRLF or LF), numbered from 1, reporting bytes
 * read: one batch per chunk read, so a reader can handle thousands of lines per await.
 */
export async function* readLineBatches(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<NumberedLine[]> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  // StringDecoder keeps a character split between chunks and replaces broken bytes, as
  // TextDecoder does, at a fraction of its cost on large files; the BOM is dropped by hand.
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let rest = '';
  let line = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes(bytes);
    const decoded = decoder.write(chunk);
    const text = bytes === chunk.length && decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : rest + decoded;
    const batch: NumberedLine[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      line++;
      const cut = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      batch.push({ text: text.slice(start, cut), line });
      start = end + 1;
    }
    rest = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  rest += decoder.end();
  if (rest.length > 0) yield [{ text: rest.replace(/\r$/, ''), line: line + 1 }];
}

/** The lines of a UTF-8 text file (a BOM dropped, CRLF or LF), numbered from 1, reporting bytes read. */
export async function* readLines(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<NumberedLine> {
  for await (const batch of readLineBatches(path, onBytes)) yield* batch;
}
