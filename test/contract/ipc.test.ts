// The desktop app's path, end to end: renderer transport → preload bridge → IPC → electron
// host adapter → dispatcher. A MessagePort pair stands in for ipcRenderer/ipcMain, so every
// message is structured-cloned as Electron would.
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { vi } from 'vitest';
import { createEngine } from '../../src-main/engine';
import { webContentsChannel, type IpcMainLike, type WebContentsLike } from '../../src-main/hosts/electron/ipc-channel';
import { createDispatcher, createProxy, type TwinbenchBridge } from '../../src-shared/rpc';
import { ipcChannel } from '../../src-renderer/transport/ipc-channel';
import { engineApiContract } from './engine-api.suite';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  rendererPort: null as null | { postMessage(value: unknown): void },
  rendererListeners: new Map<string, Set<(event: unknown, message: unknown) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    send: (channel: string, message: unknown) => electron.rendererPort?.postMessage({ channel, message }),
    on: (channel: string, handler: (event: unknown, message: unknown) => void) => {
      const set = electron.rendererListeners.get(channel) ?? new Set();
      set.add(handler);
      electron.rendererListeners.set(channel, set);
    },
    off: (channel: string, handler: (event: unknown, message: unknown) => void) => electron.rendererListeners.get(channel)?.delete(handler),
  },
  webUtils: { getPathForFile: () => '' },
}));

/** A fake WebContents whose `send` crosses the MessagePort to the renderer side. */
class FakeWebContents extends EventEmitter {
  readonly id = 7;
  destroyed = false;
  constructor(private readonly port: { postMessage(value: unknown): void }) {
    super();
  }
  send(channel: string, message: unknown): void {
    this.port.postMessage({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

engineApiContract('IPC through the preload (MessagePort pair)', async (workspace) => {
  const { port1: rendererPort, port2: mainPort } = new MessageChannel();
  electron.rendererPort = rendererPort;
  rendererPort.on('message', ({ channel, message }: { channel: string; message: unknown }) => {
    for (const handler of electron.rendererListeners.get(channel) ?? []) handler({}, message);
  });
  const ipcMain = new EventEmitter();
  mainPort.on('message', ({ channel, message }: { channel: string; message: unknown }) => ipcMain.emit(channel, { sender: { id: 7 } }, message));
  const contents = new FakeWebContents(mainPort);

  vi.resetModules();
  await import('../../src-preload/index');
  const bridge = electron.exposed.get('twinbench') as TwinbenchBridge;

  const engine = await createEngine({ workspace });
  const dispatcher = createDispatcher(engine, webContentsChannel(ipcMain as unknown as IpcMainLike, contents as unknown as WebContentsLike));
  const proxy = createProxy(ipcChannel(bridge));
  return {
    api: proxy.api,
    close: async () => {
      proxy.dispose();
      contents.destroyed = true;
      contents.emit('destroyed');
      dispatcher.dispose();
      rendererPort.close();
      mainPort.close();
      electron.rendererListeners.clear();
      await engine.close();
    },
  };
});
