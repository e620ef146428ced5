// The desktop app (the `index` build entry): one window per workspace, each with its own engine.
import { app, dialog, ipcMain, Menu, type MenuItemConstructorOptions } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, defaultWorkspaceDir, toErrorPayload } from '../../engine';
import { createDispatcher } from '../../../src-shared/rpc';
import { webContentsChannel } from './ipc-channel';
import { createWorkbenchWindow } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));

/** `--workspace=<dir>` or `--workspace <dir>` from the command line, else the per-user default. */
function workspaceFromArgs(argv: readonly string[]): string {
  const index = argv.findIndex((arg) => arg === '--workspace' || arg.startsWith('--workspace='));
  if (index < 0) return process.env.TWINBENCH_WORKSPACE || defaultWorkspaceDir();
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[index + 1] ?? defaultWorkspaceDir());
}

async function openWorkspace(dir: string): Promise<void> {
  try {
    const engine = await createEngine({
      workspace: dir,
      sqliteNativeBinding: process.env.TWINBENCH_SQLITE_BINDING || undefined,
      resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
      runSources: true,
    });
    const info = await engine.workspace.info();
    const window = createWorkbenchWindow(mainDir, `${info.name} — Twinbench`);
    const dispatcher = createDispatcher(engine, webContentsChannel(ipcMain, window.webContents), {
      onFault: (fault) => console.error(`rpc: ${fault.code}: ${fault.message}`),
    });
    window.on('closed', () => {
      dispatcher.dispose();
      void engine.close();
    });
  } catch (error) {
    dialog.showErrorBox('Cannot open the workspace', toErrorPayload(error).message);
  }
}

async function chooseWorkspace(): Promise<void> {
  const choice = await dialog.showOpenDialog({ title: 'Open a workspace folder', properties: ['openDirectory', 'createDirectory'] });
  if (!choice.canceled && choice.filePaths[0]) await openWorkspace(choice.filePaths[0]);
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => void chooseWorkspace() },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

app.enableSandbox();
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
void app.whenReady().then(async () => {
  buildMenu();
  await openWorkspace(workspaceFromArgs(process.argv));
});
