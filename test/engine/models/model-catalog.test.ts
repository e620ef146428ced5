import BetterSqlite3 from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine, type ModelSource, type WorkspaceChange } from '../../../src-main/engine';

const space = { '@id': 'dtmi:test:Space;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', displayName: 'Space', contents: [{ '@type': 'Property', name: 'area', schema: 'double' }] };
const thermostat = {
  '@id': 'dtmi:test:Thermostat;1',
  '@type': 'Interface',
  '@context': 'dtmi:dtdl:context;3',
  contents: [{ '@type': 'Property', name: 'setpoint', schema: 'double', writable: true }],
};
const room = {
  '@id': 'dtmi:test:Room;1',
  '@type': 'Interface',
  '@context': 'dtmi:dtdl:context;3',
  displayName: { en: 'Room', de: 'Raum' },
  extends: 'dtmi:test:Space;1',
  contents: [
    { '@type': 'Telemetry', name: 'temperature', schema: 'double' },
    { '@type': 'Component', name: 'thermostat', schema: 'dtmi:test:Thermostat;1' },
  ],
};
const floor = {
  '@id': 'dtmi:test:Floor;1',
  '@type': 'Interface',
  '@context': 'dtmi:dtdl:context;3',
  extends: 'dtmi:test:Space;1',
  contents: [{ '@type': 'Relationship', name: 'contains', target: 'dtmi:test:Room;1', maxMultiplicity: 500 }],
};

const source = (name: string, value: unknown): ModelSource => ({ name, text: JSON.stringify(value, null, 2) });

let root: string;
let engine: Engine;
let changes: WorkspaceChange[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-models-'));
  engine = await createEngine({ workspace: root });
  changes = [];
  engine.workspace.onDidChange((change) => changes.push(change));
});

