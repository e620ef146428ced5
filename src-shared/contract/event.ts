/** Something that can be undone or released: a subscription, a listener, a resource. */
export interface Disposable {
  dispose(): void;
}

/** A typed event: call it with a listener to subscribe; dispose the result to unsubscribe. */
export type Event<T> = (listener: (event: T) => void) => Disposable;
