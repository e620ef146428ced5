// The preload: exposes exactly one rpc channel to the renderer, and checks its name on every use;
// and the path of a file the user chose, for the engine to read in place.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { rpcIpcChannelName } from '../src-shared/rpc/channel';
import type { TwinbenchBridge } from '../src-shared/rpc/bridge';

function checkChannel(channel: string): void {
  if (channel !== rpcIpcChannelName) throw new Error(`Twinbench's preload only carries the "${rpcIpcChannelName}" channel, not "${channel}".`);
}

const bridge: TwinbenchBridge = {
  // The renderer hands over the File its input gave it.
  pathForFile: (file) => webUtils.getPathForFile(file as File),
  rpc: {
    send: (channel, message) => {
      checkChannel(channel);
      ipcRenderer.send(rpcIpcChannelName, message);
    },
    onMessage: (channel, listener) => {
      checkChannel(channel);
      const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
      ipcRenderer.on(rpcIpcChannelName, handler);
      return () => void ipcRenderer.off(rpcIpcChannelName, handler);
    },
  },
};

contextBridge.exposeInMainWorld('twinbench', bridge);
