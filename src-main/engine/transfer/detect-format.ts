import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ImportFormat } from '../../../src-shared/contract';

/** The format of an import file, from its extension, or for .json from its first characters. */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl') return 'jobs';
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(256), 0, 256, 0);
    const start = buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').trimStart();
    return /^\{\s*"Section"\s*:/.test(start) ? 'jobs' : 'explorer';
  } finally {
    await file.close();
  }
}
