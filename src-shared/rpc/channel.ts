import type { Disposable } from '../contract';

/**
 * A bidirectional message pipe: IPC, a MessagePort, a WebSocket, or a direct in-process link.
 * Messages are plain data (structured-cloneable and JSON-serializable); the receiving side
 * validates what it gets, so `onMessage` hands over `unknown`.
 */
export interface RpcChannel {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): Disposable;
  /** Fires when the channel can no longer deliver (socket closed, window gone). */
  onClose?(listener: () => void): Disposable;
  /** Fires when a reconnecting channel is open again after a close. */
  onReopen?(listener: () => void): Disposable;
}

/** The name of the one Electron IPC channel the preload exposes. */
export const rpcIpcChannelName = 'twinbench:rpc';
