import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine, type EngineError } from '../../../src-main/engine';
import { glb, gltfDocument } from './gltf-fixture';

const resourcesDir = resolve(import.meta.dirname, '../../../resources');
const ifcFixture = resolve(import.meta.dirname, '../../fixtures/spatial/small-building.ifc');

let root: string;
let engine: Engine;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-spatial-'));
  engine = await createEngine({ workspace: join(root, 'ws'), resourcesDir });
});
afterAll(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return { code: (error as EngineError).code, message: (error as EngineError).message };
  }
  throw new Error('expected a failure');
};

describe('IFC import', () => {
  it('makes twins of the site, building, storeys and spaces, linked by contains, and a scene with their geometry', async () => {
    const result = await engine.spatial.importIfc({ sceneId: 'small', path: ifcFixture });
    expect(result.twins).toBe(7);
    expect(result.relationships).toBe(6);
    expect(result.scene).toMatchObject({ id: 'small', source: 'ifc', levels: 2, spaces: 3, linkedTwins: 7, problems: [], bounds: { minX: 100, minY: 50, maxX: 120, maxY: 60, top: 7 } });
    const office = await engine.twins.get('ifc-0Twb000000000000000060');
    expect(office).toMatchObject({ name: 'Office 0.01', area: 48, height: 3, footprint: [{ x: 100, y: 50 }, { x: 108, y: 50 }, { x: 108, y: 54 }, { x: 104, y: 54 }, { x: 104, y: 58 }, { x: 100, y: 58 }] });
    expect(office.$metadata.$model).toBe('dtmi:twinbench:campus:Room;1');
    expect((await engine.twins.get('ifc-0Twb000000000000000080')).area).toBe(96);
    expect(await engine.twins.get('ifc-0Twb000000000000000052')).toMatchObject({ name: 'First floor', level: 1, elevation: 4, height: 3 });
    expect(await engine.twins.get('ifc-0Twb000000000000000030')).toMatchObject({ name: 'Test site', latitude: 52.5, longitude: 13.4 });
    const contains = await engine.query.run("SELECT R.$sourceId AS s, R.$targetId AS t FROM RELATIONSHIPS R WHERE R.$relationshipName = 'contains' AND STARTSWITH(R.$sourceId, 'ifc-')");
    expect(contains.items).toHaveLength(6);
  });

  it('places a rotated rectangle profile in the world frame', async () => {
    const scene = await engine.spatial.get('small');
    const meeting = scene.spaces.find((s) => s.name === 'Meeting 1.01')!;
    expect(meeting.levelId).toBe('ifc-0Twb000000000000000052');
    expect(meeting.outline).toEqual([{ x: 120, y: 50 }, { x: 120, y: 56 }, { x: 116, y: 56 }, { x: 116, y: 50 }]);
    const hall = scene.spaces.find((s) => s.name === 'Hall 0.02')!;
    expect(hall.holes).toEqual([[{ x: 114, y: 54 }, { x: 116, y: 54 }, { x: 116, y: 56 }, { x: 114, y: 56 }]]);
    expect(scene.levels.map((l) => [l.name, l.elevation, l.height])).toEqual([['Ground floor', 0, 4], ['First floor', 4, 3]]);
    expect(scene.assets[0]).toMatchObject({ kind: 'ifc', file: join('scenes', 'small', 'small-building.ifc') });
  });

  it('refuses a corrupt IFC file and changes nothing', async () => {
    const path = join(root, 'broken.ifc');
    await writeFile(path, 'ISO-10303-21;\nthis is not STEP at all');
    const before = await engine.twins.count();
    expect(await failure(engine.spatial.importIfc({ sceneId: 'broken', path }))).toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringMatching(/^broken\.ifc /) });
    expect(await engine.twins.count()).toBe(before);
    expect((await engine.spatial.list()).map((s) => s.id)).not.toContain('broken');
  });
});

describe('scenes from twins', () => {
  it('draws the floors and rooms of the graph, and reports a room whose footprint crosses itself', async () => {
    await engine.twins.update('ifc-0Twb000000000000000100', [{ op: 'replace', path: '/footprint', value: [{ x: 0, y: 0 }, { x: 4, y: 4 }, { x: 4, y: 0 }, { x: 0, y: 4 }] }]);
    const summary = await engine.spatial.fromTwins({ id: 'graph', name: 'From the graph' });
    expect(summary).toMatchObject({ source: 'twins', levels: 2, spaces: 3, linkedTwins: 3 });
    expect(summary.problems).toEqual([
      { kind: 'invalidPolygon', message: 'Space ifc-0Twb000000000000000100: The outline intersects itself: edge 0 crosses edge 2.', spaceId: 'ifc-0Twb000000000000000100', twinId: 'ifc-0Twb000000000000000100' },
    ]);
  });

  it('reports a twin that no longer exists when the scene is read', async () => {
    await engine.relationships.delete('ifc-0Twb000000000000000050', 'contains-ifc-0Twb000000000000000080');
    await engine.twins.delete('ifc-0Twb000000000000000080');
    const scene = await engine.spatial.get('graph');
    expect(scene.problems.filter((p) => p.kind === 'twinMissing')).toEqual([
      { kind: 'twinMissing', message: 'Space ifc-0Twb000000000000000080: twin ifc-0Twb000000000000000080 no longer exists; the space is drawn without live values.', spaceId: 'ifc-0Twb000000000000000080', twinId: 'ifc-0Twb000000000000000080' },
    ]);
  });
});

