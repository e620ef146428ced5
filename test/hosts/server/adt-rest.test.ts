import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src-main/engine';
import { startServer, type RunningServer } from '../../../src-main/hosts/server';

let root: string;
let engine: Engine;
let server: RunningServer;
const version = 'api-version=2023-10-31';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-adt-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
  server = await startServer({ engine, port: 0, rendererDir: root });
});
afterEach(async () => {
  await server.close();
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const separator = path.includes('?') ? '&' : '?';
  const response = await fetch(`${server.url.replace(/\/$/, '')}${path}${separator}${version}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': method === 'PATCH' ? 'application/json-patch+json' : 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const campus = async () => JSON.parse(await readFile(resolve(import.meta.dirname, '../../fixtures/models/graph/campus.json'), 'utf8')) as unknown[];
const room = { $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: 'Lab', area: 30, thermostat: { $metadata: {} } };

describe('the ADT data-plane REST API', () => {
  it('adds, lists (paged by nextLink), gets, decommissions and deletes models', async () => {
    const added = await call('POST', '/models', await campus());
    expect(added.status).toBe(201);
    expect((added.body as unknown as { id: string }[]).map((model) => model.id)).toHaveLength(7);
    const first = await call('GET', '/models', undefined, { 'max-items-per-page': '5' });
    expect(first.status).toBe(200);
    expect((first.body!.value as unknown[]).length).toBe(5);
    const next = await fetch(String(first.body!.nextLink));
    const second = (await next.json()) as { value: unknown[]; nextLink: string | null };
    expect(second.value.length).toBe(2);
    expect(second.nextLink).toBeNull();
    const model = await call('GET', '/models/dtmi:test:campus:Sensor;1?includeModelDefinition=true');
    expect(model.body).toMatchObject({ id: 'dtmi:test:campus:Sensor;1', decommissioned: false, model: { '@id': 'dtmi:test:campus:Sensor;1' } });
    expect((await call('PATCH', '/models/dtmi:test:campus:Sensor;1', [{ op: 'replace', path: '/decommissioned', value: true }])).status).toBe(204);
    expect((await call('GET', '/models/dtmi:test:campus:Sensor;1')).body).toMatchObject({ decommissioned: true });
    expect((await call('DELETE', '/models/dtmi:test:campus:Sensor;1')).status).toBe(204);
    expect(await call('GET', '/models/dtmi:test:campus:Sensor;1')).toMatchObject({ status: 404, body: { error: { code: 'ModelNotFound' } } });
    expect(await call('POST', '/models', [(await campus())[0]])).toMatchObject({ status: 409, body: { error: { code: 'ModelIdAlreadyExists' } } });
    expect(await call('POST', '/models', [{ '@id': 'dtmi:x;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', contents: 7 }])).toMatchObject({
      status: 400,
      body: { error: { code: 'DTDLParserError' } },
    });
  });

  it('creates, reads, patches and deletes twins with ETags', async () => {
    await call('POST', '/models', await campus());
    const created = await call('PUT', '/digitaltwins/lab', room, { 'if-none-match': '*' });
    expect(created.status).toBe(200);
    const etag = created.headers.get('etag')!;
    expect(created.body).toMatchObject({ $dtId: 'lab', $etag: etag });
    expect(await call('PUT', '/digitaltwins/lab', room, { 'if-none-match': '*' })).toMatchObject({ status: 412, body: { error: { code: 'PreconditionFailed' } } });
    const patched = await call('PATCH', '/digitaltwins/lab', [{ op: 'replace', path: '/area', value: 31 }], { 'if-match': etag });
    expect(patched.status).toBe(204);
    expect(patched.headers.get('etag')).not.toBe(etag);
    expect(await call('PATCH', '/digitaltwins/lab', [{ op: 'replace', path: '/area', value: 32 }], { 'if-match': etag })).toMatchObject({ status: 412 });
    expect((await call('GET', '/digitaltwins/lab')).body).toMatchObject({ area: 31 });
    expect(await call('PUT', '/digitaltwins/bad', { ...room, area: 'big' })).toMatchObject({ status: 400, body: { error: { code: 'ValidationFailed', message: 'Twin bad: /area must be double; got "big".' } } });
    expect((await call('PATCH', '/digitaltwins/lab/components/thermostat', [{ op: 'add', path: '/setpoint', value: 21 }])).status).toBe(204);
    expect((await call('GET', '/digitaltwins/lab/components/thermostat')).body).toMatchObject({ setpoint: 21 });
    expect((await call('DELETE', '/digitaltwins/lab')).status).toBe(204);
    expect(await call('GET', '/digitaltwins/lab')).toMatchObject({ status: 404, body: { error: { code: 'DigitalTwinNotFound', message: 'There is no twin lab.' } } });
  });

  it('manages relationships and lists them both ways', async () => {
    await call('POST', '/models', await campus());
    await call('PUT', '/digitaltwins/floor', { $metadata: { $model: 'dtmi:test:campus:Floor;1' } });
    await call('PUT', '/digitaltwins/lab', room);
    const created = await call('PUT', '/digitaltwins/floor/relationships/c1', { $relationshipName: 'contains', $targetId: 'lab' });
    expect(created).toMatchObject({ status: 200, body: { $relationshipId: 'c1', $sourceId: 'floor', $targetId: 'lab', $relationshipName: 'contains' } });
    expect((await call('GET', '/digitaltwins/floor/relationships?relationshipName=contains')).body).toMatchObject({ value: [{ $relationshipId: 'c1' }], nextLink: null });
    expect((await call('GET', '/digitaltwins/lab/incomingrelationships')).body).toEqual({
      value: [{ $relationshipId: 'c1', $sourceId: 'floor', $relationshipName: 'contains', $relationshipLink: '/digitaltwins/floor/relationships/c1' }],
      nextLink: null,
    });
    expect((await call('DELETE', '/digitaltwins/floor/relationships/c1')).status).toBe(204);
    expect(await call('GET', '/digitaltwins/floor/relationships/c1')).toMatchObject({ status: 404, body: { error: { code: 'RelationshipNotFound' } } });
  });

  it('answers queries in pages with continuation tokens and a query charge', async () => {
    await call('POST', '/models', await campus());
    for (let i = 0; i < 5; i++) await call('PUT', `/digitaltwins/room-${i}`, { ...room, area: i });
    const first = await call('POST', '/query', { query: 'SELECT T.area FROM DIGITALTWINS T WHERE T.area >= 1' }, { 'max-items-per-page': '3' });
    expect(first.status).toBe(200);
    expect(first.headers.get('query-charge')).toBe('3');
    expect(first.body!.value).toEqual([{ area: 1 }, { area: 2 }, { area: 3 }]);
    const second = await call('POST', '/query', { continuationToken: first.body!.continuationToken }, { 'max-items-per-page': '3' });
    expect(second.body).toEqual({ value: [{ area: 4 }], continuationToken: null });
    expect(await call('POST', '/query', { query: 'SELECT * FROM DIGITALTWINS ORDER BY area' })).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
  });

  it('runs an import job from a file in the workspace', async () => {
    await writeFile(
      join(root, 'ws', 'graph.ndjson'),
      [
        { Section: 'Header' },
        { fileVersion: '1.0.0' },
        { Section: 'Models' },
        { '@id': 'dtmi:t:Thing;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3' },
        { Section: 'Twins' },
        { $dtId: 'a', $metadata: { $model: 'dtmi:t:Thing;1' } },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const started = await call('PUT', '/jobs/imports/job1', { inputBlobUri: 'graph.ndjson', outputBlobUri: 'job1.log.ndjson' });
    expect(started).toMatchObject({ status: 201, body: { id: 'job1', inputBlobUri: 'graph.ndjson', outputBlobUri: 'job1.log.ndjson' } });
    await engine.jobs.wait('job1');
    expect((await call('GET', '/jobs/imports/job1')).body).toMatchObject({ status: 'succeeded', error: null });
    expect((await call('GET', '/jobs/imports')).body).toMatchObject({ value: [{ id: 'job1' }] });
    expect(await call('PUT', '/jobs/imports/job2', { inputBlobUri: '../../etc/passwd', outputBlobUri: 'x' })).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    expect((await call('DELETE', '/jobs/imports/job1')).status).toBe(204);
  });

  it('runs a delete job that removes every relationship, twin and model, with its events', async () => {
    await call('POST', '/models', await campus());
    await call('PUT', '/digitaltwins/lab', room);
    await call('PUT', '/digitaltwins/hall', { ...room, name: 'Hall' });
    const events: string[] = [];
    const listening = engine.twins.onDidChange((batch) => events.push(...batch.map((event) => event.type)));
    const started = await fetch(`${server.url}jobs/deletions?${version}`, { method: 'POST', headers: { 'operation-id': 'wipe' } });
    expect(started.status).toBe(202);
    expect(started.headers.get('operation-location')).toBe(`/jobs/deletions/wipe?${version}`);
    expect(await started.json()).toMatchObject({ id: 'wipe', status: 'running', error: null });
    await engine.jobs.wait('wipe');
    await engine.settled();
    listening.dispose();
    expect((await call('GET', '/jobs/deletions/wipe')).body).toMatchObject({ id: 'wipe', status: 'succeeded', finishedDateTime: expect.any(String) });
    expect((await call('GET', '/jobs/deletions')).body).toMatchObject({ value: [{ id: 'wipe' }] });
    expect(await engine.twins.count()).toBe(0);
    expect(await engine.models.list()).toEqual([]);
    expect(events.filter((type) => type === 'Microsoft.DigitalTwins.Twin.Delete')).toHaveLength(2);
    expect(await call('GET', '/jobs/deletions/nope')).toMatchObject({ status: 404 });
  });

  it('takes telemetry for a twin and a component, with ADT headers', async () => {
    await call('POST', '/models', await campus());
    await call('PUT', '/digitaltwins/lab', room);
    expect((await call('POST', '/digitaltwins/lab/telemetry', { temperature: 21 }, { 'message-id': 'm1', 'telemetry-source-time': '2026-11-27T08:00:00Z' })).status).toBe(204);
    expect((await call('POST', '/digitaltwins/lab/components/thermostat/telemetry', { setpoint: 20 }, { 'message-id': 'm2' })).status).toBe(204);
    expect(await call('POST', '/digitaltwins/lab/telemetry', { temperature: 21 })).toMatchObject({ status: 400, body: { error: { message: 'Telemetry needs a Message-Id header.' } } });
    expect((await engine.analytics.sql('SELECT component, name, value, message_id FROM telemetry ORDER BY message_id')).rows).toEqual([
      [null, 'temperature', 21, 'm1'],
      ['thermostat', 'setpoint', 20, 'm2'],
    ]);
  });

  it('answers API errors in ADT shape', async () => {
    const base = server.url.replace(/\/$/, '');
    expect(await (await fetch(`${base}/digitaltwins/x`)).json()).toEqual({
      error: { code: 'MissingApiVersionParameter', message: 'The api-version query parameter is required; use one of 2023-10-31, 2022-05-31.' },
    });
    expect((await fetch(`${base}/digitaltwins/x?api-version=2020-01-01`)).status).toBe(400);
    expect(await call('GET', '/digitaltwins/x/bogus')).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
    expect(await call('POST', '/digitaltwins/x')).toMatchObject({ status: 405, body: { error: { code: 'MethodNotAllowed' } } });
    const badJson = await fetch(`${base}/digitaltwins/x?${version}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(badJson.status).toBe(400);
    const wrongType = await fetch(`${base}/digitaltwins/x?${version}`, { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: '[]' });
    expect(wrongType.status).toBe(415);
  });
});
