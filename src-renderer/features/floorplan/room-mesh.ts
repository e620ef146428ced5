// Every room of a scene in one merged mesh (one draw call, plus one for the outlines). Each vertex
// carries its room's index and the shader reads the room's colour from a small table, so a room is
// recoloured by writing one texel. Rooms are ordered level by level, so one
// floor alone is a draw range of the same buffers, and an exploded stack is a shift of z.

import * as THREE from 'three';
import type { SceneDocument, SceneSpace } from '../../../src-shared/contract';
import { extrudePolygon, prismVertices, stackLevels, TriangleSoup, type LevelView } from '../../../src-shared/geometry/extrude';
import { polygonProblem } from '../../../src-shared/geometry/polygon';
import { RoomColours } from './room-colours';

/** One drawn room: where its vertices are and what it shows. */
export interface RoomEntry {
  readonly space: SceneSpace;
  readonly levelId: string;
  readonly first: number;
  readonly count: number;
  /** Centre of the room's top face in the scene's own frame (before any level shift). */
  readonly centre: THREE.Vector3;
}

/** Gap between levels of an exploded stack, in storey heights. */
const explodeFactor = 1.6;

/** A gap between a room's side and the next room's, so neighbours read as separate rooms. */
const inset = 0.06;

function shrink(points: readonly { x: number; y: number }[]): { x: number; y: number }[] {
  let cx = 0;
  let cy = 0;
  for (const p of points) {
    cx += p.x;
    cy += p.y;
  }
  cx /= points.length;
  cy /= points.length;
  return points.map((p) => {
    const dx = p.x - cx;
    const dy = p.y - cy;
    const d = Math.hypot(dx, dy) || 1;
    return { x: p.x - (dx / d) * inset, y: p.y - (dy / d) * inset };
  });
}

/** The merged rooms of a scene. */
export class RoomMesh {
  readonly mesh: THREE.Mesh<THREE.BufferGeometry, THREE.MeshLambertMaterial>;
  readonly outlines: THREE.LineSegments;
  readonly rooms: RoomEntry[] = [];
  readonly byTwin = new Map<string, number[]>();
  /** Problems met while meshing (a polygon that cannot be triangulated): the room is left out. */
  readonly skipped: string[] = [];
  private readonly baseZ: Float32Array;
  private readonly levelOf: Uint16Array;
  private readonly levelIndex = new Map<string, number>();
  private readonly levelRanges = new Map<string, { first: number; count: number; lineFirst: number; lineCount: number }>();
  private readonly colours: RoomColours;
  private readonly outlineBaseZ: Float32Array;
  private readonly outlineLevel: Uint16Array;
  /** The z shift of each level (in elevation order) the buffers hold now. */
  private shifts: number[];

