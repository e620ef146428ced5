import { describe, expect, it } from 'vitest';
import type { PlanPoint } from '../../../src-shared/contract';
import { extrudePolygon, prismVertices, stackLevels, TriangleSoup } from '../../../src-shared/geometry/extrude';
import { polygonArea, polygonProblem, signedArea2, triangulate } from '../../../src-shared/geometry/polygon';

const square = (x0: number, y0: number, size: number): PlanPoint[] => [
  { x: x0, y: y0 },
  { x: x0 + size, y: y0 },
  { x: x0 + size, y: y0 + size },
  { x: x0, y: y0 + size },
];

/** Sum of the areas of the triangles a triangulation gives. */
function coveredArea(outline: PlanPoint[], holes: PlanPoint[][], triangles: number[]): number {
  const points = [outline, ...holes].flat();
  let sum = 0;
  for (let t = 0; t < triangles.length; t += 3) sum += signedArea2([points[triangles[t]!]!, points[triangles[t + 1]!]!, points[triangles[t + 2]!]!]) / 2;
  return sum;
}

describe('polygon triangulation', () => {
  it('cuts a square into two counter-clockwise triangles covering it', () => {
    const triangles = triangulate(square(0, 0, 4));
    expect(triangles).toHaveLength(6);
    expect(coveredArea(square(0, 0, 4), [], triangles)).toBe(16);
  });

  it('triangulates a clockwise L-shaped room into four triangles of its exact area', () => {
    const l: PlanPoint[] = [{ x: 0, y: 0 }, { x: 0, y: 6 }, { x: 3, y: 6 }, { x: 3, y: 3 }, { x: 6, y: 3 }, { x: 6, y: 0 }];
    const triangles = triangulate(l);
    expect(triangles).toHaveLength(12);
    expect(coveredArea(l, [], triangles)).toBe(27);
  });

  it('leaves a hole uncovered: a 10 m square with a 2 m hole covers 96 m²', () => {
    const outline = square(0, 0, 10);
    const hole = square(4, 4, 2);
    const triangles = triangulate(outline, [hole]);
    expect(coveredArea(outline, [hole], triangles)).toBe(96);
    expect(polygonArea(outline, [hole])).toBe(96);
    // 4 + 4 vertices joined by a two-way bridge: 10 vertices, 8 triangles.
    expect(triangles).toHaveLength(24);
  });

  it('handles two holes side by side', () => {
    const outline = square(0, 0, 10);
    const holes = [square(1, 4, 2), square(6, 4, 2)];
    expect(coveredArea(outline, holes, triangulate(outline, holes))).toBe(92);
  });
});

describe('polygon checks', () => {
  it('accepts a plain rectangle', () => expect(polygonProblem(square(0, 0, 3))).toBeNull());

  it('names the crossing edges of a bow tie', () => {
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 4, y: 4 }, { x: 4, y: 0 }, { x: 0, y: 4 }])).toBe('The outline intersects itself: edge 0 crosses edge 2.');
  });

  it('refuses too few vertices, no area and non-numbers', () => {
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 1, y: 0 }])).toBe('The outline needs at least 3 vertices.');
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 2, y: 0 }])).toBe('The outline has no area.');
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 1, y: Number.NaN }, { x: 2, y: 2 }])).toBe('The outline: vertex 1 is not a point { x, y } of finite numbers.');
    expect(polygonProblem(square(0, 0, 4), [[{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 2, y: 1 }, { x: 1, y: 2 }]])).toBe('Hole 1 intersects itself: edge 0 crosses edge 2.');
  });
});

describe('extrusion', () => {
  it('makes a box of a square: 2 caps of 2 triangles and 4 sides of 2, outward normals', () => {
    const soup = new TriangleSoup();
    const vertices = extrudePolygon(square(0, 0, 2), [], 3, 6, soup);
    expect(vertices).toBe(36);
    expect(prismVertices(4, 0)).toBe(36);
    const zs = new Set<number>();
    for (let i = 2; i < soup.positions.length; i += 3) zs.add(soup.positions[i]!);
    expect([...zs].sort()).toEqual([3, 6]);
    // The south side (y = 0) faces -y.
    const south = soup.normals.findIndex((n, i) => i % 3 === 1 && n === -1);
    expect(south).toBeGreaterThan(0);
    expect(Array.from(soup.normals.slice(south - 1, south + 2))).toEqual([0, -1, 0]);
  });

  it('gives a hole inner walls facing into the hole', () => {
    const soup = new TriangleSoup();
    const vertices = extrudePolygon(square(0, 0, 10), [square(4, 4, 2)], 0, 3, soup);
    // caps 2 × 8 triangles, sides 8 edges × 2 triangles.
    expect(vertices).toBe((16 + 16) * 3);
    expect(prismVertices(8, 1)).toBe(vertices);
    // The hole's west wall (x = 4) faces east, into the hole.
    let found = false;
    for (let v = 0; v < soup.positions.length / 3; v++) if (soup.positions[v * 3] === 4 && soup.normals[v * 3] === 1) found = true;
    expect(found).toBe(true);
  });
  it('winds every triangle counter-clockwise seen from outside, whichever way the outline runs, so back faces can be culled', () => {
    for (const outline of [square(0, 0, 4), [...square(0, 0, 4)].reverse()]) {
      const soup = new TriangleSoup();
      extrudePolygon(outline, [square(1, 1, 1)], 0, 3, soup);
      const [p, n] = [soup.positions, soup.normals];
      let wrong = 0;
      for (let v = 0; v < soup.vertexCount; v += 3) {
        const u = [0, 1, 2].map((k) => p[(v + 1) * 3 + k]! - p[v * 3 + k]!);
        const w = [0, 1, 2].map((k) => p[(v + 2) * 3 + k]! - p[v * 3 + k]!);
        const cross = [u[1]! * w[2]! - u[2]! * w[1]!, u[2]! * w[0]! - u[0]! * w[2]!, u[0]! * w[1]! - u[1]! * w[0]!];
        if (cross[0]! * n[v * 3]! + cross[1]! * n[v * 3 + 1]! + cross[2]! * n[v * 3 + 2]! <= 0) wrong++;
      }
      expect([soup.vertexCount / 3, wrong]).toEqual([32, 0]);
    }
  });
});

describe('level stacking', () => {
  const levels = [
    { id: 'f1', name: 'First', elevation: 4, height: 3.5 },
    { id: 'f0', name: 'Ground', elevation: 0, height: 4 },
    { id: 'f2', name: 'Second', elevation: 7.5, height: 3.5 },
  ];

  it('puts every floor at its elevation', () => {
    expect(Object.fromEntries(stackLevels(levels, { mode: 'all' }))).toEqual({ f0: { z: 0, visible: true }, f1: { z: 4, visible: true }, f2: { z: 7.5, visible: true } });
  });

  it('shows one floor alone', () => {
    const placed = stackLevels(levels, { mode: 'single', levelId: 'f1' });
    expect([...placed].filter(([, p]) => p.visible).map(([id]) => id)).toEqual(['f1']);
  });

  it('spreads an exploded stack by the gap, lowest level first', () => {
    expect(Object.fromEntries(stackLevels(levels, { mode: 'exploded', gap: 5 }))).toEqual({ f0: { z: 0, visible: true }, f1: { z: 9, visible: true }, f2: { z: 17.5, visible: true } });
  });
});
