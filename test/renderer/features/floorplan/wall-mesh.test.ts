import type * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import type { SceneDocument, SceneWall } from '../../../../src-shared/contract';
import { WallMesh } from '../../../../src-renderer/features/floorplan/wall-mesh';

const level = { id: 'g', name: 'Ground', elevation: 0, height: 3 };
const scene = (walls: SceneWall[]): SceneDocument => ({ id: 's', name: 's', source: 'document', levels: [level, { id: 'u', name: 'Upper', elevation: 3, height: 3 }], spaces: [], walls, assets: [], problems: [] });
const wall = (openings: SceneWall['openings'] = []): SceneWall => ({ levelId: 'g', from: { x: 0, y: 0 }, to: { x: 10, y: 0 }, thickness: 0.2, openings });
const box = 36;

function geometryOf(mesh: WallMesh): THREE.BufferGeometry {
  return (mesh.group.children[0] as THREE.Mesh).geometry;
}

describe('walls drawn', () => {
  it('draws a plain wall as one box of its thickness and the level height', () => {
    const mesh = new WallMesh(scene([wall()]));
    expect(mesh.group.children).toHaveLength(1);
    const geometry = geometryOf(mesh);
    geometry.computeBoundingBox();
    expect(geometry.getAttribute('position').count).toBe(box);
    expect(geometry.boundingBox!.min.toArray().map((v) => Math.round(v * 100) / 100)).toEqual([0, -0.1, 0]);
    expect(geometry.boundingBox!.max.toArray().map((v) => Math.round(v * 100) / 100)).toEqual([10, 0.1, 3]);
  });

  it('cuts a door (wall above it) and a window (wall below and above it) out of the wall', () => {
    const mesh = new WallMesh(scene([wall([{ offset: 6, width: 2, sill: 1, height: 1.2 }, { offset: 1, width: 1, sill: 0, height: 2.1 }])]));
    // Before the door, above the door, between, below and above the window, after the window.
    expect(geometryOf(mesh).getAttribute('position').count).toBe(6 * box);
  });

  it('moves each level’s walls with its shift and shows only the chosen floor', () => {
    const mesh = new WallMesh(scene([wall(), { ...wall(), levelId: 'u' }]));
    mesh.place(new Map([['g', 0], ['u', 2]]), 'u');
    expect(mesh.group.children.map((child) => [child.position.z, child.visible])).toEqual([
      [0, false],
      [2, true],
    ]);
  });
});
