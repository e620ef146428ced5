import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ErrorCode, isEngineError, type Engine, type EngineApi } from '../../../src-main/engine';
import { startServer, type RunningServer } from '../../../src-main/hosts/server';
import { createProxy } from '../../../src-shared/rpc';
import { ReconnectingWebSocketChannel } from '../../../src-renderer/transport/websocket-channel';
import { accessWorld, principal } from '../../engine/access/access-fixture';

Object.assign(globalThis, { WebSocket });

let engine: Engine;
let dispose: () => Promise<void>;
let server: RunningServer;
let rendererDir: string;
const tokens: Record<string, string> = {};
const closers: (() => void)[] = [];
const subjects = { alice: [], carol: [], dave: [], erin: ['audit'], root: [] } as const satisfies Record<string, readonly string[]>;
type Subject = keyof typeof subjects;

beforeAll(async () => {
  ({ engine, dispose } = await accessWorld());
  for (const [subject, groups] of Object.entries(subjects)) tokens[subject] = (await engine.access.createToken({ subject, groups: [...groups] })).token;
  rendererDir = await mkdtemp(join(tmpdir(), 'twinbench-renderer-'));
  server = await startServer({ engine, port: 0, rendererDir });
});
afterAll(async () => {
  for (const close of closers) close();
  await server.close();
  await dispose();
  await rm(rendererDir, { recursive: true, force: true });
});

/** The API of a subject over one transport. */
const transports: Record<string, (subject: Subject) => EngineApi> = {
  'in-process': (subject) => engine.scoped(principal(subject, [...subjects[subject]])),
  WebSocket: (subject) => {
    const channel = new ReconnectingWebSocketChannel(`ws://127.0.0.1:${server.port}/rpc?token=${encodeURIComponent(tokens[subject]!)}`);
    const proxy = createProxy(channel);
    closers.push(() => (proxy.dispose(), channel.dispose()));
    return proxy.api;
  },
};

const outcome = async (work: () => Promise<unknown>): Promise<string> => {
  try {
    await work();
    return 'ok';
  } catch (error) {
    if (isEngineError(error)) return error.code;
    throw error;
  }
};

type Operation = (api: EngineApi) => Promise<unknown>;
const operations: Record<string, Operation> = {
  'read a room in hq': (api) => api.twins.get('hq-f1-r1'),
  'read the annex': (api) => api.twins.get('annex'),
  'read the sensor': (api) => api.twins.get('co2-1'),
  'patch a room in hq': (api) => api.twins.update('hq-f1-r2', [{ op: 'replace', path: '/name', value: 'Orion' }]),
  'patch hidden seats': (api) => api.twins.update('hq-f1-r2', [{ op: 'replace', path: '/seats', value: 12 }]),
  'delete a floor': (api) => api.twins.delete('hq-f1'),
  'list incoming of a room': (api) => api.relationships.listIncoming('hq-f1-r2'),
  'send telemetry': (api) => api.telemetry.publish('hq-f1-r1', { temperature: 21 }),
  query: (api) => api.query.run('SELECT COUNT() FROM DIGITALTWINS'),
  analytics: (api) => api.analytics.sql('SELECT 1 AS one'),
  'list jobs': (api) => api.jobs.list(),
  'list policies': (api) => api.access.listPolicies(),
};

