import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { Disposable } from '../../engine';
import { rpcIpcChannelName, type RpcChannel } from '../../../src-shared/rpc';

/** The parts of Electron's ipcMain and WebContents this adapter uses; tests stand in for them. */
export type IpcMainLike = Pick<IpcMain, 'on' | 'off'>;
export type WebContentsLike = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>;

/**
 * An RpcChannel to one window's renderer over the single rpc IPC channel. Messages from any
 * other WebContents are ignored, so each window talks only to its own dispatcher.
 */
export function webContentsChannel(ipcMain: IpcMainLike, contents: WebContentsLike): RpcChannel {
  return {
    send: (message) => {
      if (!contents.isDestroyed()) contents.send(rpcIpcChannelName, message);
    },
    onMessage: (listener): Disposable => {
      const handler = (event: Pick<IpcMainEvent, 'sender'>, message: unknown) => {
        if (event.sender.id === contents.id) listener(message);
      };
      ipcMain.on(rpcIpcChannelName, handler);
      return { dispose: () => ipcMain.off(rpcIpcChannelName, handler) };
    },
    onClose: (listener): Disposable => {
      let active = true;
      contents.once('destroyed', () => {
        if (active) listener();
      });
      return { dispose: () => (active = false) };
    },
  };
}
