import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine';
import { startServer, type RunningServer } from '../../../src-main/hosts/server';
import { ingestEngine } from '../../engine/ingest/fixtures';

let engine: Engine;
let dispose: () => Promise<void>;
let server: RunningServer;
let rendererDir: string;

beforeEach(async () => {
  ({ engine, dispose } = await ingestEngine());
  rendererDir = await mkdtemp(join(tmpdir(), 'twinbench-renderer-'));
  server = await startServer({ engine, port: 0, rendererDir, token: 'secret' });
  await engine.ingest.putBinding({ deviceId: 'dev 1', twinId: 'r1', fields: { t: { to: 'telemetry', name: 'airTemperature' } } });
});

afterEach(async () => {
  await server.close();
  await dispose();
  await rm(rendererDir, { recursive: true, force: true });
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.url), { method: 'POST', body, headers: { authorization: 'Bearer secret', 'content-type': 'application/json', ...headers } });

describe('the device endpoint', () => {
  it('hands a device message to the running HTTP source and answers with its receipt', async () => {
    await engine.ingest.putSource({ name: 'web', type: 'http' });
    await engine.ingest.startSource('web');
    const response = await post('/devices/dev%201/messages', JSON.stringify({ t: 20.5, x: 1 }), { 'message-id': 'm-1', 'telemetry-source-time': '2026-11-28T10:00:00Z' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ twinId: 'r1', telemetry: 1, properties: 0, ignored: ['x'] });
    const stored = await engine.analytics.sql("SELECT name, value, message_id FROM telemetry WHERE twin_id = 'r1'");
    expect(stored.rows).toEqual([['airTemperature', 20.5, 'm-1']]);
  });

  it('answers 400 for a body that is not JSON, 404 for an unknown device, 503 while no HTTP source runs, and 401 without the token', async () => {
    expect((await post('/devices/dev%201/messages', '{"t": 1}')).status).toBe(503);
    await engine.ingest.putSource({ name: 'web', type: 'http' });
    await engine.ingest.startSource('web');
    const malformed = await post('/devices/dev%201/messages', '{oops');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'InvalidArgument', details: { reason: 'malformedPayload' } } });
    expect((await post('/devices/ghost/messages', '{"t": 1}')).status).toBe(404);
    expect((await fetch(new URL('/devices/dev%201/messages', server.url), { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await engine.ingest.sources())[0]).toMatchObject({ errors: 2, reasons: { malformedPayload: 1, unknownDevice: 1 } });
  });

  it('lets a token send for a device only with telemetry on its twin, and hides devices of twins it cannot read', async () => {
    await engine.ingest.putSource({ name: 'web', type: 'http' });
    await engine.ingest.startSource('web');
    await engine.access.putPolicy({ id: 'sensors', subjects: ['gateway'], entries: [{ resource: { kind: 'twin', id: 'r1' }, grant: ['read', 'telemetry'] }] });
    await engine.access.putPolicy({ id: 'viewers', subjects: ['viewer'], entries: [{ resource: { kind: 'twin', id: 'r1' }, grant: ['read'] }] });
    const token = async (subject: string) => (await engine.access.createToken({ subject })).token;
    const send = async (subject: string, device = 'dev%201') => (await post(`/devices/${device}/messages`, '{"t": 21}', { authorization: `Bearer ${await token(subject)}` })).status;
    expect(await send('gateway')).toBe(200);
    expect(await send('viewer')).toBe(403);
    expect(await send('stranger')).toBe(404);
    expect(await send('gateway', 'ghost')).toBe(404);
    const stored = await engine.analytics.sql("SELECT count(*) FROM telemetry WHERE twin_id = 'r1'");
    expect(stored.rows).toEqual([[1]]);
  });
});
