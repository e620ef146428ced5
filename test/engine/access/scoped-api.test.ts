import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine, type EngineApi, type GraphEvent, type TelemetryReading } from '../../../src-main/engine';
import { accessWorld, idsOf, principal } from './access-fixture';

let engine: Engine;
let dispose: () => Promise<void>;
let alice: EngineApi;
let carol: EngineApi;
let dave: EngineApi;
let erin: EngineApi;
let root: EngineApi;

beforeAll(async () => {
  ({ engine, dispose } = await accessWorld());
  alice = engine.scoped(principal('alice'));
  carol = engine.scoped(principal('carol'));
  dave = engine.scoped(principal('dave'));
  erin = engine.scoped(principal('erin', ['audit']));
  root = engine.scoped(principal('root'));
});
afterAll(() => dispose());

const events = <T>(subscribe: (listener: (value: T) => void) => { dispose(): void }) => {
  const seen: T[] = [];
  const subscription = subscribe((value) => seen.push(value));
  return { seen, dispose: () => subscription.dispose() };
};

describe('reads of a subject limited to a subtree', () => {
  it('reads twins in the subtree and finds no others', async () => {
    await expect(alice.twins.get('hq-f1-r1')).resolves.toMatchObject({ $dtId: 'hq-f1-r1', name: 'Lobby' });
    await expect(alice.twins.get('annex')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound, message: 'There is no twin annex.' });
    await expect(alice.twins.get('co2-1')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(alice.twins.get('no-such-twin')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound, message: 'There is no twin no-such-twin.' });
  });

  it('hides a revoked property and its metadata', async () => {
    const orion = await alice.twins.get('hq-f1-r2');
    expect(orion.seats).toBeUndefined();
    expect(orion.$metadata.seats).toBeUndefined();
    expect(orion.name).toBe('Orion');
    expect((await engine.twins.get('hq-f1-r2')).seats).toBe(12);
  });

  it('counts, queries, JOINs and MATCHes (lower bound exclusive, as in ADT) only over visible twins', async () => {
    expect(await alice.twins.count()).toBe(4);
    expect(await idsOf(alice, 'SELECT * FROM DIGITALTWINS')).toEqual(['hq', 'hq-f1', 'hq-f1-r1', 'hq-f1-r2']);
    expect((await alice.query.run('SELECT COUNT() FROM DIGITALTWINS')).items).toEqual([{ COUNT: 4 }]);
    expect((await alice.query.run('SELECT COUNT() FROM RELATIONSHIPS')).items).toEqual([{ COUNT: 3 }]);
    expect(await idsOf(alice, "SELECT R FROM DIGITALTWINS B JOIN R RELATED B.contains WHERE B.$dtId = 'annex'", 'R')).toEqual([]);
    expect(await idsOf(alice, 'SELECT R FROM DIGITALTWINS MATCH (S)-[:observes]->(R)', 'R')).toEqual([]);
    expect(await idsOf(alice, "SELECT R FROM DIGITALTWINS MATCH (B)-[:contains*1..2]->(R) WHERE B.$dtId = 'hq'", 'R')).toEqual(['hq-f1-r1', 'hq-f1-r2']);
    const rows = (await alice.query.run("SELECT * FROM DIGITALTWINS WHERE $dtId = 'hq-f1-r2'")).items as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seats).toBeUndefined();
  });

  it('refuses a query that names a hidden property, so conditions cannot reveal it', async () => {
    await expect(alice.query.run('SELECT * FROM DIGITALTWINS T WHERE T.seats > 10')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.query.run('SELECT T.seats FROM DIGITALTWINS T')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('lists only relationships whose both ends are visible', async () => {
    expect((await alice.relationships.listIncoming('hq-f1-r2')).map((r) => r.$relationshipId)).toEqual(['hq-f1-contains-hq-f1-r2']);
    expect((await alice.relationships.list('hq-f1')).map((r) => r.$targetId).sort()).toEqual(['hq-f1-r1', 'hq-f1-r2']);
    await expect(alice.relationships.get('co2-1', 'co2-1-observes')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(alice.relationships.list('annex')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
  });
});

describe('writes', () => {
  it('patches what is granted and refuses what is revoked', async () => {
    await expect(alice.twins.update('hq-f1-r2', [{ op: 'replace', path: '/name', value: 'Orion 2' }])).resolves.toMatchObject({ name: 'Orion 2' });
    await expect(alice.twins.update('hq-f1-r2', [{ op: 'replace', path: '/seats', value: 20 }])).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.twins.update('hq-f1-r1', [{ op: 'replace', path: '/name', value: 'Hall' }])).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.twins.update('annex', [{ op: 'replace', path: '/name', value: 'Mine' }])).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    expect((await engine.twins.get('hq-f1-r2')).seats).toBe(12);
    expect((await engine.twins.get('annex')).name).toBe('Annex');
  });

  it('checks each patch of a batch on its own', async () => {
    const results = await alice.twins.updateMany([
      { id: 'hq-f1', patch: [{ op: 'replace', path: '/name', value: 'Floor one' }] },
      { id: 'annex-f1', patch: [{ op: 'replace', path: '/name', value: 'x' }] },
      { id: 'hq-f1-r1', patch: [{ op: 'replace', path: '/name', value: 'x' }] },
    ]);
    expect(results.map((result) => ('error' in result ? result.error.code : 'ok'))).toEqual(['ok', ErrorCode.TwinNotFound, ErrorCode.Forbidden]);
  });

  it('needs delete to delete and write to create', async () => {
    await expect(alice.twins.delete('hq-f1-r1')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(carol.twins.upsert('new-room', { $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: 'x', thermostat: { $metadata: {} } })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(engine.twins.get('new-room')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
  });

  it('sends telemetry only for twins with the telemetry permission', async () => {
    await expect(alice.telemetry.publish('hq-f1-r1', { temperature: 21.5 })).resolves.toBeDefined();
    await expect(alice.telemetry.publish('annex-f1-r1', { temperature: 21.5 })).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(carol.telemetry.publish('annex-f1-r1', { temperature: 21.5 })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });
});

describe('model-wide grants and other subjects', () => {
  it('lets a model grant cover models that extend it', async () => {
    expect(await idsOf(carol, 'SELECT * FROM DIGITALTWINS')).toEqual(['annex-f1-r1', 'hq-f1-r1', 'hq-f1-r2']);
    expect(await idsOf(carol, 'SELECT R FROM DIGITALTWINS B JOIN R RELATED B.contains', 'R')).toEqual([]);
    expect(await carol.twins.count()).toBe(3);
  });

  it('gives a subject without policies nothing, and says NotFound for twins', async () => {
    await expect(dave.twins.get('hq')).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(dave.query.run('SELECT * FROM DIGITALTWINS')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    expect(await dave.twins.count()).toBe(0);
    await expect(dave.access.whoami()).resolves.toEqual({ subject: 'dave', groups: [], owner: false, permissions: [] });
  });

  it('grants through groups, and keeps analytics to subjects that read everything', async () => {
    expect(await erin.twins.count()).toBe(8);
    await expect(erin.analytics.sql('SELECT 41 + 1 AS answer')).resolves.toMatchObject({ rows: [[42]] });
    await expect(alice.analytics.sql('SELECT 1')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(erin.twins.update('hq', [{ op: 'replace', path: '/name', value: 'x' }])).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('keeps workspace administration to admins', async () => {
    await expect(alice.jobs.list()).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.access.listPolicies()).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.models.add([])).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.query.export('SELECT * FROM DIGITALTWINS', { path: '/tmp/x.csv', format: 'csv' })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.models.list()).resolves.toHaveLength(7);
    await expect(root.jobs.list()).resolves.toBeInstanceOf(Array);
    await expect(root.access.listPolicies()).resolves.toHaveLength(4);
  });
});

describe('pushed events', () => {
  it('delivers only events of visible twins, without hidden properties', async () => {
    const seen = events<readonly GraphEvent[]>(alice.twins.onDidChange);
    const readings = events<readonly TelemetryReading[]>(alice.telemetry.onDidPublish);
    await engine.twins.update('annex', [{ op: 'replace', path: '/name', value: 'Annex B' }]);
    await engine.twins.update('hq-f1-r2', [{ op: 'replace', path: '/seats', value: 14 }, { op: 'replace', path: '/name', value: 'Orion 3' }]);
    await engine.telemetry.publish('annex-f1-r1', { temperature: 19 });
    await engine.telemetry.publish('hq-f1-r1', { temperature: 22 });
    await engine.settled();
    seen.dispose();
    readings.dispose();
    const updates = seen.seen.flat();
    expect(updates.map((event) => event.subject)).toEqual(['hq-f1-r2']);
    expect((updates[0]!.data as { patch: unknown[] }).patch).toEqual([{ op: 'replace', path: '/name', value: 'Orion 3' }]);
    expect(readings.seen.flat().map((reading) => reading.twinId)).toEqual(['hq-f1-r1']);
  });
});

describe('structure changes', () => {
  it('shows a twin as soon as it joins a granted subtree', async () => {
    await engine.twins.upsert('hq-f1-r9', { $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: 'New', thermostat: { $metadata: {} } });
    await engine.relationships.upsert('hq-f1', 'hq-f1-contains-hq-f1-r9', { $relationshipName: 'contains', $targetId: 'hq-f1-r9' });
    await engine.settled();
    await expect(alice.twins.get('hq-f1-r9')).resolves.toMatchObject({ name: 'New' });
    expect(await idsOf(alice, "SELECT * FROM DIGITALTWINS WHERE $dtId = 'hq-f1-r9'")).toEqual(['hq-f1-r9']);
  });
});
