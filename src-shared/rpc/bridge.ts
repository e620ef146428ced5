/**
 * What the Electron preload exposes to the renderer as `window.twinbench`: one rpc channel,
 * addressed by name so the preload can refuse any other.
 */
export interface TwinbenchBridge {
  readonly rpc: {
    send(channel: string, message: unknown): void;
    /** Subscribes to messages on `channel`; call the result to unsubscribe. */
    onMessage(channel: string, listener: (message: unknown) => void): () => void;
  };
}
