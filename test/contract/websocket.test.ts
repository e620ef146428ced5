import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createEngine } from '../../src-main/engine';
import { startServer } from '../../src-main/hosts/server';
import { createProxy } from '../../src-shared/rpc';
import { ReconnectingWebSocketChannel } from '../../src-renderer/transport/websocket-channel';
import { engineApiContract } from './engine-api.suite';

// The renderer's own WebSocket channel, running on `ws` in place of the browser's WebSocket.
Object.assign(globalThis, { WebSocket });

engineApiContract('a WebSocket to the server host', async (workspace) => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'twinbench-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Twinbench</title>');
  const engine = await createEngine({ workspace });
  const server = await startServer({ engine, port: 0, rendererDir });
  const channel = new ReconnectingWebSocketChannel(`ws://127.0.0.1:${server.port}/rpc`);
  const proxy = createProxy(channel);
  return {
    api: proxy.api,
    close: async () => {
      proxy.dispose();
      channel.dispose();
      await server.close();
      await engine.close();
    },
  };
});
