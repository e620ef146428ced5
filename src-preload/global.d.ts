// What the preload adds to the renderer's window; only present inside the desktop app.
import type { TwinbenchBridge } from '../src-shared/rpc/bridge';

declare global {
  interface Window {
    readonly twinbench?: TwinbenchBridge;
  }
}
