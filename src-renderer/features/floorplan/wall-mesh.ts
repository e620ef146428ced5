// The explicit walls of a scene, drawn: one merged mesh per level (one draw call each), every wall a
// box of its thickness with its openings cut out (a door leaves the wall above it, a window the
// wall below and above it). The walkthrough blocks on the same walls.

import * as THREE from 'three';
import type { SceneDocument, SceneLevel, SceneWall } from '../../../src-shared/contract';
import { extrudePolygon, TriangleSoup } from '../../../src-shared/geometry/extrude';

/** Appends the box of the stretch [from, to] metres along a wall, between heights z0 and z1 above its level. */
function addPiece(wall: SceneWall, level: SceneLevel, from: number, to: number, z0: number, z1: number, soup: TriangleSoup): void {
  if (to - from <= 1e-6 || z1 - z0 <= 1e-6) return;
  const dx = wall.to.x - wall.from.x;
  const dy = wall.to.y - wall.from.y;
  const length = Math.hypot(dx, dy);
  const [ux, uy] = [dx / length, dy / length];
  const [nx, ny] = [(-uy * wall.thickness) / 2, (ux * wall.thickness) / 2];
  const at = (s: number, side: number) => ({ x: wall.from.x + ux * s + nx * side, y: wall.from.y + uy * s + ny * side });
  extrudePolygon([at(from, -1), at(to, -1), at(to, 1), at(from, 1)], [], level.elevation + z0, level.elevation + z1, soup);
}

/** The pieces of one wall around its openings. */
function addWall(wall: SceneWall, level: SceneLevel, soup: TriangleSoup): void {
  const length = Math.hypot(wall.to.x - wall.from.x, wall.to.y - wall.from.y);
  if (length === 0 || !(wall.thickness > 0)) return;
  let at = 0;
  for (const opening of [...(wall.openings ?? [])].sort((a, b) => a.offset - b.offset)) {
    const start = Math.max(at, opening.offset);
    const end = Math.min(length, opening.offset + opening.width);
    addPiece(wall, level, at, start, 0, level.height, soup);
    addPiece(wall, level, start, end, 0, opening.sill, soup);
    addPiece(wall, level, start, end, opening.sill + opening.height, level.height, soup);
    at = Math.max(at, end);
  }
  addPiece(wall, level, at, length, 0, level.height, soup);
}

/** The walls of every level of a scene. */
export class WallMesh {
  readonly group = new THREE.Group();
  private readonly byLevel = new Map<string, THREE.Mesh>();
  private readonly material = new THREE.MeshLambertMaterial({ color: 0xc9ced6 });

  constructor(scene: SceneDocument) {
    for (const level of scene.levels) {
      const soup = new TriangleSoup();
      for (const wall of scene.walls) if (wall.levelId === level.id) addWall(wall, level, soup);
      if (soup.vertexCount === 0) continue;
      const geometry = new THREE.BufferGeometry();
      geometry.setAttribute('position', new THREE.BufferAttribute(soup.positions.slice(), 3));
      geometry.setAttribute('normal', new THREE.BufferAttribute(soup.normals.slice(), 3));
      const mesh = new THREE.Mesh(geometry, this.material);
      this.byLevel.set(level.id, mesh);
      this.group.add(mesh);
    }
  }

  /** Moves each level's walls by its shift, and shows only `only`'s when one floor is shown. */
  place(shifts: ReadonlyMap<string, number>, only: string | null): void {
    for (const [levelId, mesh] of this.byLevel) {
      mesh.position.z = shifts.get(levelId) ?? 0;
      mesh.visible = only === null || only === levelId;
    }
  }

  dispose(): void {
    for (const mesh of this.byLevel.values()) mesh.geometry.dispose();
    this.material.dispose();
  }
}
