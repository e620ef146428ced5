import { createReadStream } from 'node:fs';

/** The lines of a UTF-8 text file (a BOM dropped, CRLF or LF), numbered from 1, reporting bytes read. */
export async function* readLines(path: string, onBytes: (bytesRead: number) => void): AsyncGenerator<{ text: string; line: number }> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let bytes = 0;
  let rest = '';
  let line = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes(bytes);
    const text = rest + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      line++;
      yield { text: text.slice(start, end).replace(/\r$/, ''), line };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.decode();
  if (rest.length > 0) yield { text: rest.replace(/\r$/, ''), line: line + 1 };
}
