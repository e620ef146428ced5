import { constants } from 'node:fs';
import { access, copyFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { EngineError, ErrorCode, type HistoryFileFormat } from '../../../src-shared/contract';

/** Checks a format name. */
export function checkFormat(format: unknown): HistoryFileFormat {
  if (format !== 'csv' && format !== 'parquet') throw new EngineError(ErrorCode.InvalidArgument, `Unknown export format ${JSON.stringify(format)}; use csv or parquet.`, { format });
  return format;
}

/**
 * Checks where an export may go before any work starts: an absolute path in an existing,
 * writable folder, not a folder itself, and not an existing file unless `force`.
 */
export async function checkTarget(path: unknown, force: boolean | undefined): Promise<string> {
  if (typeof path !== 'string' || !isAbsolute(path)) throw new EngineError(ErrorCode.InvalidArgument, `The export path must be absolute; got ${JSON.stringify(path)}.`, { path });
  const folder = dirname(path);
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) throw new EngineError(ErrorCode.InvalidArgument, `Cannot write the export to ${path}: the folder ${folder} does not exist.`, { path });
  await access(folder, constants.W_OK).catch(() => {
    throw new EngineError(ErrorCode.InvalidArgument, `Cannot write the export to ${path}: the folder ${folder} is not writable.`, { path });
  });
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new EngineError(ErrorCode.InvalidArgument, `Cannot write the export to ${path}: it is a folder.`, { path });
  if (existing && force !== true) throw new EngineError(ErrorCode.Conflict, `${path} already exists; choose another path or allow overwriting (--force).`, { path });
  return path;
}

/** Moves a finished staged file to its target (copying across file systems); the staged file is always removed. */
export async function placeExport(staged: string, path: string): Promise<void> {
  try {
    await rename(staged, path).catch(() => copyFile(staged, path));
  } catch (error) {
    throw new EngineError(ErrorCode.InvalidArgument, `Cannot write the export to ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
  } finally {
    await rm(staged, { force: true });
  }
}
