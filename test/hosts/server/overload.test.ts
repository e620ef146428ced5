import { request as httpRequest, type ClientRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createEngine, type Engine } from '../../../src-main/engine';
import { startServer, type RunningServer } from '../../../src-main/hosts/server';
import { slowClientCloseCode } from '../../../src-main/hosts/server/websocket-channel';

let root: string;
let engine: Engine;
let server: RunningServer;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-overload-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
});
afterEach(async () => {
  await server?.close();
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

const head = '{"query":';
const tail = '"SELECT * FROM DIGITALTWINS"}';

/** A request whose body is still arriving: it holds a slot until the rest is written. */
function unfinished(port: number): { request: ClientRequest; done: Promise<number> } {
  const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/query?api-version=2023-10-31', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(`${head}${tail}`) } });
  const done = new Promise<number>((resolve, reject) => {
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
  request.write(head);
  return { request, done };
}

describe('the server under overload', () => {
  it('answers 429 with Retry-After beyond its concurrency limit, and recovers', async () => {
    server = await startServer({ engine, port: 0, rendererDir: root, maxConcurrentRequests: 3 });
    const held = [unfinished(server.port), unfinished(server.port), unfinished(server.port)];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const shed = await fetch(`${server.url}digitaltwins/x?api-version=2023-10-31`);
    expect(shed.status).toBe(429);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(await shed.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    for (const { request } of held) request.end(tail);
    expect(await Promise.all(held.map((item) => item.done))).toEqual([200, 200, 200]);
    expect((await fetch(`${server.url}digitaltwins/x?api-version=2023-10-31`)).status).toBe(404);
  });

  it('refuses oversized headers with 431', async () => {
    server = await startServer({ engine, port: 0, rendererDir: root });
    const response = await fetch(`${server.url}healthz`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
    expect(response.status).toBe(431);
  });

  it('drops a WebSocket client that stops reading, without slowing the engine', async () => {
    server = await startServer({ engine, port: 0, rendererDir: root, maxBufferedBytes: 256 * 1024 });
    await engine.models.add([{ name: 'm.json', text: JSON.stringify({ '@context': 'dtmi:dtdl:context;3', '@id': 'dtmi:test:Meter;1', '@type': 'Interface', contents: [{ '@type': 'Telemetry', name: 'power', schema: 'double' }] }) }]);
    await engine.twins.upsert('meter', { $metadata: { $model: 'dtmi:test:Meter;1' } });
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`);
    await new Promise((resolve) => client.once('open', resolve));
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    client.send(JSON.stringify({ type: 'listen', id: 1, service: 'telemetry', event: 'onDidPublish' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.pause();
    const padding = 'x'.repeat(200);
    for (let batch = 0; batch < 40; batch++) {
      await engine.telemetry.publishBatch(Array.from({ length: 500 }, (_, i) => ({ twinId: 'meter', payload: { power: i, note: padding } })));
    }
    client.resume();
    // 1013 when the client still reads the close frame in time; 1006 once the server has cut it off.
    expect([slowClientCloseCode, 1006]).toContain(await closed);
    await expect(engine.telemetry.publish('meter', { power: 1 })).resolves.toBeDefined();
  });
});
