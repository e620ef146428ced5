// Imported glTF assets drawn beside the rooms. Meshes mapped to a twin get a material of their own,
// so they are coloured like rooms and picked like rooms; unmapped meshes keep their own look.
// glTF is y-up, the scene z-up: each asset is turned a quarter about x.

import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { SceneAsset, SceneAssetFile } from '../../../src-shared/contract';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The twin of a mesh: its own node's mapping or the nearest mapped ancestor's. */
function twinOf(object: THREE.Object3D, twinOfNode: ReadonlyMap<string, string>): string | undefined {
  for (let node: THREE.Object3D | null = object; node; node = node.parent) {
    const twin = twinOfNode.get(node.name);
    if (twin) return twin;
  }
  return undefined;
}

/** Every glTF asset of a scene. */
export class AssetMeshes {
  readonly group = new THREE.Group();
  readonly byTwin = new Map<string, THREE.Mesh<THREE.BufferGeometry, THREE.MeshLambertMaterial>[]>();
  private readonly roots = new Map<THREE.Object3D, string | undefined>();

  /** Parses an asset's files and adds its meshes; throws a message naming the asset when they do not parse. */
  async add(asset: SceneAsset, files: readonly SceneAssetFile[]): Promise<void> {
    const [main, ...rest] = files;
    if (!main) throw new Error(`Asset ${asset.id} has no file.`);
    const manager = new THREE.LoadingManager();
    const byUri = new Map(rest.map((file) => [file.uri, `data:application/octet-stream;base64,${file.base64}`]));
    manager.setURLModifier((url) => byUri.get(url) ?? byUri.get(decodeURIComponent(url)) ?? url);
    const bytes = bytesOf(main.base64);
    let gltf: Awaited<ReturnType<GLTFLoader['parseAsync']>>;
    try {
      gltf = await new GLTFLoader(manager).parseAsync(bytes.buffer, '');
    } catch (error) {
      throw new Error(`Asset ${asset.id} cannot be drawn: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const twinOfNode = new Map(asset.mappings.map((m) => [m.mesh, m.twinId]));
    const root = gltf.scene;
    root.rotation.x = Math.PI / 2;
    root.traverse((object) => {
      if (!(object instanceof THREE.Mesh)) return;
      const twinId = twinOf(object, twinOfNode);
      if (!twinId) return;
      const mesh = object as THREE.Mesh<THREE.BufferGeometry, THREE.MeshLambertMaterial>;
      mesh.material = new THREE.MeshLambertMaterial({ side: THREE.DoubleSide });
      mesh.userData.twinId = twinId;
      const list = this.byTwin.get(twinId);
      if (list) list.push(mesh);
      else this.byTwin.set(twinId, [mesh]);
    });
    this.roots.set(root, asset.levelId);
    this.group.add(root);
  }

  /** Colours the meshes of one twin (channels 0–1). */
  paint(twinId: string, colour: readonly [number, number, number]): void {
    for (const mesh of this.byTwin.get(twinId) ?? []) mesh.material.color.setRGB(colour[0], colour[1], colour[2], THREE.LinearSRGBColorSpace);
  }

  /** Moves each asset with its level and shows only `only`'s when one floor is shown (assets on no level always show). */
  place(shifts: ReadonlyMap<string, number>, only: string | null): void {
    for (const [root, levelId] of this.roots) {
      root.position.z = levelId ? (shifts.get(levelId) ?? 0) : 0;
      root.visible = only === null || levelId === undefined || levelId === only;
    }
  }

  /** The nearest mapped mesh a ray hits: its twin and the distance. */
  pick(raycaster: THREE.Raycaster): { twinId: string; name: string; distance: number } | null {
    const shown = [...this.roots.keys()].filter((root) => root.visible);
    for (const hit of raycaster.intersectObjects(shown, true)) {
      const twinId = hit.object.userData.twinId as string | undefined;
      if (twinId) return { twinId, name: hit.object.name || twinId, distance: hit.distance };
    }
    return null;
  }

  dispose(): void {
    this.group.traverse((object) => {
      if (!(object instanceof THREE.Mesh)) return;
      object.geometry.dispose();
      for (const material of [object.material].flat() as THREE.Material[]) material.dispose();
    });
  }
}
