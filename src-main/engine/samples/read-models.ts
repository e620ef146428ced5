// Reads a world's models folder (the caller knows where it is: `resources/worlds/<name>/models`
// in a checkout or in the packaged app's resources) into model sources for `models.add`.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSource } from '../../../src-shared/contract';

/** Every `*.json` file of `dir`, sorted by name, as `{ name, text }`. */
export async function readWorldModels(dir: string): Promise<ModelSource[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
}
