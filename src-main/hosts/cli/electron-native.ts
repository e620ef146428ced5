import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Outcome of preparing the SQLite module for Electron: the binding's path, or why there is none. */
export type NativeBinding = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * better-sqlite3 is built for Node's ABI when installed; Electron needs a build for its own.
 * Rather than rebuild in place (which would break the CLI and the tests), a copy of the package
 * under `node_modules/.cache/twinbench/` gets Electron's prebuilt binary once, and the desktop
 * app is told where it is (TWINBENCH_SQLITE_BINDING). Packaged apps do not need this: the
 * installer build rebuilds the module for Electron.
 */
export async function prepareElectronSqlite(appDir: string, electronVersion: string): Promise<NativeBinding> {
  const require = createRequire(join(appDir, 'package.json'));
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const cacheDir = join(appDir, 'node_modules', '.cache', 'twinbench', `better-sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}`);
  const binding = join(cacheDir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return { ok: true, path: binding };

  await rm(cacheDir, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });
  await cp(packageDir, cacheDir, { recursive: true, filter: (source) => !source.startsWith(join(packageDir, 'build')) });
  const prebuildInstall = createRequire(join(packageDir, 'package.json')).resolve('prebuild-install/bin.js');
  try {
    await promisify(execFile)(process.execPath, [prebuildInstall, '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, `--platform=${process.platform}`], {
      cwd: cacheDir,
    });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? (error as Error).message;
    return { ok: false, reason: `the SQLite module could not be fetched for Electron ${electronVersion} (${detail})` };
  }
  return existsSync(binding) ? { ok: true, path: binding } : { ok: false, reason: `no SQLite module for Electron ${electronVersion} was produced` };
}

/** The installed Electron's version, from its package. */
export function electronVersionOf(appDir: string): string {
  return (createRequire(join(appDir, 'package.json'))('electron/package.json') as { version: string }).version;
}