describe('glTF import and stored documents', () => {
  it('copies the file into the workspace and maps its meshes', async () => {
    const path = join(root, 'fitout.glb');
    await writeFile(path, glb(gltfDocument([{ name: 'ifc-0Twb000000000000000060' }, { name: 'chair', extras: { twin: 'ifc-0Twb000000000000000100' } }, { name: 'lamp' }])));
    const summary = await engine.spatial.importGltf({ sceneId: 'small', path, rules: [{ kind: 'name' }, { kind: 'extras', attribute: 'twin' }] });
    expect(summary.assets).toBe(2);
    const scene = await engine.spatial.get('small');
    expect(scene.assets[1]).toEqual({ id: 'fitout', kind: 'gltf', file: join('scenes', 'small', 'fitout.glb'), mappings: [{ mesh: 'ifc-0Twb000000000000000060', twinId: 'ifc-0Twb000000000000000060' }, { mesh: 'chair', twinId: 'ifc-0Twb000000000000000100' }], unmapped: ['lamp'] });
    expect(await readFile(join(root, 'ws', 'assets', 'scenes', 'small', 'fitout.glb'))).toHaveLength(glb(gltfDocument([{ name: 'ifc-0Twb000000000000000060' }, { name: 'chair', extras: { twin: 'ifc-0Twb000000000000000100' } }, { name: 'lamp' }])).length);
  });

  it('gives the stored files of a glTF asset for drawing, the glTF first, then the buffers it refers to', async () => {
    const stored = await engine.spatial.assetFiles('small', 'fitout');
    expect(stored).toEqual([{ uri: 'fitout.glb', base64: Buffer.from(glb(gltfDocument([{ name: 'ifc-0Twb000000000000000060' }, { name: 'chair', extras: { twin: 'ifc-0Twb000000000000000100' } }, { name: 'lamp' }]))).toString('base64') }]);
    const document = gltfDocument([{ name: 'desk' }]);
    const positions = Buffer.from((document.buffers as { uri: string }[])[0]!.uri.split(',')[1]!, 'base64');
    await writeFile(join(root, 'desk.bin'), positions);
    await writeFile(join(root, 'desk.gltf'), JSON.stringify({ ...document, buffers: [{ byteLength: 36, uri: 'desk.bin' }] }));
    await engine.spatial.importGltf({ sceneId: 'small', path: join(root, 'desk.gltf'), rules: [{ kind: 'name' }] });
    expect((await engine.spatial.assetFiles('small', 'desk')).map((file) => [file.uri, Buffer.from(file.base64, 'base64').length])).toEqual([
      ['desk.gltf', (await readFile(join(root, 'desk.gltf'))).length],
      ['desk.bin', 36],
    ]);
    const ifcAsset = (await engine.spatial.get('small')).assets[0]!;
    expect(await failure(engine.spatial.assetFiles('small', ifcAsset.id))).toEqual({ code: ErrorCode.InvalidArgument, message: `Asset ${ifcAsset.id} is an IFC file; its spaces are the scene's rooms.` });
    expect(await failure(engine.spatial.assetFiles('small', 'nothing'))).toEqual({ code: ErrorCode.NotFound, message: 'Scene small has no asset nothing.' });
  });

  it('refuses a corrupt glTF file by name', async () => {
    const path = join(root, 'corrupt.glb');
    await writeFile(path, Buffer.from('glTF\u0002\u0000\u0000\u0000'));
    expect(await failure(engine.spatial.importGltf({ sceneId: 'small', path, rules: [{ kind: 'name' }] }))).toEqual({ code: ErrorCode.InvalidArgument, message: 'corrupt.glb is not a valid glTF file: the GLB header is cut short.' });
  });

  it('stores a document as given, keeps a bad space out of the drawable set and locates shape errors', async () => {
    const summary = await engine.spatial.put({
      id: 'hand',
      name: 'Drawn by hand',
      source: 'document',
      levels: [{ id: 'l0', name: 'Ground', elevation: 0, height: 3 }],
      spaces: [
        { id: 'a', levelId: 'l0', outline: [{ x: 0, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 5 }, { x: 0, y: 5 }] },
        { id: 'b', levelId: 'l9', outline: [{ x: 6, y: 0 }, { x: 9, y: 0 }, { x: 9, y: 3 }] },
      ],
      walls: [{ levelId: 'l0', from: { x: 0, y: 0 }, to: { x: 5, y: 0 }, thickness: 0.2, openings: [{ offset: 1, width: 0.9, sill: 0, height: 2.1 }] }],
      assets: [],
    });
    expect(summary).toMatchObject({ levels: 1, spaces: 2, walls: 1, problems: [{ kind: 'unknownLevel', message: 'Space b is on level l9, which the scene does not have.', spaceId: 'b' }] });
    expect(await failure(engine.spatial.put({ id: 'bad', name: 'x', source: 'document', levels: [{ id: 'l0', name: 'G', elevation: 0, height: -1 }], spaces: [], walls: [], assets: [] }))).toEqual({ code: ErrorCode.InvalidArgument, message: 'levels[0]: "height" must be positive.' });
    expect((await engine.spatial.list()).map((s) => s.id)).toEqual(['graph', 'hand', 'small']);
    await engine.spatial.delete('hand');
    expect(await failure(engine.spatial.get('hand'))).toEqual({ code: ErrorCode.NotFound, message: 'There is no scene hand.' });
  });
});
