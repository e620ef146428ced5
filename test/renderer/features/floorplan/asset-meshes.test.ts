import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import type { SceneAsset } from '../../../../src-shared/contract';
import { AssetMeshes } from '../../../../src-renderer/features/floorplan/asset-meshes';
import { glb, gltfDocument } from '../../../engine/spatial/gltf-fixture';

// three's file loader reports progress with the browser's ProgressEvent, which Node lacks.
class ProgressEvent extends Event {
  constructor(type: string, init: Record<string, unknown> = {}) {
    super(type);
    Object.assign(this, init);
  }
}
Object.assign(globalThis, { ProgressEvent });

const asset: SceneAsset = { id: 'fitout', kind: 'gltf', file: 'scenes/s/fitout.glb', levelId: 'upper', mappings: [{ mesh: 'desk', twinId: 'room-1' }], unmapped: ['lamp'] };
const files = [{ uri: 'fitout.glb', base64: Buffer.from(glb(gltfDocument([{ name: 'desk' }, { name: 'lamp' }]))).toString('base64') }];

describe('glTF assets drawn', () => {
  it('colours the meshes mapped to a twin and leaves the others as they are', async () => {
    const assets = new AssetMeshes();
    await assets.add(asset, files);
    expect([...assets.byTwin.keys()]).toEqual(['room-1']);
    assets.paint('room-1', [1, 0, 0]);
    expect(assets.byTwin.get('room-1')![0]!.material.color.toArray()).toEqual([1, 0, 0]);
    assets.paint('room-2', [0, 1, 0]);
    expect(assets.byTwin.get('room-1')![0]!.material.color.toArray()).toEqual([1, 0, 0]);
  });

  it('turns glTF y-up into the scene’s z-up, moves with its level and picks the mapped mesh', async () => {
    const assets = new AssetMeshes();
    await assets.add(asset, files);
    assets.place(new Map([['upper', 5]]), null);
    assets.group.updateMatrixWorld(true);
    // The fixture's triangle spans glTF x 0–1, y 0–1 at z 0: in the scene x 0–1, z 5–6 (shifted) at y 0.
    const raycaster = new THREE.Raycaster(new THREE.Vector3(0.2, -10, 5.2), new THREE.Vector3(0, 1, 0));
    expect(assets.pick(raycaster)).toEqual({ twinId: 'room-1', name: 'desk', distance: expect.closeTo(10, 9) });
    assets.place(new Map([['upper', 5]]), 'ground');
    expect(assets.pick(raycaster)).toBeNull();
  });

  it('names the asset when its files do not parse', async () => {
    await expect(new AssetMeshes().add(asset, [{ uri: 'fitout.glb', base64: Buffer.from('glTF-cut').toString('base64') }])).rejects.toThrow(/^Asset fitout cannot be drawn: /);
  });
});
