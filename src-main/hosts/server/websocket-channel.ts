import type { WebSocket } from 'ws';
import type { Disposable } from '../../engine';
import type { RpcChannel } from '../../../src-shared/rpc';

/**
 * An RpcChannel over one WebSocket connection. Messages travel as JSON text; text that is
 * not JSON reaches the dispatcher as the raw string, which it answers as malformed.
 */
export function webSocketChannel(socket: WebSocket): RpcChannel {
  const on = <A extends unknown[]>(event: 'message' | 'close', handler: (...args: A) => void): Disposable => {
    socket.on(event, handler as (...args: unknown[]) => void);
    return { dispose: () => socket.off(event, handler as (...args: unknown[]) => void) };
  };
  return {
    send: (message) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    onMessage: (listener) =>
      on('message', (data: Buffer, isBinary: boolean) => {
        const text = isBinary ? '' : data.toString('utf8');
        let message: unknown = text;
        try {
          message = JSON.parse(text);
        } catch {
          // Left as text: the dispatcher answers it with MalformedMessage.
        }
        listener(message);
      }),
    onClose: (listener) => on('close', () => listener()),
  };
}
