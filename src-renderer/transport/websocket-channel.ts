import type { Disposable } from '../../src-shared/contract';
import type { RpcChannel } from '../../src-shared/rpc';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting';

/** Listener sets for the channel's events. */
class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();
  add(listener: (...args: T) => void): Disposable {
    this.set.add(listener);
    return { dispose: () => this.set.delete(listener) };
  }
  fire(...args: T): void {
    for (const listener of [...this.set]) listener(...args);
  }
}

const maxDelayMs = 5_000;

/**
 * An RpcChannel over a WebSocket that reconnects with backoff when the server goes away.
 * Messages sent while disconnected wait for the next connection; calls in flight at the
 * drop fail (the proxy hears `onClose`) and subscriptions are renewed (`onReopen`).
 */
export class ReconnectingWebSocketChannel implements RpcChannel {
  private socket: WebSocket | null = null;
  private readonly queue: string[] = [];
  private readonly messages = new Listeners<[unknown]>();
  private readonly closes = new Listeners<[]>();
  private readonly reopens = new Listeners<[]>();
  private readonly statuses = new Listeners<[SocketStatus]>();
  private attempts = 0;
  private opened = false;
  private stopped = false;

  constructor(private readonly url: string) {
    this.connect();
  }

  send(message: unknown): void {
    const text = JSON.stringify(message);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.queue.push(text);
  }

  onMessage(listener: (message: unknown) => void): Disposable {
    return this.messages.add(listener);
  }

  onClose(listener: () => void): Disposable {
    return this.closes.add(listener);
  }

  onReopen(listener: () => void): Disposable {
    return this.reopens.add(listener);
  }

  onStatus(listener: (status: SocketStatus) => void): Disposable {
    return this.statuses.add(listener);
  }

  /** Closes for good; no more reconnects. */
  dispose(): void {
    this.stopped = true;
    this.socket?.close();
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempts = 0;
      this.statuses.fire('open');
      if (this.opened) this.reopens.fire();
      this.opened = true;
      for (const text of this.queue.splice(0)) socket.send(text);
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      try {
        this.messages.fire(JSON.parse(String(event.data)));
      } catch (error) {
        console.error('Twinbench: an unreadable message from the engine was dropped.', error);
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.opened) this.closes.fire();
      if (this.stopped) return;
      this.statuses.fire(this.opened ? 'reconnecting' : 'connecting');
      const delay = Math.min(maxDelayMs, 250 * 2 ** this.attempts++);
      setTimeout(() => this.connect(), delay);
    });
  }
}
