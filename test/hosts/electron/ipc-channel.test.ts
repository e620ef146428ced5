import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { webContentsChannel, type IpcMainLike, type WebContentsLike } from '../../../src-main/hosts/electron/ipc-channel';
import { rpcIpcChannelName } from '../../../src-shared/rpc';

function fakeWindow(id: number) {
  const contents = Object.assign(new EventEmitter(), {
    id,
    sent: [] as unknown[],
    destroyed: false,
    send(channel: string, message: unknown) {
      this.sent.push([channel, message]);
    },
    isDestroyed() {
      return this.destroyed;
    },
  });
  return contents;
}

describe('the Electron IPC channel', () => {
  it('hears only its own window and answers on the rpc channel', () => {
    const ipcMain = new EventEmitter();
    const window = fakeWindow(1);
    const channel = webContentsChannel(ipcMain as unknown as IpcMainLike, window as unknown as WebContentsLike);
    const heard: unknown[] = [];
    channel.onMessage((message) => heard.push(message));
    ipcMain.emit(rpcIpcChannelName, { sender: { id: 2 } }, 'from another window');
    ipcMain.emit(rpcIpcChannelName, { sender: { id: 1 } }, 'mine');
    ipcMain.emit('other-channel', { sender: { id: 1 } }, 'elsewhere');
    channel.send({ type: 'result', id: 1, value: null });
    expect(heard).toEqual(['mine']);
    expect(window.sent).toEqual([[rpcIpcChannelName, { type: 'result', id: 1, value: null }]]);
  });

  it('stops sending and reports the close once the window is destroyed', () => {
    const ipcMain = new EventEmitter();
    const window = fakeWindow(1);
    const channel = webContentsChannel(ipcMain as unknown as IpcMainLike, window as unknown as WebContentsLike);
    let closes = 0;
    channel.onClose?.(() => closes++);
    window.destroyed = true;
    window.emit('destroyed');
    channel.send('late');
    expect(closes).toBe(1);
    expect(window.sent).toEqual([]);
  });

  it('lets go of ipcMain when the listener is disposed', () => {
    const ipcMain = new EventEmitter();
    const channel = webContentsChannel(ipcMain as unknown as IpcMainLike, fakeWindow(1) as unknown as WebContentsLike);
    const subscription = channel.onMessage(() => undefined);
    expect(ipcMain.listenerCount(rpcIpcChannelName)).toBe(1);
    subscription.dispose();
    expect(ipcMain.listenerCount(rpcIpcChannelName)).toBe(0);
  });
});
