// Plan polygons: area, orientation, validity and triangulation with holes. Pure arithmetic, so the
// engine checks scenes with the same code the 3D view meshes them with.

import type { PlanPoint } from '../contract/spatial';

/** Twice the signed area of a ring: positive when counter-clockwise. */
export function signedArea2(ring: readonly PlanPoint[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]!.x - ring[i]!.x) * (ring[j]!.y + ring[i]!.y);
  return sum;
}

/** Area of a polygon with holes, square metres. */
export function polygonArea(outline: readonly PlanPoint[], holes: readonly (readonly PlanPoint[])[] = []): number {
  return Math.abs(signedArea2(outline)) / 2 - holes.reduce((sum, hole) => sum + Math.abs(signedArea2(hole)) / 2, 0);
}

const cross = (o: PlanPoint, a: PlanPoint, b: PlanPoint) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** True when segments ab and cd cross or touch (collinear overlaps included). */
function segmentsMeet(a: PlanPoint, b: PlanPoint, c: PlanPoint, d: PlanPoint): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (p: PlanPoint, q: PlanPoint, r: PlanPoint) => Math.min(p.x, q.x) <= r.x && r.x <= Math.max(p.x, q.x) && Math.min(p.y, q.y) <= r.y && r.y <= Math.max(p.y, q.y);
  return (d1 === 0 && on(c, d, a)) || (d2 === 0 && on(c, d, b)) || (d3 === 0 && on(a, b, c)) || (d4 === 0 && on(a, b, d));
}

/** The first pair of non-adjacent edges of a ring that meet, as edge indices, or null. */
export function selfIntersection(ring: readonly PlanPoint[]): [number, number] | null {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(ring[i]!, ring[(i + 1) % n]!, ring[j]!, ring[(j + 1) % n]!)) return [i, j];
    }
  }
  return null;
}

/** Why a footprint cannot be drawn, in words, or null when it can. */
export function polygonProblem(outline: readonly PlanPoint[], holes: readonly (readonly PlanPoint[])[] = []): string | null {
  const rings = [outline, ...holes];
  for (const [k, ring] of rings.entries()) {
    const what = k === 0 ? 'The outline' : `Hole ${k}`;
    if (!Array.isArray(ring) || ring.length < 3) return `${what} needs at least 3 vertices.`;
    const bad = ring.findIndex((p) => typeof p?.x !== 'number' || typeof p?.y !== 'number' || !Number.isFinite(p.x) || !Number.isFinite(p.y));
    if (bad >= 0) return `${what}: vertex ${bad} is not a point { x, y } of finite numbers.`;
    const crossing = selfIntersection(ring);
    if (crossing) return `${what} intersects itself: edge ${crossing[0]} crosses edge ${crossing[1]}.`;
    if (signedArea2(ring) === 0) return `${what} has no area.`;
  }
  return null;
}

