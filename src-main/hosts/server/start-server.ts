import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { EngineError, ErrorCode, engineVersion, toErrorPayload, type EngineApi } from '../../engine';
import { createDispatcher } from '../../../src-shared/rpc';
import { checkBindAllowed, isLoopbackHost, originAllowed, presentedToken, principalOf, type Gatekeeper } from './access';
import { handleAdtRequest, isAdtPath } from './adt/adt-api';
import { handleDeviceRequest, isDevicePath } from './device-endpoint';
import { httpStatusOf } from './error-status';
import { serveStatic } from './static-files';
import { defaultMaxUploadBytes, handleUploadRequest, isUploadPath } from './upload-route';
import { webSocketChannel } from './websocket-channel';

export interface ServerOptions {
  /** The engine: its API, and who may use which part of it. */
  readonly engine: EngineApi & Gatekeeper;
  /** Interface to listen on; default 127.0.0.1. Anything but loopback needs tokens. */
  readonly host?: string;
  /** Port; default 8750, 0 picks a free one. */
  readonly port?: number;
  /** An admin secret for this run: clients presenting it act as the workspace's owner, and every client must present a token. */
  readonly token?: string;
  /** The built renderer to serve. */
  readonly rendererDir: string;
  /** PEM certificate and key: serve HTTPS (ADT's SDKs refuse plain HTTP). */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Requests served at once before others get 429 with Retry-After (default 256). */
  readonly maxConcurrentRequests?: number;
  /** Bytes a WebSocket client may leave unread before it is dropped (default 16 MiB). */
  readonly maxBufferedBytes?: number;
  /** Largest file a browser may upload for an import (default 1 GiB). */
  readonly maxUploadBytes?: number;
}

export interface RunningServer {
  /** The address to open, e.g. `http://127.0.0.1:8750/`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, closes every connection, and resolves when all are gone. */
  close(): Promise<void>;
}

/** Path of the rpc WebSocket. */
export const rpcPath = '/rpc';

/** Largest rpc message accepted (model sets and imports travel as messages). */
const maxMessageBytes = 64 * 1024 * 1024;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: unknown): void {
  const payload = toErrorPayload(error);
  sendJson(response, httpStatusOf[payload.code], { error: payload });
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use. Pass another --port, or 0 to pick a free one.`
          : `Cannot listen on ${host}:${port}: ${error.message}.`;
      reject(new EngineError(ErrorCode.Unavailable, message, { host, port }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * The server host: serves the renderer to browsers and the EngineApi over a WebSocket at
 * `/rpc`, one dispatcher per connection. It owns no business logic.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token || undefined;
  checkBindAllowed(host, token, (await options.engine.accessState()).usableTokens);
  const gate = { loopback: isLoopbackHost(host), ...(token ? { adminSecret: token } : {}) };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  sockets.on('connection', (socket, api: EngineApi) => {
    createDispatcher(api, webSocketChannel(socket, options.maxBufferedBytes));
  });
  const maxConcurrent = options.maxConcurrentRequests ?? 256;
  let inFlight = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      sendJson(response, 200, { status: 'ok', version: engineVersion });
      return;
    }
    if (isUploadPath(url.pathname)) {
      if (!originAllowed(request)) throw new EngineError(ErrorCode.Forbidden, 'Files are uploaded from the workbench this server serves, not from another site.');
      const principal = await principalOf(options.engine, presentedToken(request, url), gate);
      await handleUploadRequest(options.engine.scoped(principal), request, response, url, options.maxUploadBytes ?? defaultMaxUploadBytes);
      return;
    }
    if (isAdtPath(url.pathname) || isDevicePath(url.pathname)) {
      const principal = await principalOf(options.engine, presentedToken(request, url), gate);
      const api = options.engine.scoped(principal);
      if (isDevicePath(url.pathname)) await handleDeviceRequest(api, request, response, url);
      else await handleAdtRequest(api, request, response, url);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, new EngineError(ErrorCode.NotFound, `${request.method} ${url.pathname} is not served here.`));
      return;
    }
    await serveStatic(options.rendererDir, request, response, url.pathname);
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    if (inFlight >= maxConcurrent) {
      // Shedding load keeps memory flat and latency bounded; clients retry after a second.
      response.setHeader('retry-after', '1');
      sendJson(response, 429, { error: { code: 'TooManyRequests', message: `The server is busy (${maxConcurrent} requests in progress). Retry after 1 second.` } });
      request.resume();
      return;
    }
    inFlight++;
    response.once('close', () => inFlight--);
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, error);
      else response.destroy();
    });
  };
  const limits = { requestTimeout: 120_000, headersTimeout: 20_000, maxHeaderSize: 16 * 1024 };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, ...limits }, onRequest) : createServer(limits, onRequest);

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== rpcPath) return rejectUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(request)) return rejectUpgrade(socket, 403, 'Forbidden');
    principalOf(options.engine, presentedToken(request, url), gate).then(
      (principal) => sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, options.engine.scoped(principal))),
      () => rejectUpgrade(socket, 401, 'Unauthorized'),
    );
  });

  const address = await listen(server, host, options.port ?? 8750);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
