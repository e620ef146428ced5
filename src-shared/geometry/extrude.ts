// Prisms from plan polygons, and where each level stands in the three ways of showing a building.
// Coordinates are z-up: x east, y north, z height, metres.

import type { PlanPoint, SceneLevel } from '../contract/spatial';
import { signedArea2, triangulate } from './polygon';

/**
 * Flat triangles: xyz per vertex, one normal per vertex, three vertices per triangle, in typed
 * arrays that grow by doubling (a building of thousands of rooms is built without boxing numbers).
 */
export class TriangleSoup {
  private position: Float32Array;
  private normal: Float32Array;
  private length = 0;

  /** `vertices`: room for that many before the buffers first grow (see prismVertices). */
  constructor(vertices = 342) {
    this.position = new Float32Array(Math.max(1, vertices) * 3);
    this.normal = new Float32Array(Math.max(1, vertices) * 3);
  }

  /** Vertices so far. */
  get vertexCount(): number {
    return this.length / 3;
  }

  /** The positions so far (a view, valid until the next push). */
  get positions(): Float32Array {
    return this.position.subarray(0, this.length);
  }

  /** The normals so far (a view, valid until the next push). */
  get normals(): Float32Array {
    return this.normal.subarray(0, this.length);
  }

  /** Appends one vertex. */
  push(x: number, y: number, z: number, nx: number, ny: number, nz: number): void {
    if (this.length + 3 > this.position.length) {
      const grow = (old: Float32Array) => {
        const next = new Float32Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.position = grow(this.position);
      this.normal = grow(this.normal);
    }
    const i = this.length;
    this.position[i] = x;
    this.position[i + 1] = y;
    this.position[i + 2] = z;
    this.normal[i] = nx;
    this.normal[i + 1] = ny;
    this.normal[i + 2] = nz;
    this.length = i + 3;
  }

  /** Drops the vertices after the first `vertices`. */
  truncate(vertices: number): void {
    this.length = Math.min(this.length, vertices * 3);
  }
}

/** Vertices extrudePolygon makes of a polygon with `points` vertices in all and `holes` holes: two caps and the sides. */
export function prismVertices(points: number, holes: number): number {
  return 2 * 3 * (points + 2 * holes - 2) + 6 * points;
}

/** Appends the prism of a polygon with holes between heights `bottom` and `top` to `out`; returns its vertex count. */
export function extrudePolygon(outline: readonly PlanPoint[], holes: readonly (readonly PlanPoint[])[], bottom: number, top: number, out: TriangleSoup): number {
  const before = out.vertexCount;
  const points = [outline, ...holes].flat();
  const triangles = triangulate(outline, holes);
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [points[triangles[t]!]!, points[triangles[t + 1]!]!, points[triangles[t + 2]!]!];
    out.push(a.x, a.y, top, 0, 0, 1);
    out.push(b.x, b.y, top, 0, 0, 1);
    out.push(c.x, c.y, top, 0, 0, 1);
    out.push(a.x, a.y, bottom, 0, 0, -1);
    out.push(c.x, c.y, bottom, 0, 0, -1);
    out.push(b.x, b.y, bottom, 0, 0, -1);
  }
  // Sides face outward: the outline run counter-clockwise, holes clockwise.
  for (const [k, ring] of [outline, ...holes].entries()) {
    const ccw = signedArea2(ring) > 0;
    const ordered = ccw === (k === 0) ? ring : [...ring].reverse();
    for (let i = 0; i < ordered.length; i++) {
      const p = ordered[i]!;
      const q = ordered[(i + 1) % ordered.length]!;
      const length = Math.hypot(q.x - p.x, q.y - p.y);
      if (length === 0) continue;
      const nx = (q.y - p.y) / length;
      const ny = -(q.x - p.x) / length;
      out.push(p.x, p.y, bottom, nx, ny, 0);
      out.push(q.x, q.y, bottom, nx, ny, 0);
      out.push(q.x, q.y, top, nx, ny, 0);
      out.push(p.x, p.y, bottom, nx, ny, 0);
      out.push(q.x, q.y, top, nx, ny, 0);
      out.push(p.x, p.y, top, nx, ny, 0);
    }
  }
  return out.vertexCount - before;
}

export type LevelView = { readonly mode: 'all' } | { readonly mode: 'single'; readonly levelId: string } | { readonly mode: 'exploded'; readonly gap: number };

/** Where a level is drawn: its floor's height in the view, and whether it is shown at all. */
export interface LevelPlacement {
  readonly z: number;
  readonly visible: boolean;
}

/**
 * Places each level: at its elevation (all floors), alone (one floor), or with `gap` metres
 * added between consecutive levels, lowest first (exploded stack).
 */
export function stackLevels(levels: readonly SceneLevel[], view: LevelView): Map<string, LevelPlacement> {
  const ordered = [...levels].sort((a, b) => a.elevation - b.elevation || a.id.localeCompare(b.id));
  const placements = new Map<string, LevelPlacement>();
  ordered.forEach((level, rank) => {
    if (view.mode === 'exploded') placements.set(level.id, { z: level.elevation + rank * view.gap, visible: true });
    else placements.set(level.id, { z: level.elevation, visible: view.mode === 'all' || view.levelId === level.id });
  });
  return placements;
}
