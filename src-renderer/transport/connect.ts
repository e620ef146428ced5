import type { EngineApi } from '../../src-shared/contract';
import { createProxy, type RpcChannel } from '../../src-shared/rpc';
import { ipcChannel } from './ipc-channel';
import { ReconnectingWebSocketChannel, type SocketStatus } from './websocket-channel';

/** How this renderer reaches its engine. */
export type TransportKind = 'ipc' | 'websocket';

export interface EngineConnection {
  readonly kind: TransportKind;
  readonly api: EngineApi;
  /** Hears transport status changes; IPC is always open. */
  onStatus(listener: (status: SocketStatus) => void): void;
}

const tokenKey = 'twinbench.token';

/** The server token: taken from `?token=` once (then removed from the address bar), kept for the tab. */
function serverToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url);
  }
  return sessionStorage.getItem(tokenKey);
}

/** The token this tab presents to the server, if it was given one (for plain HTTP requests such as uploads). */
export function presentedServerToken(): string | null {
  return sessionStorage.getItem(tokenKey);
}

function webSocketUrl(): string {
  const url = new URL('/rpc', window.location.origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  const token = serverToken();
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/** Connects to the engine through whichever transport this page runs on. */
export function connectToEngine(): EngineConnection {
  const bridge = window.twinbench;
  if (bridge) {
    const channel: RpcChannel = ipcChannel(bridge);
    return { kind: 'ipc', api: createProxy(channel).api, onStatus: (listener) => listener('open') };
  }
  const channel = new ReconnectingWebSocketChannel(webSocketUrl());
  return { kind: 'websocket', api: createProxy(channel).api, onStatus: (listener) => void channel.onStatus(listener) };
}
