import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, errorField, type Engine } from '../../../src-main/engine';

let root: string;
let engine: Engine;

/** The field and message of the error a promise is refused with. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code: string; message: string; details?: { payloadField?: string } }) => ({ code: error.code, field: errorField(error), payloadField: error.details?.payloadField, message: error.message }),
  );

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-definition-errors-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
  await engine.models.add([{ name: 'campus.json', text: await readFile(resolve(import.meta.dirname, '../../fixtures/models/graph/campus.json'), 'utf8') }]);
  await engine.twins.upsert('room-1', { $metadata: { $model: 'dtmi:test:campus:Room;1' }, thermostat: { $metadata: {} } });
});

afterAll(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

describe('refused definitions name the field at fault', () => {
  it('endpoints: name, url and topic', async () => {
    expect(await refusal(engine.routes.putEndpoint({ name: '-bad', type: 'file', path: 'x.ndjson' }))).toEqual({
      code: ErrorCode.InvalidArgument,
      field: 'name',
      payloadField: undefined,
      message: 'An endpoint name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
    });
    expect(await refusal(engine.routes.putEndpoint({ name: 'hook', type: 'webhook', url: 'ftp://example.com' }))).toMatchObject({ field: 'url', message: 'Endpoint hook: "url" must be an http or https address.' });
    expect(await refusal(engine.routes.putEndpoint({ name: 'bus', type: 'mqtt', url: 'mqtt://localhost:1883', topic: 'twins/#' }))).toMatchObject({ field: 'topic' });
  });

  it('routes: the filter with its position, and the endpoint', async () => {
    await engine.routes.putEndpoint({ name: 'log', type: 'file', path: join(root, 'events.ndjson') });
    expect(await refusal(engine.routes.put('r1', { endpointName: 'log', filter: "type = 'x' AND" }))).toMatchObject({ code: ErrorCode.InvalidArgument, field: 'filter' });
    expect(await refusal(engine.routes.put('r1', { endpointName: 'nowhere' }))).toEqual({
      code: ErrorCode.InvalidArgument,
      field: 'endpointName',
      payloadField: undefined,
      message: 'Route r1: there is no endpoint nowhere; add it first.',
    });
  });

  it('sources: port, url, topics, speed and format', async () => {
    expect(await refusal(engine.ingest.putSource({ name: 'broker', type: 'mqtt-broker', port: 70_000 }))).toMatchObject({ field: 'port' });
    expect(await refusal(engine.ingest.putSource({ name: 'client', type: 'mqtt-client', url: 'http://x', topics: ['a/{deviceId}'] }))).toMatchObject({ field: 'url' });
    expect(await refusal(engine.ingest.putSource({ name: 'client', type: 'mqtt-client', url: 'mqtt://localhost:1883', topics: [] }))).toMatchObject({ field: 'topics' });
    expect(await refusal(engine.ingest.putSource({ name: 'replay', type: 'replay', path: 'a.csv', speed: 5000 }))).toMatchObject({ field: 'speed' });
    expect(await refusal(engine.ingest.putSource({ name: 'replay', type: 'replay', path: 'a.txt', speed: 1 }))).toMatchObject({ field: 'format' });
  });

  it('bindings: the twin, the component, and the payload field whose mapping is wrong', async () => {
    expect(await refusal(engine.ingest.putBinding({ deviceId: 'd1', twinId: 'nobody', fields: { t: { to: 'telemetry', name: 'temperature' } } }))).toEqual({
      code: ErrorCode.TwinNotFound,
      field: 'twinId',
      payloadField: undefined,
      message: 'Binding of device d1: there is no twin nobody.',
    });
    expect(await refusal(engine.ingest.putBinding({ deviceId: 'd1', twinId: 'room-1', component: 'lamp', fields: { t: { to: 'telemetry', name: 'temperature' } } }))).toMatchObject({ field: 'component' });
    expect(await refusal(engine.ingest.putBinding({ deviceId: 'd1', twinId: 'room-1', fields: { t: { to: 'telemetry', name: 'humidity' } } }))).toEqual({
      code: ErrorCode.InvalidArgument,
      field: 'fields',
      payloadField: 't',
      message: 'Binding of device d1, field "t": the model dtmi:test:campus:Room;1 declares no telemetry humidity.',
    });
  });

  it('rules: the expression of a derive rule', async () => {
    expect(await refusal(engine.rules.put({ id: 'x', kind: 'derive', model: 'dtmi:test:campus:Room;1', property: 'area', expression: 'temperature +' }))).toMatchObject({ code: ErrorCode.InvalidArgument, field: 'expression' });
  });
});
