// What a round trip costs on each transport, against a direct call to the engine (the baseline).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { WebSocket } from 'ws';
import { createEngine, type Engine, type EngineApi } from '../../src-main/engine';
import { startServer, type RunningServer } from '../../src-main/hosts/server';
import { createDispatcher, createProxy, type RpcChannel } from '../../src-shared/rpc';
import { ReconnectingWebSocketChannel } from '../../src-renderer/transport/websocket-channel';

Object.assign(globalThis, { WebSocket });

function portChannel(port: MessagePort): RpcChannel {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      const handler = (message: unknown) => listener(message);
      port.on('message', handler);
      return { dispose: () => void port.off('message', handler) };
    },
  };
}

let engine: Engine;
let server: RunningServer;
let overPort: EngineApi;
let overSocket: EngineApi;
const closers: Array<() => void> = [];

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'twinbench-bench-'));
  await writeFile(join(root, 'index.html'), '');
  engine = await createEngine({ workspace: join(root, 'ws') });
  const { port1, port2 } = new MessageChannel();
  createDispatcher(engine, portChannel(port2));
  overPort = createProxy(portChannel(port1)).api;
  closers.push(() => port1.close());
  server = await startServer({ engine, port: 0, rendererDir: root });
  const socket = new ReconnectingWebSocketChannel(`ws://127.0.0.1:${server.port}/rpc`);
  overSocket = createProxy(socket).api;
  closers.push(() => socket.dispose());
  await overSocket.workspace.info();
});

afterAll(async () => {
  for (const close of closers) close();
  await server.close();
  await engine.close();
});

describe('workspace.info() round trip', () => {
  bench('direct call (baseline)', async () => {
    await engine.workspace.info();
  });
  bench('MessagePort rpc (IPC stand-in)', async () => {
    await overPort.workspace.info();
  });
  bench('WebSocket rpc to the server host', async () => {
    await overSocket.workspace.info();
  });
});
