// One contract suite, run unchanged against every transport: in-process, WebSocket, IPC.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { latestSchemaVersion } from '../../src-main/engine/workspace/migrations';
import { EngineError, ErrorCode, type EngineApi, type GraphEvent, type RuleAlert, type WorkspaceChange } from '../../src-shared/contract';

/** A transport under test: an EngineApi reaching an engine on `workspaceDir`, and how to take it down. */
export interface ConnectedApi {
  readonly api: EngineApi;
  readonly close: () => Promise<void>;
}

export type Connect = (workspaceDir: string) => Promise<ConnectedApi>;

/** Waits until `predicate` holds, polling; fails after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Declares the EngineApi contract tests for one transport. */
export function engineApiContract(transport: string, connect: Connect): void {
  describe(`EngineApi contract over ${transport}`, () => {
    let dir: string;
    let connected: ConnectedApi;
    let api: EngineApi;

    beforeEach(async () => {
      dir = join(await mkdtemp(join(tmpdir(), 'twinbench-contract-')), 'Plant 7');
      connected = await connect(dir);
      api = connected.api;
    });

    afterEach(async () => {
      await connected.close();
      await rm(join(dir, '..'), { recursive: true, force: true });
    });

    it('describes a new workspace named after its folder', async () => {
      const info = await api.workspace.info();
      expect(info).toEqual({ name: 'Plant 7', path: dir, schemaVersion: latestSchemaVersion, engineVersion: version, createdAt: info.createdAt });
      expect(basename(info.path)).toBe('Plant 7');
      expect(new Date(info.createdAt).toISOString()).toBe(info.createdAt);
    });

    it('lists no models in a new workspace', async () => {
      expect(await api.models.list()).toEqual([]);
    });

    it('renames the workspace, trimming the name, and announces it', async () => {
      const changes: WorkspaceChange[] = [];
      const subscription = api.workspace.onDidChange((change) => changes.push(change));
      await api.workspace.info(); // the subscription is live once a later call has been answered
      const renamed = await api.workspace.rename('  North campus  ');
      expect(renamed.name).toBe('North campus');
      expect((await api.workspace.info()).name).toBe('North campus');
      await eventually(() => changes.length === 1);
      expect(changes).toEqual([{ kind: 'workspaceRenamed', name: 'North campus' }]);
      subscription.dispose();
    });

    it('stops delivering events to a disposed subscription', async () => {
      const kept: WorkspaceChange[] = [];
      const dropped: WorkspaceChange[] = [];
      api.workspace.onDidChange((change) => kept.push(change));
      const subscription = api.workspace.onDidChange((change) => dropped.push(change));
      await api.workspace.info();
      subscription.dispose();
      await api.workspace.rename('Second');
      await eventually(() => kept.length === 1);
      expect(dropped).toEqual([]);
    });

    it('revives a refused call as an EngineError with its code', async () => {
      const error = await api.workspace.rename('   ').then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: ErrorCode.InvalidArgument, message: 'A workspace name must have 1 to 100 characters; got 0.', details: { length: 0 } });
      expect((await api.workspace.info()).name).toBe('Plant 7');
    });

    it('rejects a name of the wrong type with InvalidArgument', async () => {
      const rename = api.workspace.rename as (name: unknown) => Promise<unknown>;
      await expect(rename(42)).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: 'A workspace name must be a string.' });
    });

    it('stores models and twins, answers queries and pushes graph events', async () => {
      const changes: GraphEvent[] = [];
      api.twins.onDidChange((batch) => changes.push(...batch));
      const text = await readFile(resolve(import.meta.dirname, '../fixtures/models/graph/campus.json'), 'utf8');
      expect((await api.models.add([{ name: 'campus.json', text }])).length).toBe(7);
      await api.twins.upsert('floor-1', { $metadata: { $model: 'dtmi:test:campus:Floor;1' }, level: 1 });
      await api.twins.upsert('room-1', { $metadata: { $model: 'dtmi:test:campus:Room;1' }, area: 21, thermostat: { $metadata: {} } });
      await api.relationships.upsert('floor-1', 'c1', { $relationshipName: 'contains', $targetId: 'room-1' });
      const page = await api.query.run("SELECT R.area FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'floor-1'");
      expect(page).toEqual({ items: [{ area: 21 }] });
      await expect(api.query.run('SELECT * FROM DIGITALTWINS T JOIN R RELATED T.contians')).rejects.toMatchObject({
        code: ErrorCode.QuerySyntax,
        details: { line: 1, hint: 'did you mean T.contains?' },
      });
      await eventually(() => changes.length === 3);
      expect(changes.map((change) => [change.seq, change.type, change.subject])).toEqual([
        [1, 'Microsoft.DigitalTwins.Twin.Create', 'floor-1'],
        [2, 'Microsoft.DigitalTwins.Twin.Create', 'room-1'],
        [3, 'Microsoft.DigitalTwins.Relationship.Create', 'floor-1/relationships/c1'],
      ]);
    });

    it('streams analytic SQL in pages, keeps a retention policy and names history tasks', async () => {
      const first = await api.analytics.sql('SELECT range AS n FROM range(5)', { pageSize: 2 });
      expect(first).toEqual({ columns: [{ name: 'n', type: 'BIGINT' }], rows: [[0], [1]], truncated: false, continuationToken: expect.any(String) });
      const second = await api.analytics.nextPage(first.continuationToken!);
      expect(second.rows).toEqual([[2], [3]]);
      await api.analytics.closePages(second.continuationToken!);
      await expect(api.analytics.nextPage(second.continuationToken!)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      const policy = { rawDays: 30, rollup: 'hour', rollupDays: null, applyEveryMinutes: null } as const;
      expect(await api.analytics.setRetention(policy)).toEqual(policy);
      expect(await api.analytics.retention()).toEqual(policy);
      expect(await api.analytics.applyRetention()).toEqual({ cutoff: expect.any(String), rolledUp: 0, removedReadings: 0, removedRollups: 0 });
      expect(await api.analytics.cancel('no-such-task')).toBe(false);
    });

    it('stores scenarios and reports located scenario problems across the transport', async () => {
      const scenario = { id: 'hot', horizonHours: 24, weather: { kind: 'synthetic' as const } };
      expect((await api.sim.getMapping()).zoneModels).toEqual(['dtmi:twinbench:campus:Room;1']);
      expect(await api.sim.putScenario(scenario)).toEqual(scenario);
      expect(await api.sim.listScenarios()).toEqual([scenario]);
      expect(await api.sim.validateScenario(scenario)).toEqual([{ path: 'scope', message: 'the graph has no zones (twins of dtmi:twinbench:campus:Room;1)' }]);
      await expect(api.sim.startRun({ ...scenario, stepMinutes: 7 })).rejects.toMatchObject({
        code: ErrorCode.InvalidArgument,
        details: { problems: [{ path: 'stepMinutes', message: expect.stringMatching(/^must be a whole number of minutes that divides the hour/) as unknown as string }] },
      });
      await expect(api.sim.getRun('nothing')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('defines rules, pushes their alerts and traces their writes', async () => {
      const alerts: RuleAlert[] = [];
      api.rules.onDidAlert((alert) => alerts.push(alert));
      const model = { '@context': 'dtmi:dtdl:context;3', '@id': 'dtmi:test:contract:Room;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'co2', schema: 'double', writable: true }, { '@type': 'Property', name: 'stuffy', schema: 'boolean', writable: true }] };
      await api.models.add([{ name: 'room.json', text: JSON.stringify(model) }]);
      const rule = { id: 'stuffy', kind: 'alert', model: 'dtmi:test:contract:Room;1', property: 'stuffy', raise: 'co2 > 1200', clear: 'co2 < 1000' } as const;
      expect(await api.rules.put(rule)).toEqual(rule);
      expect(await api.rules.get('stuffy')).toEqual(rule);
      await expect(api.rules.put({ ...rule, raise: 'co2 >' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, details: { field: 'raise', line: 1, column: 6 } });
      await api.twins.upsert('room-1', { $metadata: { $model: 'dtmi:test:contract:Room;1' }, co2: 1500 });
      await eventually(() => alerts.length === 1, 10_000);
      expect(alerts[0]).toMatchObject({ ruleId: 'stuffy', twinId: 'room-1', state: 'raised', severity: 'warning' });
      expect((await api.rules.trace('room-1', 'stuffy')).map((entry) => [entry.ruleId, entry.value, entry.cause.kind])).toEqual([['stuffy', true, 'property']]);
      expect((await api.rules.status()).perRule).toEqual([{ id: 'stuffy', kind: 'alert', evaluations: 1, writes: 1, errors: 0 }]);
    });

    it('binds devices and runs device sources with their counters', async () => {
      const text = await readFile(resolve(import.meta.dirname, '../fixtures/models/graph/campus.json'), 'utf8');
      await api.models.add([{ name: 'campus.json', text }]);
      await api.twins.upsert('room-1', { $metadata: { $model: 'dtmi:test:campus:Room;1' }, area: 21, thermostat: { $metadata: {} } });
      const binding = { deviceId: 'meter-1', twinId: 'room-1', fields: { a: { to: 'property' as const, name: 'area' } } };
      expect(await api.ingest.putBinding(binding)).toEqual(binding);
      expect(await api.ingest.listBindings()).toEqual([binding]);
      await api.ingest.putSource({ name: 'web', type: 'http' });
      expect(await api.ingest.startSource('web')).toMatchObject({ name: 'web', type: 'http', running: true, messages: 0 });
      expect(await api.ingest.receive('meter-1', { a: 30 })).toEqual({ twinId: 'room-1', telemetry: 0, properties: 1, ignored: [] });
      await expect(api.ingest.receive('nobody', { a: 1 })).rejects.toMatchObject({ code: ErrorCode.NotFound, details: { reason: 'unknownDevice' } });
      expect((await api.twins.get('room-1')).area).toBe(30);
      expect(await api.ingest.sources()).toMatchObject([{ name: 'web', messages: 1, errors: 1, reasons: { unknownDevice: 1 } }]);
      expect(await api.ingest.stopSource('web')).toMatchObject({ running: false });
    });

    it('stores a scene document, summarizes it and refuses a bad one with a located error', async () => {
      const outline = [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 4, y: 3 }, { x: 0, y: 3 }];
      const summary = await api.spatial.put({ id: 'plan', name: 'Plan', source: 'document', levels: [{ id: 'l0', name: 'Ground', elevation: 0, height: 3 }], spaces: [{ id: 's1', levelId: 'l0', outline }], walls: [], assets: [] });
      expect(summary).toEqual({ id: 'plan', name: 'Plan', source: 'document', levels: 1, spaces: 1, walls: 0, assets: 0, linkedTwins: 0, problems: [], bounds: { minX: 0, minY: 0, maxX: 4, maxY: 3, top: 3 } });
      expect((await api.spatial.get('plan')).spaces[0]!.outline).toEqual(outline);
      const refused = await api.spatial.put({ id: 'plan', name: 'Plan', source: 'document', levels: [{ id: 'l0', name: 'G', elevation: 0, height: 0 }], spaces: [], walls: [], assets: [] }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(EngineError);
      expect((refused as EngineError).message).toBe('levels[0]: "height" must be positive.');
      expect((await api.spatial.list()).map((scene) => scene.id)).toEqual(['plan']);
    });

    it('saves queries and records runs in the workspace', async () => {
      const saved = await api.savedQueries.save({ name: 'Rooms', language: 'adt', text: 'SELECT * FROM DIGITALTWINS', strict: true });
      expect(saved).toEqual({ name: 'Rooms', language: 'adt', text: 'SELECT * FROM DIGITALTWINS', strict: true, savedAt: saved.savedAt });
      expect(await api.savedQueries.list('adt')).toEqual([saved]);
      const run = await api.savedQueries.record({ language: 'sql', text: 'SELECT 1', rows: 1 });
      expect(await api.savedQueries.history('sql')).toEqual([run]);
      await expect(api.savedQueries.delete('adt', 'Nothing')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('answers many concurrent calls, each with its own result', async () => {
      const names = Array.from({ length: 40 }, (_, i) => `Name ${i}`);
      const results = await Promise.all(names.map(async (name, i) => (i % 2 === 0 ? (await api.workspace.rename(name)).name : (await api.models.list()).length)));
      expect(results.filter((result) => typeof result === 'string')).toEqual(names.filter((_, i) => i % 2 === 0));
      expect(results.filter((result) => typeof result === 'number')).toEqual(Array(20).fill(0));
    });
  });
}
