import type { EngineApi } from '../../src-shared/contract';
import { connectToEngine, type TransportKind } from '../transport/connect';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** The link to the engine: its API, how it travels, and whether it is up. */
export class ConnectionState {
  status = $state<ConnectionStatus>('connecting');
  readonly kind: TransportKind;
  readonly api: EngineApi;
  private readonly reconnectListeners: Array<() => void> = [];

  constructor() {
    const connection = connectToEngine();
    this.kind = connection.kind;
    this.api = connection.api;
    connection.onStatus((status) => {
      const wasReconnecting = this.status === 'reconnecting';
      this.status = status === 'open' ? 'connected' : status;
      if (status === 'open' && wasReconnecting) for (const listener of this.reconnectListeners) listener();
    });
  }

  /** Runs `listener` each time the link comes back after a drop, so state can be refreshed. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }
}