const { TwinNotFound: missing, Forbidden: denied, Conflict: conflict } = ErrorCode;
/** Expected outcome per subject, in the order of `operations`. Deleting a floor that still has relationships is a Conflict for whoever may try. */
const expected: Record<Subject, string[]> = {
  alice: ['ok', missing, missing, 'ok', denied, denied, 'ok', 'ok', 'ok', denied, denied, denied],
  carol: ['ok', missing, missing, denied, denied, missing, 'ok', denied, 'ok', denied, denied, denied],
  dave: [missing, missing, missing, missing, missing, missing, missing, missing, denied, denied, denied, denied],
  erin: ['ok', 'ok', 'ok', denied, denied, denied, 'ok', denied, 'ok', 'ok', denied, denied],
  root: ['ok', 'ok', 'ok', 'ok', 'ok', conflict, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
};
const visibleCounts: Record<Subject, number> = { alice: 4, carol: 3, dave: 0, erin: 8, root: 8 };

describe.each(Object.keys(transports))('access over %s', (transport) => {
  it.each(Object.keys(subjects) as Subject[])('gives %s exactly its permissions', async (subject) => {
    const api = transports[transport]!(subject);
    const outcomes: string[] = [];
    for (const operation of Object.values(operations)) outcomes.push(await outcome(() => operation(api)));
    expect(Object.fromEntries(Object.keys(operations).map((name, i) => [name, outcomes[i]]))).toEqual(Object.fromEntries(Object.keys(operations).map((name, i) => [name, expected[subject][i]])));
    if (subject !== 'dave') expect((await api.query.run('SELECT COUNT() FROM DIGITALTWINS')).items).toEqual([{ COUNT: visibleCounts[subject] }]);
    expect(await api.twins.count()).toBe(visibleCounts[subject]);
  });
});

const rest = async (method: string, path: string, token?: string, body?: unknown) => {
  const response = await fetch(`${server.url}${path.replace(/^\//, '')}${path.includes('?') ? '&' : '?'}api-version=2023-10-31`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': method === 'PATCH' ? 'application/json-patch+json' : 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { error?: { code: string; message: string }; value?: unknown[] }) : undefined };
};

describe('access over the ADT REST API', () => {
  it('answers NotFound for twins a subject may not read, exactly as for twins that do not exist', async () => {
    const hidden = await rest('GET', '/digitaltwins/annex', tokens.alice);
    const absent = await rest('GET', '/digitaltwins/nowhere', tokens.alice);
    expect(hidden.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(hidden.body?.error?.code).toBe(absent.body?.error?.code);
    expect(hidden.body?.error?.message).toBe('There is no twin annex.');
  });

  it('filters query rows and refuses writes without permission', async () => {
    const rows = await rest('POST', '/query', tokens.carol, { query: 'SELECT T.$dtId AS id FROM DIGITALTWINS T' });
    expect(rows.status).toBe(200);
    expect((rows.body?.value as { id: string }[]).map((row) => row.id).sort()).toEqual(['annex-f1-r1', 'hq-f1-r1', 'hq-f1-r2']);
    expect((await rest('PATCH', '/digitaltwins/hq-f1-r1', tokens.carol, [{ op: 'replace', path: '/name', value: 'x' }])).status).toBe(403);
    expect((await rest('GET', '/digitaltwins/hq-f1-r1', tokens.carol)).status).toBe(200);
  });

  it('refuses malformed, unknown, revoked and expired tokens with 401 and the reason', async () => {
    expect(await rest('GET', '/digitaltwins/hq', 'not-a-token')).toMatchObject({ status: 401, body: { error: { code: 'Unauthorized', message: expect.stringContaining('malformed') } } });
    expect(await rest('GET', '/digitaltwins/hq', `tbk_000000000000_${'a'.repeat(43)}`)).toMatchObject({ status: 401, body: { error: { message: 'The bearer token is not valid for this workspace.' } } });
    const doomed = await engine.access.createToken({ subject: 'alice' });
    expect((await rest('GET', '/digitaltwins/hq', doomed.token)).status).toBe(200);
    await engine.access.revokeToken(doomed.id);
    expect(await rest('GET', '/digitaltwins/hq', doomed.token)).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('revoked') } } });
    const brief = await engine.access.createToken({ subject: 'alice', expiresAt: new Date(Date.now() + 400).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await rest('GET', '/digitaltwins/hq', brief.token)).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('expired') } } });
  });

  it('lets loopback clients in without a token only while the workspace allows it', async () => {
    expect((await rest('GET', '/digitaltwins/annex')).status).toBe(200);
    await engine.access.updateSettings({ anonymousLoopback: false });
    try {
      expect(await rest('GET', '/digitaltwins/annex')).toMatchObject({ status: 401, body: { error: { code: 'Unauthorized' } } });
      const upgrade = await fetch(`${server.url}rpc`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } }).catch((error: unknown) => error);
      expect(upgrade).toBeInstanceOf(Error);
    } finally {
      await engine.access.updateSettings({ anonymousLoopback: true });
    }
  });
});

describe('binding beyond loopback', () => {
  it('needs tokens in the workspace or an admin secret', async () => {
    const { engine: bare, dispose: disposeBare } = await accessWorld();
    try {
      await expect(startServer({ engine: bare, host: '0.0.0.0', port: 0, rendererDir })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('twinbench token create') });
      await bare.access.createToken({ subject: 'alice' });
      const open = await startServer({ engine: bare, host: '0.0.0.0', port: 0, rendererDir });
      const anonymous = await fetch(`http://127.0.0.1:${open.port}/digitaltwins/hq?api-version=2023-10-31`);
      expect(anonymous.status).toBe(401);
      await open.close();
    } finally {
      await disposeBare();
    }
  });
});
