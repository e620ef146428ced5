import type { WebSocket } from 'ws';
import type { Disposable } from '../../engine';
import type { RpcChannel } from '../../../src-shared/rpc';

/** Bytes a client may leave unread before it is dropped (default). */
export const defaultMaxBufferedBytes = 16 * 1024 * 1024;

/** Close code for a client dropped for reading too slowly: 1013, "try again later". */
export const slowClientCloseCode = 1013;

/**
 * An RpcChannel over one WebSocket connection. Messages travel as JSON text; text that is
 * not JSON reaches the dispatcher as the raw string, which it answers as malformed.
 *
 * Backpressure: the engine never waits for a client. A client that leaves more than
 * `maxBufferedBytes` unread (a stalled tab under a flood of live events) is closed with 1013;
 * the UI reconnects and reloads what it shows, and the server's memory stays bounded.
 */
export function webSocketChannel(socket: WebSocket, maxBufferedBytes = defaultMaxBufferedBytes): RpcChannel {
  const on = <A extends unknown[]>(event: 'message' | 'close', handler: (...args: A) => void): Disposable => {
    socket.on(event, handler as (...args: unknown[]) => void);
    return { dispose: () => socket.off(event, handler as (...args: unknown[]) => void) };
  };
  return {
    send: (message) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > maxBufferedBytes) {
        socket.close(slowClientCloseCode, 'Too slow: reconnect and reload');
        // A client that does not read will not answer the close handshake either.
        setTimeout(() => socket.terminate(), 1000).unref();
        return;
      }
      socket.send(JSON.stringify(message));
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
