// Prisms from plan polygons, and where each level stands in the three ways of showing a building.
// Coordinates are z-up: x east, y north, z height, metres.

import type { PlanPoint, SceneLevel } from '../contract/spatial';
import { signedArea2, triangulate } from './polygon';

/** Flat triangles: xyz per vertex, one normal per vertex, three vertices per triangle. */
export interface TriangleSoup {
  readonly positions: number[];
  readonly normals: number[];
}

/** Appends the prism of a polygon with holes between heights `bottom` and `top` to `out`; returns its vertex count. */
export function extrudePolygon(outline: readonly PlanPoint[], holes: readonly (readonly PlanPoint[])[], bottom: number, top: number, out: TriangleSoup): number {
  const before = out.positions.length;
  const points = [outline, ...holes].flat();
  const triangles = triangulate(outline, holes);
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [points[triangles[t]!]!, points[triangles[t + 1]!]!, points[triangles[t + 2]!]!];
    out.positions.push(a.x, a.y, top, b.x, b.y, top, c.x, c.y, top);
    out.normals.push(0, 0, 1, 0, 0, 1, 0, 0, 1);
    out.positions.push(a.x, a.y, bottom, c.x, c.y, bottom, b.x, b.y, bottom);
    out.normals.push(0, 0, -1, 0, 0, -1, 0, 0, -1);
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
      out.positions.push(p.x, p.y, bottom, q.x, q.y, bottom, q.x, q.y, top, p.x, p.y, bottom, q.x, q.y, top, p.x, p.y, top);
      for (let v = 0; v < 6; v++) out.normals.push(nx, ny, 0);
    }
  }
  return (out.positions.length - before) / 3;
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
