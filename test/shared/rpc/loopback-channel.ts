import type { Disposable } from '../../../src-shared/contract';
import type { RpcChannel } from '../../../src-shared/rpc';

/** A channel end whose peer the test drives by hand: what was sent, and a way to deliver. */
export interface ManualChannel extends RpcChannel {
  readonly sent: unknown[];
  deliver(message: unknown): void;
  close(): void;
  reopen(): void;
}

/** An in-memory channel end for tests of the proxy and the dispatcher. */
export function manualChannel(): ManualChannel {
  const messageListeners = new Set<(message: unknown) => void>();
  const closeListeners = new Set<() => void>();
  const reopenListeners = new Set<() => void>();
  const add = <T>(set: Set<T>, listener: T): Disposable => {
    set.add(listener);
    return { dispose: () => set.delete(listener) };
  };
  const sent: unknown[] = [];
  return {
    sent,
    send: (message) => sent.push(structuredClone(message)),
    onMessage: (listener) => add(messageListeners, listener),
    onClose: (listener) => add(closeListeners, listener),
    onReopen: (listener) => add(reopenListeners, listener),
    deliver: (message) => messageListeners.forEach((listener) => listener(message)),
    close: () => closeListeners.forEach((listener) => listener()),
    reopen: () => reopenListeners.forEach((listener) => listener()),
  };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
