/** A file the user picked (a DOM `File` in the renderer). */
export interface PickedFile {
  readonly name: string;
}

/**
 * What the Electron preload exposes to the renderer as `window.twinbench`: one rpc channel,
 * addressed by name so the preload can refuse any other, and the path of a file the user chose.
 */
export interface TwinbenchBridge {
  /**
   * The absolute path of a file the user picked in a file input or dropped on the window (the
   * desktop app's engine reads files where they are, so nothing is uploaded).
   */
  pathForFile(file: PickedFile): string;
  readonly rpc: {
    send(channel: string, message: unknown): void;
    /** Subscribes to messages on `channel`; call the result to unsubscribe. */
    onMessage(channel: string, listener: (message: unknown) => void): () => void;
  };
}