  constructor(private readonly scene: SceneDocument) {
    // Sized for every space up front: building 10,000 rooms never copies a buffer.
    const soup = new TriangleSoup(scene.spaces.reduce((n, s) => n + prismVertices(s.outline.length + (s.holes ?? []).reduce((h, ring) => h + ring.length, 0), s.holes?.length ?? 0), 0));
    let edges = 0;
    const bad = new Set(scene.problems.filter((p) => p.kind === 'invalidPolygon' || p.kind === 'unknownLevel').map((p) => p.spaceId));
    const ordered = [...scene.levels].sort((a, b) => a.elevation - b.elevation);
    ordered.forEach((level, i) => this.levelIndex.set(level.id, i));
    const spacesOf = new Map<string, SceneSpace[]>();
    for (const space of scene.spaces) {
      if (bad.has(space.id)) continue;
      const list = spacesOf.get(space.levelId);
      if (list) list.push(space);
      else spacesOf.set(space.levelId, [space]);
    }
    for (const level of ordered) {
      const first = soup.vertexCount;
      const lineFirst = edges * 2;
      for (const space of spacesOf.get(level.id) ?? []) {
        const problem = polygonProblem(space.outline, space.holes ?? []);
        if (problem) {
          this.skipped.push(`Space ${space.id}: ${problem}`);
          continue;
        }
        const top = level.elevation + Math.min(space.height ?? level.height, level.height);
        const start = soup.vertexCount;
        let count: number;
        try {
          count = extrudePolygon(shrink(space.outline), (space.holes ?? []).map(shrink), level.elevation, top, soup);
        } catch (error) {
          soup.truncate(start);
          this.skipped.push(`Space ${space.id}: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        for (const ring of [space.outline, ...(space.holes ?? [])]) edges += ring.length;
        const centre = new THREE.Vector3();
        for (const p of space.outline) centre.set(centre.x + p.x, centre.y + p.y, 0);
        centre.divideScalar(space.outline.length).setZ(top);
        const index = this.rooms.length;
        this.rooms.push({ space, levelId: level.id, first: start, count, centre });
        if (space.twinId) {
          const list = this.byTwin.get(space.twinId);
          if (list) list.push(index);
          else this.byTwin.set(space.twinId, [index]);
        }
      }
      this.levelRanges.set(level.id, { first, count: soup.vertexCount - first, lineFirst, lineCount: edges * 2 - lineFirst });
    }
    const geometry = new THREE.BufferGeometry();
    const positions = soup.positions.slice();
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute('normal', new THREE.BufferAttribute(soup.normals.slice(), 3));
    const roomOfVertex = new Float32Array(soup.vertexCount);
    this.levelOf = new Uint16Array(soup.vertexCount);
    this.rooms.forEach((room, index) => {
      roomOfVertex.fill(index, room.first, room.first + room.count);
      this.levelOf.fill(this.levelIndex.get(room.levelId)!, room.first, room.first + room.count);
    });
    geometry.setAttribute('roomIndex', new THREE.BufferAttribute(roomOfVertex, 1));
    this.colours = new RoomColours(this.rooms.length);
    geometry.computeBoundingSphere();
    geometry.computeBoundingBox();
    this.shifts = ordered.map(() => 0);
    this.baseZ = new Float32Array(positions.length / 3);
    for (let v = 0; v < this.baseZ.length; v++) this.baseZ[v] = positions[v * 3 + 2]!;
    this.mesh = new THREE.Mesh(geometry, this.colours.material());
    const lineGeometry = new THREE.BufferGeometry();
    const linePositions = new Float32Array(edges * 6);
    this.outlineBaseZ = new Float32Array(edges * 2);
    this.outlineLevel = new Uint16Array(edges * 2);
    let at = 0;
    for (const room of this.rooms) {
      const level = this.levelIndex.get(room.levelId)!;
      const z = room.centre.z + 0.01;
      for (const ring of [room.space.outline, ...(room.space.holes ?? [])]) {
        for (let i = 0; i < ring.length; i++) {
          const p = ring[i]!;
          const q = ring[(i + 1) % ring.length]!;
          linePositions.set([p.x, p.y, z, q.x, q.y, z], at * 3);
          this.outlineBaseZ.fill(z, at, at + 2);
          this.outlineLevel.fill(level, at, at + 2);
          at += 2;
        }
      }
    }
    lineGeometry.setAttribute('position', new THREE.BufferAttribute(linePositions, 3));
    this.outlines = new THREE.LineSegments(lineGeometry, new THREE.LineBasicMaterial({ color: 0x0b0f14, transparent: true, opacity: 0.55 }));
  }

  /** Paints room `index` with one colour (0–1 channels); `track` uploads only its texel. */
  paint(index: number, r: number, g: number, b: number, track = true): void {
    this.colours.set(index, r, g, b, track);
  }

  /** The colour room `index` is painted with, channels 0–1. */
  colourOf(index: number): [number, number, number] {
    return this.colours.get(index);
  }

  /** Uploads the colours painted since the last call: the tracked texels, or the whole table. */
  commitColours(all = false): void {
    this.colours.commit(all);
  }

  /** Shows all floors, one floor, or an exploded stack; returns the z shift of each level. */
  setLevelView(view: LevelView): Map<string, number> {
    const placements = stackLevels(this.scene.levels, view.mode === 'exploded' ? { mode: 'exploded', gap: this.storeyHeight() * (explodeFactor - 1) } : view);
    const ordered = [...this.scene.levels].sort((a, b) => a.elevation - b.elevation);
    const shifts = ordered.map((level) => placements.get(level.id)!.z - level.elevation);
    const shiftOf = new Map(ordered.map((level, i) => [level.id, shifts[i]!]));
    // The buffers are built unshifted: a first "all floors" view moves nothing.
    if (shifts.some((z, i) => z !== this.shifts[i])) {
      this.shift(this.mesh.geometry, this.baseZ, this.levelOf, shifts);
      this.shift(this.outlines.geometry, this.outlineBaseZ, this.outlineLevel, shifts);
      this.shifts = shifts;
    }
    if (view.mode === 'single') {
      const range = this.levelRanges.get(view.levelId) ?? { first: 0, count: 0, lineFirst: 0, lineCount: 0 };
      this.mesh.geometry.setDrawRange(range.first, range.count);
      this.outlines.geometry.setDrawRange(range.lineFirst, range.lineCount);
    } else {
      this.mesh.geometry.setDrawRange(0, Infinity);
      this.outlines.geometry.setDrawRange(0, Infinity);
    }
    return shiftOf;
  }

  /** The box of what is drawn now (one floor alone, or everything). */
  visibleBox(): THREE.Box3 {
    const geometry = this.mesh.geometry;
    const position = geometry.getAttribute('position') as THREE.BufferAttribute;
    if (geometry.drawRange.start === 0 && geometry.drawRange.count >= position.count && geometry.boundingBox) return geometry.boundingBox.clone();
    const start = geometry.drawRange.start;
    const end = Math.min(position.count, start + geometry.drawRange.count);
    const box = new THREE.Box3();
    const p = new THREE.Vector3();
    for (let v = start; v < end; v++) box.expandByPoint(p.fromBufferAttribute(position, v));
    return box;
  }

  private shift(geometry: THREE.BufferGeometry, base: Float32Array, levels: Uint16Array, shifts: readonly number[]): void {
    const position = geometry.getAttribute('position') as THREE.BufferAttribute;
    const array = position.array as Float32Array;
    for (let v = 0; v < base.length; v++) array[v * 3 + 2] = base[v]! + shifts[levels[v]!]!;
    position.needsUpdate = true;
    geometry.computeBoundingSphere();
    geometry.computeBoundingBox();
  }

  private storeyHeight(): number {
    const heights = this.scene.levels.map((l) => l.height);
    return heights.length ? heights.reduce((a, b) => a + b, 0) / heights.length : 3;
  }

  /** The room a ray hit, from the hit's first vertex. */
  roomOfVertex(vertex: number): number {
    let lo = 0;
    let hi = this.rooms.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rooms[mid]!.first <= vertex) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
    this.colours.dispose();
    this.outlines.geometry.dispose();
    (this.outlines.material as THREE.Material).dispose();
  }
}
