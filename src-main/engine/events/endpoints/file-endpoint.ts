import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Endpoint, RoutedEvent } from './endpoint';

/** Appends each event as one NDJSON line to a file (relative paths are inside the workspace). */
export function fileEndpoint(path: string, root: string): Endpoint {
  const file = resolve(root, path);
  let ready: Promise<unknown> | null = null;
  return {
    deliver: async (event: RoutedEvent) => {
      ready ??= mkdir(dirname(file), { recursive: true });
      await ready;
      await appendFile(file, `${JSON.stringify(event)}\n`, 'utf8');
    },
  };
}