function pointInTriangle(a: PlanPoint, b: PlanPoint, c: PlanPoint, p: PlanPoint): boolean {
  return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

/** The ring's vertex indices (into `points`), made to run in the given direction. */
function orientedRing(points: readonly PlanPoint[], start: number, length: number, counterClockwise: boolean): number[] {
  const ring = Array.from({ length }, (_, i) => start + i);
  const ccw = signedArea2(ring.map((i) => points[i]!)) > 0;
  return ccw === counterClockwise ? ring : ring.reverse();
}

/** Joins a hole into the outer ring with a bridge from its rightmost vertex to a vertex it can see. */
function bridgeHole(points: readonly PlanPoint[], outer: number[], hole: number[]): number[] {
  let m = 0;
  for (let i = 1; i < hole.length; i++) if (points[hole[i]!]!.x > points[hole[m]!]!.x) m = i;
  const mp = points[hole[m]!]!;
  // Cast a ray east from M; the nearest edge it hits gives a candidate vertex P.
  let best = -1;
  let bestX = Infinity;
  for (let i = 0; i < outer.length; i++) {
    const a = points[outer[i]!]!;
    const b = points[outer[(i + 1) % outer.length]!]!;
    if (Math.min(a.y, b.y) > mp.y || Math.max(a.y, b.y) < mp.y || a.y === b.y) continue;
    const x = a.x + ((mp.y - a.y) * (b.x - a.x)) / (b.y - a.y);
    if (x < mp.x || x >= bestX) continue;
    bestX = x;
    best = a.x > b.x ? i : (i + 1) % outer.length;
  }
  if (best < 0) throw new Error('A hole lies outside its outline.');
  // A reflex vertex inside triangle (M, I, P) would block the bridge: take the one nearest the ray.
  const ip = { x: bestX, y: mp.y };
  const pp = points[outer[best]!]!;
  let bestAngle = Infinity;
  for (let i = 0; i < outer.length && pp.y !== mp.y; i++) {
    const v = points[outer[i]!]!;
    if (i === best || v.x < mp.x) continue;
    const inside = mp.y <= pp.y ? pointInTriangle(mp, ip, pp, v) : pointInTriangle(mp, pp, ip, v);
    if (!inside) continue;
    const angle = Math.abs(Math.atan2(v.y - mp.y, v.x - mp.x));
    if (angle < bestAngle) {
      bestAngle = angle;
      best = i;
    }
  }
  const rotated = [...hole.slice(m), ...hole.slice(0, m)];
  return [...outer.slice(0, best + 1), ...rotated, rotated[0]!, ...outer.slice(best)];
}

function isEar(points: readonly PlanPoint[], ring: readonly number[], i: number): boolean {
  const n = ring.length;
  const a = points[ring[(i + n - 1) % n]!]!;
  const b = points[ring[i]!]!;
  const c = points[ring[(i + 1) % n]!]!;
  if (cross(a, b, c) <= 0) return false;
  for (let k = 0; k < n; k++) {
    const p = points[ring[k]!]!;
    if (p === a || p === b || p === c) continue;
    if ((p.x === a.x && p.y === a.y) || (p.x === b.x && p.y === b.y) || (p.x === c.x && p.y === c.y)) continue;
    // Strictly inside: bridges and collinear runs put vertices on an ear's edges without blocking it.
    if (cross(a, b, p) > 0 && cross(b, c, p) > 0 && cross(c, a, p) > 0) return false;
  }
  return true;
}

/**
 * Triangulates a polygon with holes by ear clipping. Vertices are numbered outline first, then
 * each hole in order; the result lists counter-clockwise triangles as triples of those numbers.
 */
export function triangulate(outline: readonly PlanPoint[], holes: readonly (readonly PlanPoint[])[] = []): number[] {
  const points = [outline, ...holes].flat();
  let ring = orientedRing(points, 0, outline.length, true);
  let start = outline.length;
  const holeRings = holes.map((hole) => {
    const r = orientedRing(points, start, hole.length, false);
    start += hole.length;
    return r;
  });
  holeRings.sort((a, b) => Math.max(...b.map((i) => points[i]!.x)) - Math.max(...a.map((i) => points[i]!.x)));
  for (const hole of holeRings) ring = bridgeHole(points, ring, hole);
  const triangles: number[] = [];
  let guard = ring.length * ring.length + 10;
  while (ring.length > 3 && guard-- > 0) {
    let clipped = false;
    for (let i = 0; i < ring.length; i++) {
      if (!isEar(points, ring, i)) continue;
      const n = ring.length;
      triangles.push(ring[(i + n - 1) % n]!, ring[i]!, ring[(i + 1) % n]!);
      ring.splice(i, 1);
      clipped = true;
      break;
    }
    if (!clipped) {
      // Degenerate leftovers (collinear runs): drop a vertex with no area rather than loop.
      const n = ring.length;
      const flat = ring.findIndex((_, i) => cross(points[ring[(i + n - 1) % n]!]!, points[ring[i]!]!, points[ring[(i + 1) % n]!]!) === 0);
      if (flat < 0) throw new Error('The polygon could not be triangulated.');
      ring.splice(flat, 1);
    }
  }
  if (ring.length === 3 && cross(points[ring[0]!]!, points[ring[1]!]!, points[ring[2]!]!) > 0) triangles.push(ring[0]!, ring[1]!, ring[2]!);
  return triangles;
}
