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

describe('analytics narrowed to what a subject reads', () => {
  const analyst = () => engine.scoped(principal('frank'));
  const rows = async (api: EngineApi, text: string) => (await api.analytics.sql(text)).rows;

  beforeAll(async () => {
    await engine.access.putPolicy({
      id: 'analysts',
      subjects: ['frank'],
      entries: [
        { resource: { kind: 'workspace' }, grant: ['query', 'analytics'] },
        { resource: { kind: 'subtree', root: 'hq', relationships: ['contains'] }, grant: ['read'] },
        { resource: { kind: 'twin', id: 'hq-f1-r2', path: '/seats' }, revoke: ['read'] },
      ],
    });
    await engine.telemetry.publish('hq-f1-r1', { temperature: 21.5 });
    await engine.telemetry.publish('annex-f1-r1', { temperature: 18 });
    await engine.settled();
  });
  afterAll(() => engine.access.deletePolicy('analysts'));

  it('sees telemetry, twins, relationships and lifecycle only of its twins', async () => {
    const frank = analyst();
    expect(await rows(frank, 'SELECT DISTINCT twin_id FROM telemetry ORDER BY 1')).toEqual([['hq-f1-r1']]);
    expect((await rows(engine, 'SELECT DISTINCT twin_id FROM telemetry ORDER BY 1')).flat()).toContain('annex-f1-r1');
    expect(await rows(frank, 'SELECT id FROM twins ORDER BY id')).toEqual([['hq'], ['hq-f1'], ['hq-f1-r1'], ['hq-f1-r2'], ['hq-f1-r9']]);
    expect(await rows(frank, 'SELECT count(*) FROM main.twins')).toEqual([[5]]);
    expect(await rows(frank, 'SELECT source, target FROM relationships ORDER BY 1, 2')).toEqual([['hq', 'hq-f1'], ['hq-f1', 'hq-f1-r1'], ['hq-f1', 'hq-f1-r2'], ['hq-f1', 'hq-f1-r9']]);
    expect(await rows(frank, "SELECT count(*) FROM twin_lifecycle_events WHERE TwinId LIKE 'annex%' OR TwinId = 'co2-1'")).toEqual([[0]]);
    expect(await rows(frank, "SELECT count(*) FROM relationship_lifecycle_events WHERE Name = 'observes'")).toEqual([[0]]);
  });

  it('removes a hidden property from property events, twin bodies and the helpers', async () => {
    const frank = analyst();
    expect((await rows(engine, "SELECT count(*) FROM property_events WHERE Key = 'seats'"))[0]![0]).toBeGreaterThan(0);
    expect(await rows(frank, "SELECT count(*) FROM property_events WHERE Key = 'seats'")).toEqual([[0]]);
    expect(await rows(frank, "SELECT json_extract(body, '$.seats'), json_extract_string(body, '$.name') FROM twins WHERE id = 'hq-f1-r2'")).toEqual([[null, 'Orion 3']]);
    expect(await rows(frank, "SELECT twin_property('hq-f1-r2', 'seats') IS NULL, twin_property('annex', 'name') IS NULL")).toEqual([[true, true]]);
  });

  it('refuses statements that would reach past the narrowed views', async () => {
    const frank = analyst();
    for (const text of [
      'SELECT count(*) FROM history.main.twins',
      'SELECT count(*) FROM history.twins',
      "SELECT * FROM query_table('twins')",
      "SELECT * FROM query('SELECT 1')",
      "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
      'SELECT count(*) FROM information_schema.tables',
      'EXPLAIN SELECT * FROM twins',
    ]) {
      await expect(frank.analytics.sql(text), text).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    }
    await expect(frank.analytics.sql('COPY twins TO \'x.csv\'')).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(frank.analytics.sql('SELECT FROM WHERE')).rejects.toMatchObject({ code: ErrorCode.QuerySyntax });
  });

  it('pages a narrowed result', async () => {
    const frank = analyst();
    const first = await frank.analytics.sql('SELECT id FROM twins ORDER BY id', { pageSize: 3 });
    expect(first.rows).toEqual([['hq'], ['hq-f1'], ['hq-f1-r1']]);
    expect((await frank.analytics.nextPage(first.continuationToken!)).rows).toEqual([['hq-f1-r2'], ['hq-f1-r9']]);
  });
});

describe('tokens revoked while in use', () => {
  it('refuse every later call and stop pushed events at once', async () => {
    const created = await engine.access.createToken({ subject: 'erin', groups: ['audit'] });
    const api = engine.scoped(await engine.authenticate(created.token));
    await expect(api.twins.get('annex')).resolves.toMatchObject({ $dtId: 'annex' });
    const seen = events<readonly GraphEvent[]>(api.twins.onDidChange);
    await engine.access.revokeToken(created.id);
    await engine.twins.update('annex', [{ op: 'replace', path: '/name', value: 'Annex C' }]);
    await engine.settled();
    seen.dispose();
    expect(seen.seen).toEqual([]);
    await expect(api.twins.get('annex')).rejects.toMatchObject({ code: ErrorCode.Unauthorized, message: expect.stringMatching(/^The bearer token was revoked at /) });
    await expect(api.analytics.sql('SELECT 1')).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });
});

describe('scenes and saved queries', () => {
  it('shows a subject only the spaces of twins it may read, and links of levels it may read', async () => {
    const square = (x: number) => [{ x, y: 0 }, { x: x + 4, y: 0 }, { x: x + 4, y: 4 }, { x, y: 4 }];
    await engine.spatial.put({
      id: 'site',
      name: 'Site',
      source: 'document',
      levels: [
        { id: 'l1', name: 'Ground floor', elevation: 0, height: 3, twinId: 'hq-f1' },
        { id: 'l2', name: 'Annex floor', elevation: 0, height: 3, twinId: 'annex-f1' },
      ],
      spaces: [
        { id: 'lobby', levelId: 'l1', name: 'Lobby', twinId: 'hq-f1-r1', outline: square(0) },
        { id: 'archive', levelId: 'l2', name: 'Archive', twinId: 'annex-f1-r1', outline: square(10) },
        { id: 'corridor', levelId: 'l1', outline: square(20) },
      ],
      walls: [],
      assets: [],
    });
    const scene = await alice.spatial.get('site');
    expect(scene.spaces.map((space) => space.id)).toEqual(['lobby', 'corridor']);
    expect(scene.levels).toEqual([
      { id: 'l1', name: 'Ground floor', elevation: 0, height: 3, twinId: 'hq-f1' },
      { id: 'l2', name: 'l2', elevation: 0, height: 3 },
    ]);
    expect((await alice.spatial.list()).map((summary) => summary.id)).toContain('site');
    await expect(dave.spatial.get('site')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(alice.spatial.delete('site')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('shares saved queries of a console with the subjects who may run it', async () => {
    await engine.savedQueries.save({ name: 'hourly', language: 'sql', text: 'SELECT 1' });
    await expect(alice.savedQueries.save({ name: 'rooms', language: 'adt', text: 'SELECT * FROM DIGITALTWINS' })).resolves.toMatchObject({ name: 'rooms' });
    await expect(alice.savedQueries.save({ name: 'mine', language: 'sql', text: 'SELECT 2' })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    expect((await alice.savedQueries.list()).map((query) => query.name)).toEqual(['rooms']);
    expect((await erin.savedQueries.list()).map((query) => query.name).sort()).toEqual(['hourly', 'rooms']);
    await expect(dave.savedQueries.list()).resolves.toEqual([]);
    await expect(dave.savedQueries.history('adt')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });
});
