import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of Twinbench's package.json, found by walking up from this module (source or built). */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'twinbench') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find Twinbench's package.json above ${from}.`);
  }
}

/** The built renderer (`out/renderer`), which the server serves to browsers. */
export function defaultRendererDir(): string {
  return join(packageRoot(), 'out', 'renderer');
}

/** The application's resources (sample worlds) in a checkout or an npm install. */
export function defaultResourcesDir(): string {
  return join(packageRoot(), 'resources');
}
