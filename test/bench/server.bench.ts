// The server host under load (autocannon on loopback, in a worker thread): GET a twin and POST a
// query through the ADT REST API, each beside a bare node:http server answering the same JSON in
// the same run (the limit of HTTP on this machine); then overload, which must shed with 429.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine';
import { startServer, type RunningServer } from '../../src-main/hosts/server';

const seconds = Number(process.env.TWINBENCH_BENCH_SECONDS ?? 5);
const rooms = 2_000;
let root: string;
let engine: Engine;
let server: RunningServer;
let bare: Server;
let barePort: number;
const figures = new Map<string, string>();

interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly non2xx: number;
}

async function load(url: string, options: { method?: 'GET' | 'POST'; body?: string; connections?: number; duration?: number } = {}): Promise<Load> {
  const result = await autocannon({
    url,
    method: options.method ?? 'GET',
    body: options.body,
    headers: options.body ? { 'content-type': 'application/json' } : {},
    connections: options.connections ?? 32,
    duration: options.duration ?? seconds,
    workers: 1,
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

function line(name: string, engineLoad: Load, bareLoad: Load): string {
  return `${name}: ${Math.round(engineLoad.rps).toLocaleString('en')} req/s, p99 ${engineLoad.p99} ms (bare node:http ${Math.round(bareLoad.rps).toLocaleString('en')} req/s, p99 ${bareLoad.p99} ms; ${(bareLoad.rps / engineLoad.rps).toFixed(2)}× slower)`;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-server-bench-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
  const text = await readFile(resolve(import.meta.dirname, '../fixtures/models/graph/campus.json'), 'utf8');
  await engine.models.add([{ name: 'campus.json', text }]);
  for (let i = 0; i < rooms; i++) {
    await engine.twins.upsert(`room-${i}`, { $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: `Room ${i}`, area: 10 + (i % 40), thermostat: { $metadata: {} } });
  }
  server = await startServer({ engine, port: 0, rendererDir: root });
  const twinJson = JSON.stringify(await engine.twins.get('room-17'));
  const queryJson = JSON.stringify({ value: (await engine.query.run("SELECT * FROM DIGITALTWINS WHERE $dtId = 'room-17'")).items, continuationToken: null });
  bare = createServer((request, response) => {
    const body = request.method === 'POST' ? queryJson : twinJson;
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
  barePort = (bare.address() as AddressInfo).port;
}, 600_000);

afterAll(async () => {
  console.log(`\nServer under load (${seconds} s each, 32 connections, ${rooms} twins):\n${[...figures.values()].map((figure) => `  ${figure}`).join('\n')}\n`);
  await server.close();
  await new Promise((done) => bare.close(done));
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

describe('server', () => {
  bench(
    'GET /digitaltwins/{id}',
    async () => {
      const twin = await load(`${server.url}digitaltwins/room-17?api-version=2023-10-31`);
      const limit = await load(`http://127.0.0.1:${barePort}/twin`);
      figures.set('get', line('GET twin', twin, limit));
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  );
  bench(
    'POST /query',
    async () => {
      const body = JSON.stringify({ query: "SELECT * FROM DIGITALTWINS WHERE $dtId = 'room-17'" });
      const query = await load(`${server.url}query?api-version=2023-10-31`, { method: 'POST', body });
      const limit = await load(`http://127.0.0.1:${barePort}/query`, { method: 'POST', body });
      figures.set('query', line('POST query', query, limit));
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  );
  bench(
    'overload: 2,000 connections',
    async () => {
      const before = process.memoryUsage().rss;
      const flood = await load(`${server.url}query?api-version=2023-10-31`, { method: 'POST', body: JSON.stringify({ query: 'SELECT COUNT() FROM DIGITALTWINS' }), connections: 2_000 });
      const after = process.memoryUsage().rss;
      const recovered = await fetch(`${server.url}digitaltwins/room-1?api-version=2023-10-31`);
      figures.set('overload', `overload: ${Math.round(flood.rps).toLocaleString('en')} req/s answered, ${flood.non2xx.toLocaleString('en')} shed with 429, RSS ${(before / 2 ** 20).toFixed(0)} → ${(after / 2 ** 20).toFixed(0)} MiB, then GET ${recovered.status}`);
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  );
});