afterEach(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

describe('the model store', () => {
  it('adds a set and lists it by id, announcing the new models', async () => {
    const added = await engine.models.add([source('space.json', space), source('room.json', [room, thermostat])]);
    expect(added.map((model) => model.id)).toEqual(['dtmi:test:Space;1', 'dtmi:test:Room;1', 'dtmi:test:Thermostat;1']);
    const listed = await engine.models.list();
    expect(listed.map(({ id, displayName, decommissioned }) => ({ id, displayName, decommissioned }))).toEqual([
      { id: 'dtmi:test:Room;1', displayName: { en: 'Room', de: 'Raum' }, decommissioned: false },
      { id: 'dtmi:test:Space;1', displayName: { en: 'Space' }, decommissioned: false },
      { id: 'dtmi:test:Thermostat;1', displayName: {}, decommissioned: false },
    ]);
    expect(listed[0]).not.toHaveProperty('model');
    expect(changes).toEqual([{ kind: 'modelsCreated', ids: ['dtmi:test:Space;1', 'dtmi:test:Room;1', 'dtmi:test:Thermostat;1'] }]);
  });

  it('returns definitions when asked', async () => {
    await engine.models.add([source('space.json', space)]);
    expect((await engine.models.list({ includeModelDefinition: true }))[0]!.model).toEqual(space);
  });

  it('resolves references to models stored earlier', async () => {
    await engine.models.add([source('space.json', space), source('thermostat.json', thermostat)]);
    await engine.models.add([source('room.json', room)]);
    await engine.models.add([source('floor.json', floor)]);
    expect((await engine.models.list()).map((model) => model.id)).toEqual(['dtmi:test:Floor;1', 'dtmi:test:Room;1', 'dtmi:test:Space;1', 'dtmi:test:Thermostat;1']);
  });

  it('stores nothing when one document of the set is invalid, and says where', async () => {
    const broken = { ...floor, contents: [{ '@type': 'Relationship', name: 'contains', maxMultiplicity: -1 }] };
    const error = await engine.models.add([source('space.json', space), source('floor.json', broken)]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.ModelInvalid });
    const { errors } = (error as { details: { errors: { source?: string; line?: number; validationId: string }[] } }).details;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ source: 'floor.json' });
    expect(errors[0]!.validationId).toMatch(/^dtmi:dtdl:parsingError:/);
    expect(await engine.models.list()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('refuses a reference that neither the set nor the store resolves', async () => {
    const error = await engine.models.add([source('room.json', room)]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.ModelInvalid });
    expect(await engine.models.list()).toEqual([]);
  });

  it('reports malformed JSON with its line and column', async () => {
    const report = await engine.models.validate([{ name: 'bad.json', text: '{\n  "@id": "dtmi:test:X;1",\n  "@type": \n}' }]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatchObject({ source: 'bad.json', line: 4, column: 1 });
  });

  it('refuses a model id that is already stored, with Conflict', async () => {
    await engine.models.add([source('space.json', space)]);
    await expect(engine.models.add([source('again.json', space)])).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message:
        'Model dtmi:test:Space;1 (in again.json) already exists. A model cannot be changed once uploaded: give the new one a new version number, or delete the old one first.',
    });
  });

  it('shows a model with its own or its flattened contents', async () => {
    await engine.models.add([source('set.json', [space, thermostat, room])]);
    const own = await engine.models.get('dtmi:test:Room;1');
    expect(own.extends).toEqual(['dtmi:test:Space;1']);
    expect(own.ancestors).toEqual(['dtmi:test:Space;1']);
    expect(own.contents.map(({ kind, name, inherited }) => ({ kind, name, inherited }))).toEqual([
      { kind: 'Telemetry', name: 'temperature', inherited: false },
      { kind: 'Component', name: 'thermostat', inherited: false },
    ]);
    const flat = await engine.models.get('dtmi:test:Room;1', { flat: true });
    expect(flat.contents.map(({ name, declaredIn, inherited, schema, componentSchema }) => ({ name, declaredIn, inherited, schema, componentSchema }))).toEqual([
      { name: 'temperature', declaredIn: 'dtmi:test:Room;1', inherited: false, schema: 'double', componentSchema: undefined },
      { name: 'thermostat', declaredIn: 'dtmi:test:Room;1', inherited: false, schema: undefined, componentSchema: 'dtmi:test:Thermostat;1' },
      { name: 'area', declaredIn: 'dtmi:test:Space;1', inherited: true, schema: 'double', componentSchema: undefined },
    ]);
    expect(flat.model).toEqual(room);
  });

  it('lists only the dependencies of the given models', async () => {
    await engine.models.add([source('set.json', [space, thermostat, room, floor])]);
    const ids = async (dependenciesFor: string[]) => (await engine.models.list({ dependenciesFor })).map((model) => model.id);
    expect(await ids(['dtmi:test:Room;1'])).toEqual(['dtmi:test:Room;1', 'dtmi:test:Space;1', 'dtmi:test:Thermostat;1']);
    expect(await ids(['dtmi:test:Floor;1'])).toEqual(['dtmi:test:Floor;1', 'dtmi:test:Space;1']);
    await expect(ids(['dtmi:test:Nope;1'])).rejects.toMatchObject({ code: ErrorCode.ModelNotFound });
  });

  it('decommissions a model and announces it', async () => {
    await engine.models.add([source('space.json', space)]);
    expect((await engine.models.decommission('dtmi:test:Space;1')).decommissioned).toBe(true);
    expect((await engine.models.list())[0]!.decommissioned).toBe(true);
    expect(changes.at(-1)).toEqual({ kind: 'modelDecommissioned', id: 'dtmi:test:Space;1' });
  });

  it('refuses to delete a model other models extend, then deletes it once they are gone', async () => {
    await engine.models.add([source('set.json', [space, thermostat, room])]);
    await expect(engine.models.delete('dtmi:test:Space;1')).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: 'Model dtmi:test:Space;1 is used by dtmi:test:Room;1 (extends or components). Delete those models first.',
    });
    await expect(engine.models.delete('dtmi:test:Thermostat;1')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await engine.models.delete('dtmi:test:Room;1');
    await engine.models.delete('dtmi:test:Space;1');
    expect((await engine.models.list()).map((model) => model.id)).toEqual(['dtmi:test:Thermostat;1']);
    expect(changes.slice(-2)).toEqual([
      { kind: 'modelDeleted', id: 'dtmi:test:Room;1' },
      { kind: 'modelDeleted', id: 'dtmi:test:Space;1' },
    ]);
  });

  it('refuses to delete a model twins use', async () => {
    await engine.models.add([source('space.json', space)]);
    const db = new BetterSqlite3(join(root, 'graph.sqlite'));
    db.prepare("INSERT INTO twins (id, model, etag, body) VALUES ('lobby', 'dtmi:test:Space;1', 'W/\"1\"', '{}')").run();
    db.close();
    await expect(engine.models.delete('dtmi:test:Space;1')).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: 'Model dtmi:test:Space;1 is used by twins (for example lobby). Delete those twins or change their model first.',
    });
  });

  it('answers a missing model with ModelNotFound', async () => {
    await expect(engine.models.get('dtmi:test:Missing;1')).rejects.toMatchObject({ code: ErrorCode.ModelNotFound, message: 'There is no model dtmi:test:Missing;1 in this workspace.' });
    await expect(engine.models.decommission('dtmi:test:Missing;1')).rejects.toMatchObject({ code: ErrorCode.ModelNotFound });
    await expect(engine.models.delete('dtmi:test:Missing;1')).rejects.toMatchObject({ code: ErrorCode.ModelNotFound });
  });

  it('records every ancestor of a model for IS_OF_MODEL', async () => {
    const base = { '@id': 'dtmi:test:Base;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3' };
    await engine.models.add([source('set.json', [base, { ...space, extends: 'dtmi:test:Base;1' }, thermostat, room])]);
    await engine.close();
    const db = new BetterSqlite3(join(root, 'graph.sqlite'), { readonly: true });
    expect(db.prepare("SELECT ancestor, depth FROM model_ancestors WHERE model = 'dtmi:test:Room;1' ORDER BY depth").all()).toEqual([
      { ancestor: 'dtmi:test:Room;1', depth: 0 },
      { ancestor: 'dtmi:test:Space;1', depth: 1 },
      { ancestor: 'dtmi:test:Base;1', depth: 2 },
    ]);
    db.close();
    engine = await createEngine({ workspace: root });
  });

  it('keeps models across reopening the workspace', async () => {
    await engine.models.add([source('set.json', [space, thermostat, room])]);
    await engine.close();
    engine = await createEngine({ workspace: root });
    expect((await engine.models.get('dtmi:test:Room;1', { flat: true })).contents.map((content) => content.name)).toEqual(['temperature', 'thermostat', 'area']);
  });

  it('warns about Azure Digital Twins limits only in cloud-compatible mode', async () => {
    const many = Array.from({ length: 251 }, (_, i) => ({ '@id': `dtmi:test:M${i};1`, '@type': 'Interface', '@context': 'dtmi:dtdl:context;3' }));
    const sources = [source('many.json', many)];
    expect((await engine.models.validate(sources)).warnings).toEqual([]);
    const report = await engine.models.validate(sources, { cloudCompatible: true });
    expect(report).toMatchObject({ ok: true, interfaceCount: 251, errors: [] });
    expect(report.warnings).toEqual([
      {
        limit: 'modelsPerCall',
        message: 'The set has 251 models; Azure Digital Twins accepts at most 250 in one upload. Upload it in batches there, or use an import job.',
      },
    ]);
  });

  it('refuses sources that are not { name, text } objects', async () => {
    const add = engine.models.add as (sources: unknown) => Promise<unknown>;
    await expect(add([{ name: 'x.json' }])).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });
});
