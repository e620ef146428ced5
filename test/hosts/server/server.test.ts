import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createEngine, ErrorCode, type Engine } from '../../../src-main/engine';
import { isLoopbackHost, startServer, type RunningServer } from '../../../src-main/hosts/server';

let root: string;
let engine: Engine;
let server: RunningServer | undefined;
let rendererDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-server-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Twinbench</title>');
  await writeFile(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'do not serve');
  engine = await createEngine({ workspace: join(root, 'ws') });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

const serve = async (token?: string) => (server = await startServer({ engine, port: 0, rendererDir, token }));

/** Opens a WebSocket and resolves with the first message, or rejects with the HTTP status of a refused upgrade. */
function firstReply(url: string, send: string | object, headers: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => socket.send(typeof send === 'string' ? send : JSON.stringify(send)));
    socket.on('message', (data: Buffer) => {
      resolve(JSON.parse(data.toString()));
      socket.close();
    });
    socket.on('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.on('error', reject);
  });
}

const list = { type: 'call', id: 1, service: 'models', method: 'list', args: [] };

describe('the server host', () => {
  it('serves the renderer page with a strict content security policy', async () => {
    const { url } = await serve();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toBe('<!doctype html><title>Twinbench</title>');
  });

  it('serves hashed assets as immutable and app routes as the page', async () => {
    const { url } = await serve();
    const asset = await fetch(new URL('assets/app-1234.js', url));
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await fetch(new URL('workbench/some-route', url))).text()).toBe('<!doctype html><title>Twinbench</title>');
    expect((await fetch(new URL('assets/missing.js', url))).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    const { port } = await serve();
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(await response.text(), path).not.toContain('do not serve');
    }
  });

  it('reports health with the engine version', async () => {
    const { url } = await serve();
    expect(await (await fetch(new URL('healthz', url))).json()).toMatchObject({ status: 'ok' });
  });

  it('answers other HTTP methods with a typed error body', async () => {
    const { url } = await serve();
    const response = await fetch(url, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: ErrorCode.NotFound, message: 'DELETE / is not served here.' } });
  });

  it('answers rpc over the WebSocket', async () => {
    const { port } = await serve();
    expect(await firstReply(`ws://127.0.0.1:${port}/rpc`, list)).toEqual({ type: 'result', id: 1, value: [] });
  });

  it('answers text that is not JSON with MalformedMessage and keeps serving', async () => {
    const { port } = await serve();
    expect(await firstReply(`ws://127.0.0.1:${port}/rpc`, '{oops')).toEqual({
      type: 'error',
      id: null,
      error: { code: 'MalformedMessage', message: 'Malformed rpc message: an rpc message must be a JSON object.' },
    });
    expect(await firstReply(`ws://127.0.0.1:${port}/rpc`, { type: 'call', id: 2, service: 'models', method: 'drop', args: [] })).toMatchObject({
      type: 'error',
      id: 2,
      error: { code: 'MethodNotFound' },
    });
    expect(await firstReply(`ws://127.0.0.1:${port}/rpc`, list)).toEqual({ type: 'result', id: 1, value: [] });
  });

  it('refuses a WebSocket opened by a page from another origin', async () => {
    const { port } = await serve();
    await expect(firstReply(`ws://127.0.0.1:${port}/rpc`, list, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    expect(await firstReply(`ws://127.0.0.1:${port}/rpc`, list, { origin: `http://127.0.0.1:${port}` })).toEqual({ type: 'result', id: 1, value: [] });
  });

  it('requires the token when one is set, by header or query', async () => {
    const { port } = await serve('s3cret');
    await expect(firstReply(`ws://127.0.0.1:${port}/rpc`, list)).rejects.toThrow('HTTP 401');
    await expect(firstReply(`ws://127.0.0.1:${port}/rpc?token=wrong`, list)).rejects.toThrow('HTTP 401');
    expect(await firstReply(`ws://127.0.0.1:${port}/rpc?token=s3cret`, list)).toEqual({ type: 'result', id: 1, value: [] });
    expect(await firstReply(`ws://127.0.0.1:${port}/rpc`, list, { authorization: 'Bearer s3cret' })).toEqual({ type: 'result', id: 1, value: [] });
  });

  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startServer({ engine, host: '0.0.0.0', port: 0, rendererDir })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('says which port is taken', async () => {
    const { port } = await serve();
    await expect(startServer({ engine, port, rendererDir })).rejects.toMatchObject({
      code: ErrorCode.Unavailable,
      message: `Port ${port} on 127.0.0.1 is already in use. Pass another --port, or 0 to pick a free one.`,
    });
  });

  it('knows which hosts are loopback', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '192.168.1.4', '::', 'example.com'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});
