import { EngineError, ErrorCode, engineApiSurface, type ApiSurface, type Disposable, type EngineApi } from '../contract';
import type { RpcChannel } from './channel';
import { parseResponse, type RpcRequest } from './messages';

interface PendingCall {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: EngineError) => void;
}

interface Subscription {
  readonly service: string;
  readonly event: string;
  readonly listener: (value: unknown) => void;
}

/** What a proxy owns besides the API: a way to fail everything still waiting and let go of the channel. */
export interface RpcProxy<Api> {
  readonly api: Api;
  dispose(): void;
}

/**
 * The calling side of rpc: an object shaped like `Api` whose calls become `call` messages and
 * whose events become `listen` subscriptions on `channel`. Errors come back as EngineError.
 * Calls in flight when the channel closes fail with `Unavailable`; subscriptions are renewed
 * when a reconnecting channel reopens. The surface defaults to the EngineApi's.
 */
export function createProxy<Api = EngineApi>(channel: RpcChannel, surface?: ApiSurface<Api>): RpcProxy<Api> {
  let nextId = 1;
  const pending = new Map<number, PendingCall>();
  const subscriptions = new Map<number, Subscription>();

  const send = (message: RpcRequest) => channel.send(message);

  const failPending = (reason: string) => {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(new EngineError(ErrorCode.Unavailable, reason));
  };

  const onResponse = (raw: unknown) => {
    const parsed = parseResponse(raw);
    if (!parsed.ok) return; // Nothing to answer on the calling side; a broken reply is dropped.
    const message = parsed.message;
    if (message.type === 'event') {
      subscriptions.get(message.id)?.listener(message.value);
      return;
    }
    if (message.id === null) return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.type === 'result') call.resolve(message.value);
    else call.reject(EngineError.fromPayload(message.error));
  };

  const listeners: Disposable[] = [channel.onMessage(onResponse)];
  if (channel.onClose) listeners.push(channel.onClose(() => failPending('The connection to the engine was lost.')));
  if (channel.onReopen) {
    listeners.push(
      channel.onReopen(() => {
        for (const [id, { service, event }] of subscriptions) send({ type: 'listen', id, service, event });
      }),
    );
  }

  const call = (service: string, method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        send({ type: 'call', id, service, method, args });
      } catch (error) {
        pending.delete(id);
        reject(new EngineError(ErrorCode.Unavailable, `Could not send to the engine: ${(error as Error).message}`));
      }
    });

  const listen = (service: string, event: string, listener: (value: unknown) => void): Disposable => {
    const id = nextId++;
    subscriptions.set(id, { service, event, listener });
    send({ type: 'listen', id, service, event });
    return {
      dispose: () => {
        if (subscriptions.delete(id)) send({ type: 'unlisten', id });
      },
    };
  };

  const api: Record<string, Record<string, unknown>> = {};
  for (const [service, members] of Object.entries((surface ?? engineApiSurface) as Record<string, Record<string, 'call' | 'event'>>)) {
    const face: Record<string, unknown> = {};
    for (const [member, kind] of Object.entries(members)) {
      face[member] =
        kind === 'call'
          ? (...args: unknown[]) => call(service, member, args)
          : (listener: (value: unknown) => void) => listen(service, member, listener);
    }
    api[service] = Object.freeze(face);
  }

  return {
    api: Object.freeze(api) as Api,
    dispose: () => {
      for (const listener of listeners) listener.dispose();
      subscriptions.clear();
      failPending('The engine connection was closed.');
    },
  };
}
