import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user workspace the app, the CLI and the server open when none is named:
 * `$XDG_DATA_HOME/twinbench/default` (Linux), `~/Library/Application Support/Twinbench/default`
 * (macOS), `%APPDATA%\Twinbench\default` (Windows).
 */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Twinbench', 'default');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Twinbench', 'default');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'twinbench', 'default');
  }
}
