import { rpcIpcChannelName, type RpcChannel, type TwinbenchBridge } from '../../src-shared/rpc';

/** An RpcChannel over the desktop app's preload bridge. */
export function ipcChannel(bridge: TwinbenchBridge): RpcChannel {
  return {
    send: (message) => bridge.rpc.send(rpcIpcChannelName, message),
    onMessage: (listener) => {
      const unsubscribe = bridge.rpc.onMessage(rpcIpcChannelName, listener);
      return { dispose: unsubscribe };
    },
  };
}
