import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine } from '../../../src-main/engine';

let root: string;
let engine: Engine;
let server: Server;
let received: { body: Record<string, unknown>; type: string }[];
let failuresLeft: number;
let url: string;

const room = { $metadata: { $model: 'dtmi:test:campus:Room;1' }, area: 20, thermostat: { $metadata: {} } };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-routes-'));
  engine = await createEngine({ workspace: join(root, 'ws'), retryPolicy: { delaysMs: [10, 10], timeoutMs: 2_000 } });
  await engine.models.add([{ name: 'campus.json', text: await readFile(resolve(import.meta.dirname, '../../fixtures/models/graph/campus.json'), 'utf8') }]);
  received = [];
  failuresLeft = 0;
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      if (failuresLeft-- > 0) {
        response.writeHead(503).end();
        return;
      }
      received.push({ body: JSON.parse(text) as Record<string, unknown>, type: String(request.headers['content-type']) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
});

afterEach(async () => {
  await engine.close();
  await new Promise((done) => server.close(done));
  await rm(root, { recursive: true, force: true });
});

describe('event routes', () => {
  it('delivers matching events to a webhook as CloudEvents, in order', async () => {
    await engine.routes.putEndpoint({ name: 'hook', type: 'webhook', url });
    await engine.routes.put('creations', { endpointName: 'hook', filter: "type = 'Microsoft.DigitalTwins.Twin.Create' AND $body.area > 10" });
    await engine.twins.upsert('big', room);
    await engine.twins.upsert('small', { ...room, area: 5 });
    await engine.twins.upsert('big-2', room);
    await engine.settled();
    expect(received.map((event) => event.body.subject)).toEqual(['big', 'big-2']);
    expect(received[0]!.type).toBe('application/cloudevents+json; charset=utf-8');
    expect(received[0]!.body).toMatchObject({ specversion: '1.0', type: 'Microsoft.DigitalTwins.Twin.Create', subject: 'big', data: { $dtId: 'big', area: 20 } });
    expect(received[0]!.body).not.toHaveProperty('seq');
  });

  it('retries a failing webhook, then delivers', async () => {
    failuresLeft = 2;
    await engine.routes.putEndpoint({ name: 'hook', type: 'webhook', url });
    await engine.routes.put('all', { endpointName: 'hook' });
    await engine.twins.upsert('r1', room);
    await engine.settled();
    expect(received.map((event) => event.body.subject)).toEqual(['r1']);
  });

  it('dead-letters an event the webhook never takes, and goes on', async () => {
    failuresLeft = 3;
    await engine.routes.putEndpoint({ name: 'hook', type: 'webhook', url });
    await engine.routes.put('all', { endpointName: 'hook' });
    await engine.twins.upsert('lost', room);
    await engine.twins.upsert('kept', room);
    await engine.settled();
    expect(received.map((event) => event.body.subject)).toEqual(['kept']);
    const dead = (await readFile(join(root, 'ws', 'deadletters', 'hook.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ route: 'all', endpoint: 'hook', error: `${url}: HTTP 503 Service Unavailable after 3 attempts`, event: { subject: 'lost' } });
  });

  it('counts each route\'s deliveries and reports every dead-lettered event as it happens', async () => {
    failuresLeft = 3;
    const failures: unknown[] = [];
    engine.routes.onDidFail((failure) => failures.push(failure));
    await engine.routes.putEndpoint({ name: 'hook', type: 'webhook', url });
    await engine.routes.putEndpoint({ name: 'log', type: 'file', path: 'events/all.ndjson' });
    await engine.routes.put('all', { endpointName: 'hook' });
    await engine.routes.put('creations', { endpointName: 'log', filter: "type = 'Microsoft.DigitalTwins.Twin.Create'" });
    expect(await engine.routes.deliveries()).toEqual([
      { routeId: 'all', endpointName: 'hook', delivered: 0, deadLettered: 0 },
      { routeId: 'creations', endpointName: 'log', delivered: 0, deadLettered: 0 },
    ]);
    await engine.twins.upsert('lost', room);
    await engine.twins.upsert('kept', room);
    await engine.twins.update('kept', [{ op: 'replace', path: '/area', value: 30 }]);
    await engine.settled();
    const failure = { time: expect.any(String), routeId: 'all', endpointName: 'hook', error: `${url}: HTTP 503 Service Unavailable after 3 attempts`, eventType: 'Microsoft.DigitalTwins.Twin.Create', subject: 'lost', deadLetterFile: 'deadletters/hook.ndjson' };
    expect(failures).toEqual([failure]);
    expect(await engine.routes.deliveries()).toEqual([
      { routeId: 'all', endpointName: 'hook', delivered: 2, deadLettered: 1, lastDelivered: expect.any(String), lastFailure: failure },
      { routeId: 'creations', endpointName: 'log', delivered: 2, deadLettered: 0, lastDelivered: expect.any(String) },
    ]);
  });

  it('appends events to a file endpoint', async () => {
    await engine.routes.putEndpoint({ name: 'log', type: 'file', path: 'events/graph.ndjson' });
    await engine.routes.put('relationships', { endpointName: 'log', filter: "STARTS_WITH(type, 'Microsoft.DigitalTwins.Relationship')" });
    await engine.twins.upsert('floor', { $metadata: { $model: 'dtmi:test:campus:Floor;1' } });
    await engine.twins.upsert('r1', room);
    await engine.relationships.upsert('floor', 'c1', { $relationshipName: 'contains', $targetId: 'r1' });
    await engine.settled();
    const lines = (await readFile(join(root, 'ws', 'events', 'graph.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { type: string; subject: string });
    expect(lines.map((line) => [line.type, line.subject])).toEqual([['Microsoft.DigitalTwins.Relationship.Create', 'floor/relationships/c1']]);
  });

  it('keeps routes and endpoints in the workspace across reopening', async () => {
    await engine.routes.putEndpoint({ name: 'hook', type: 'webhook', url, headers: { 'x-key': 'k' } });
    await engine.routes.put('r', { endpointName: 'hook', filter: 'true' });
    await engine.close();
    engine = await createEngine({ workspace: join(root, 'ws') });
    expect(await engine.routes.list()).toEqual([{ id: 'r', endpointName: 'hook', filter: 'true' }]);
    expect(await engine.routes.listEndpoints()).toEqual([{ name: 'hook', type: 'webhook', url, headers: { 'x-key': 'k' } }]);
  });

  it('refuses a bad filter, a missing endpoint and deleting a used endpoint', async () => {
    await engine.routes.putEndpoint({ name: 'hook', type: 'webhook', url });
    await expect(engine.routes.put('r', { endpointName: 'hook', filter: "type = 'x" })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.routes.put('r', { endpointName: 'nowhere' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: 'Route r: there is no endpoint nowhere; add it first.' });
    await engine.routes.put('r', { endpointName: 'hook' });
    await expect(engine.routes.deleteEndpoint('hook')).rejects.toMatchObject({ code: ErrorCode.Conflict, message: 'Endpoint hook is used by the routes r; delete them first.' });
    await expect(engine.routes.putEndpoint({ name: 'bad', type: 'webhook', url: 'ftp://x' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await engine.routes.delete('r');
    await engine.routes.deleteEndpoint('hook');
    expect(await engine.routes.listEndpoints()).toEqual([]);
    await expect(engine.routes.get('r')).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});
