import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src-main/engine';
import { checkRules, mapMeshes, readGltf } from '../../../src-main/engine/spatial';
import { glb, gltfDocument } from './gltf-fixture';

const rooms = new Set(['room-101', 'room-102', 'room-201']);
const exists = (id: string) => rooms.has(id);

const nodes = [
  { name: 'room-101' },
  { name: 'Mesh_room-102_floor', extras: { twinId: 'room-201' } },
  { name: 'Door.004' },
];

describe('glTF reading', () => {
  it('reads the mesh nodes of a .gltf document, node extras over mesh extras', () => {
    const contents = readGltf(new TextEncoder().encode(JSON.stringify(gltfDocument(nodes))), 'plan.gltf');
    expect(contents.nodes).toEqual([
      { name: 'room-101', extras: {} },
      { name: 'Mesh_room-102_floor', extras: { twinId: 'room-201' } },
      { name: 'Door.004', extras: {} },
    ]);
    expect(contents.externalFiles).toEqual([]);
  });

  it('reads the same nodes from a GLB container', () => {
    expect(readGltf(glb(gltfDocument(nodes)), 'plan.glb').nodes.map((n) => n.name)).toEqual(['room-101', 'Mesh_room-102_floor', 'Door.004']);
  });

  it('refuses a corrupt file with its name and the reason', () => {
    expect(() => readGltf(new TextEncoder().encode('{"asset": '), 'broken.gltf')).toThrow(/^broken\.gltf is not a valid glTF file: its JSON does not parse/);
    expect(() => readGltf(new TextEncoder().encode('{"asset":{"version":"1.0"}}'), 'old.gltf')).toThrow('old.gltf is not a valid glTF file: "asset.version" is not 2.x.');
    const cut = glb(gltfDocument(nodes)).subarray(0, 16);
    expect(() => readGltf(cut, 'cut.glb')).toThrow('cut.glb is not a valid glTF file: the GLB header is cut short.');
    try {
      readGltf(new TextEncoder().encode('[]'), 'list.gltf');
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCode.InvalidArgument);
    }
  });
});

describe('mesh-to-twin mapping', () => {
  const contents = readGltf(new TextEncoder().encode(JSON.stringify(gltfDocument(nodes))), 'plan.gltf');

  it('maps by mesh name', () => {
    const result = mapMeshes('plan', contents.nodes, checkRules([{ kind: 'name' }]), exists);
    expect(result.mappings).toEqual([{ mesh: 'room-101', twinId: 'room-101' }]);
    expect(result.unmapped).toEqual(['Mesh_room-102_floor', 'Door.004']);
  });

  it('maps by a regex, its first group being the twin id', () => {
    const result = mapMeshes('plan', contents.nodes, checkRules([{ kind: 'regex', pattern: '^Mesh_(room-\\d+)_' }]), exists);
    expect(result.mappings).toEqual([{ mesh: 'Mesh_room-102_floor', twinId: 'room-102' }]);
  });

  it('maps by an extras attribute, and tries the rules in order', () => {
    const result = mapMeshes('plan', contents.nodes, checkRules([{ kind: 'extras', attribute: 'twinId' }, { kind: 'name' }]), exists);
    expect(result.mappings).toEqual([
      { mesh: 'room-101', twinId: 'room-101' },
      { mesh: 'Mesh_room-102_floor', twinId: 'room-201' },
    ]);
    expect(result.unmapped).toEqual(['Door.004']);
    expect(result.problems).toEqual([
      { kind: 'unmappedMesh', message: 'Asset plan: 1 of 3 meshes are tied to no twin (Door.004).', assetId: 'plan' },
      { kind: 'twinMissing', message: 'Asset plan: rules named a twin that does not exist (Door.004).', assetId: 'plan' },
    ]);
  });

  it('says so when a rule matches nothing', () => {
    const result = mapMeshes('plan', contents.nodes, checkRules([{ kind: 'regex', pattern: '^Wall' }]), exists);
    expect(result.mappings).toEqual([]);
    expect(result.problems).toEqual([{ kind: 'unmappedMesh', message: 'Asset plan: no mapping rule tied any of its 3 meshes to a twin.', assetId: 'plan' }]);
  });

  it('refuses a rule that is not a regular expression', () => {
    expect(() => checkRules([{ kind: 'regex', pattern: '(' }])).toThrow(/^Mapping rule 0: the pattern \( is not a regular expression/);
    expect(() => checkRules([])).toThrow(/Give at least one mapping rule/);
  });
});
