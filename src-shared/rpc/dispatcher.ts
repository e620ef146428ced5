import { EngineError, ErrorCode, engineApiSurface, toErrorPayload, type ApiSurface, type EngineApi, type Disposable, type ErrorPayload, type Event } from '../contract';
import type { RpcChannel } from './channel';
import { parseRequest, type RpcRequest, type RpcResponse } from './messages';

type Services = Record<string, Record<string, unknown>>;
type Surface = Record<string, Record<string, 'call' | 'event'>>;

export interface DispatcherOptions<Api> {
  /** The members that may be reached; defaults to the EngineApi's. */
  readonly surface?: ApiSurface<Api>;
  /** Hears about every request answered with an error, for logs. */
  readonly onFault?: (fault: ErrorPayload) => void;
}

/**
 * The serving side of rpc: reads requests from `channel`, runs them on `services` and sends
 * back results, errors and events. It only reaches members the surface declares, never
 * prototype or private members, and answers anything malformed with a typed error instead
 * of throwing. Dispose it (or close the channel) to drop its event subscriptions.
 */
export function createDispatcher<Api = EngineApi>(services: Api, channel: RpcChannel, options: DispatcherOptions<Api> = {}): Disposable {
  const members = (options.surface ?? engineApiSurface) as Surface;
  const target = services as Services;
  const subscriptions = new Map<number, Disposable>();
  let disposed = false;

  const reply = (message: RpcResponse) => {
    if (disposed) return;
    try {
      channel.send(message);
    } catch {
      // The other side is gone; its close handler disposes us.
    }
  };

  const replyError = (id: number | null, error: ErrorPayload) => {
    options.onFault?.(error);
    reply({ type: 'error', id, error });
  };

  const memberOf = (service: string, member: string, kind: 'call' | 'event') => {
    if (!Object.hasOwn(members, service)) throw new EngineError(ErrorCode.MethodNotFound, `There is no service "${service}".`, { service });
    const declared = members[service]!;
    if (!Object.hasOwn(declared, member) || declared[member] !== kind) {
      const what = kind === 'call' ? 'method' : 'event';
      throw new EngineError(ErrorCode.MethodNotFound, `Service "${service}" has no ${what} "${member}".`, { service, member });
    }
    return target[service]![member];
  };

  const handle = async (request: RpcRequest) => {
    switch (request.type) {
      case 'call': {
        const method = memberOf(request.service, request.method, 'call') as (...args: unknown[]) => Promise<unknown>;
        const value = await method.apply(target[request.service], [...request.args]);
        reply({ type: 'result', id: request.id, value });
        return;
      }
      case 'listen': {
        const event = memberOf(request.service, request.event, 'event') as Event<unknown>;
        if (subscriptions.has(request.id)) return; // A renewed subscription after a reconnect: already live.
        subscriptions.set(
          request.id,
          event.call(target[request.service], (value) => reply({ type: 'event', id: request.id, value })),
        );
        return;
      }
      case 'unlisten':
        subscriptions.get(request.id)?.dispose();
        subscriptions.delete(request.id);
        return;
    }
  };

  const onRequest = (raw: unknown) => {
    if (disposed) return;
    const parsed = parseRequest(raw);
    if (!parsed.ok) {
      replyError(parsed.id, { code: ErrorCode.MalformedMessage, message: `Malformed rpc message: ${parsed.reason}.` });
      return;
    }
    const { id } = parsed.message;
    handle(parsed.message).catch((error: unknown) => replyError(id, toErrorPayload(error)));
  };

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    for (const subscription of subscriptions.values()) subscription.dispose();
    subscriptions.clear();
    for (const listener of channelListeners) listener.dispose();
  };

  const channelListeners: Disposable[] = [channel.onMessage(onRequest)];
  if (channel.onClose) channelListeners.push(channel.onClose(dispose));

  return { dispose };
}
