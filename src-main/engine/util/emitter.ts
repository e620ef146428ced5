import type { Disposable, Event } from '../../../src-shared/contract';

/** A typed event source: `event` is what services expose, `fire` is kept by the owner. */
export class Emitter<T> {
  private readonly listeners = new Set<(event: T) => void>();

  /** Subscribe; the returned Disposable unsubscribes. */
  readonly event: Event<T> = (listener) => {
    const entry = (event: T) => listener(event);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) } satisfies Disposable;
  };

  /** Delivers `event` to every listener; one failing listener does not stop the others. */
  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('An event listener failed:', error);
      }
    }
  }

  /** True while anyone listens. */
  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  /** Drops every listener. */
  dispose(): void {
    this.listeners.clear();
  }
}
