import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { EngineError, ErrorCode, type ModelSource } from '../../engine';

/** File extensions read as model documents when a folder is given. */
const modelExtensions = new Set(['.json', '.jsonld', '.dtdl']);

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) throw new EngineError(ErrorCode.NotFound, `${path} does not exist.`, { path });
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && modelExtensions.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Reads model documents from files and folders (recursively), named as the user would type them. */
export async function readModelSources(paths: readonly string[], cwd: string = process.cwd()): Promise<ModelSource[]> {
  const files = (await Promise.all(paths.map(filesUnder))).flat();
  if (files.length === 0) throw new EngineError(ErrorCode.InvalidArgument, `No model files (${[...modelExtensions].join(', ')}) under ${paths.join(', ')}.`);
  return Promise.all(
    files.map(async (file) => {
      const shown = relative(cwd, file);
      return { name: shown.startsWith('..') ? file : shown, text: await readFile(file, 'utf8') };
    }),
  );
}
