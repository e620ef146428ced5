import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Electron's binary when it is installed, or why it cannot be used. */
export type ElectronLookup = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/** True when a graphical session is available to show a window or a browser. */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Finds the Electron binary installed with the project (the `electron` package), if any. */
export function findElectron(env: NodeJS.ProcessEnv): ElectronLookup {
  let path: unknown;
  try {
    path = createRequire(import.meta.url)('electron');
  } catch (error) {
    const message = (error as Error).message;
    return { found: false, reason: /Cannot find module/.test(message) ? 'the electron package is not installed' : "Electron's binary was not downloaded at install" };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { found: false, reason: "Electron's binary is missing from node_modules/electron" };
  if (!hasDisplay(env)) return { found: false, reason: 'there is no display to show a window on' };
  return { found: true, path };
}

/** Runs the desktop app from `appDir` in Electron and resolves with its exit code. */
export function runElectron(electronPath: string, appDir: string, args: readonly string[], env: Readonly<Record<string, string>>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(electronPath, [appDir, ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Opens `url` in the user's default browser; false when there is no way to. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  if (!hasDisplay(env, platform)) return false;
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
