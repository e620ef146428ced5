import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld, type SampleRelationship, type SampleTwin } from '../../../src-main/engine/samples';

// Geometry of the campus at scale 3 (three buildings, 2,813 twins): every floor is tiled
// by its rooms without overlaps, and the numbers on the twins agree with the polygons.

interface Point {
  readonly x: number;
  readonly y: number;
}

const shoelace = (points: readonly Point[]) => {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
};

const bounds = (points: readonly Point[]) => ({
  x0: Math.min(...points.map((p) => p.x)),
  y0: Math.min(...points.map((p) => p.y)),
  x1: Math.max(...points.map((p) => p.x)),
  y1: Math.max(...points.map((p) => p.y)),
});

/** True when every edge is horizontal or vertical and the polygon is its bounding box. */
const isRectangle = (points: readonly Point[]) => {
  const box = bounds(points);
  return points.length === 4 && Math.abs(shoelace(points) - (box.x1 - box.x0) * (box.y1 - box.y0)) < 1e-9;
};

const overlap = (a: ReturnType<typeof bounds>, b: ReturnType<typeof bounds>) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** Whether two rectangles touch along a stretch of wall (not just at a corner). */
const sharesEdge = (a: ReturnType<typeof bounds>, b: ReturnType<typeof bounds>) =>
  ((a.x1 === b.x0 || b.x1 === a.x0) && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0) || ((a.y1 === b.y0 || b.y1 === a.y0) && Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0);

const world = generateWorld('campus', { scale: 3 });
const twins = new Map<string, SampleTwin>();
const outgoing = new Map<string, SampleRelationship[]>();
const incoming = new Map<string, SampleRelationship[]>();
const targets = (source: string, name: string) => (outgoing.get(source) ?? []).filter((r) => r.$relationshipName === name).map((r) => twins.get(r.$targetId)!);
const sources = (target: string, name: string) => (incoming.get(target) ?? []).filter((r) => r.$relationshipName === name).map((r) => twins.get(r.$sourceId)!);
const ofModel = (name: string) => [...twins.values()].filter((twin) => twin.$metadata.$model === `dtmi:twinbench:campus:${name};1`);
const footprint = (twin: SampleTwin) => twin.footprint as Point[];

beforeAll(() => {
  for (const twin of world.twins) twins.set(twin.$dtId, twin);
  for (const r of world.relationships) {
    outgoing.set(r.$sourceId, [...(outgoing.get(r.$sourceId) ?? []), r]);
    incoming.set(r.$targetId, [...(incoming.get(r.$targetId) ?? []), r]);
  }
});

describe('campus floorplans', () => {
  it('has three buildings, 19 floors and 477 rooms at scale 3 (seed 1)', () => {
    expect(targets('campus', 'contains').map((b) => b.$dtId)).toEqual(['campus-b001', 'campus-b002', 'campus-b003']);
    expect(ofModel('Floor').length).toBe(19);
    expect(ofModel('Room').length).toBe(477);
  });

  it('tiles every floor with its rooms: no overlaps, inside the outline, areas adding up, every room on the corridor', () => {
    for (const floor of ofModel('Floor')) {
      const outline = footprint(floor);
      expect(isRectangle(outline)).toBe(true);
      const box = bounds(outline);
      expect(floor.area).toBeCloseTo(shoelace(outline), 9);
      const rooms = targets(floor.$dtId, 'contains');
      let total = 0;
      for (const room of rooms) {
        const polygon = footprint(room);
        expect(isRectangle(polygon)).toBe(true);
        expect(shoelace(polygon)).toBeGreaterThan(0); // counter-clockwise
        expect(room.area).toBeCloseTo(shoelace(polygon), 9);
        const own = bounds(polygon);
        expect(own.x0 >= box.x0 && own.y0 >= box.y0 && own.x1 <= box.x1 && own.y1 <= box.y1).toBe(true);
        total += room.area as number;
      }
      for (let i = 0; i < rooms.length; i++) {
        for (let j = i + 1; j < rooms.length; j++) expect(overlap(bounds(footprint(rooms[i]!)), bounds(footprint(rooms[j]!)))).toBeLessThan(1e-9);
      }
      expect(total).toBeCloseTo(floor.area as number, 6);
      const corridors = rooms.filter((room) => room.roomType === 'corridor');
      expect(corridors.length).toBe(1);
      const corridor = bounds(footprint(corridors[0]!));
      for (const room of rooms) if (room !== corridors[0]) expect(sharesEdge(bounds(footprint(room)), corridor)).toBe(true);
    }
  });

  it('keeps buildings apart and on the site', () => {
    const site = bounds(footprint(twins.get('campus')!));
    const buildings = ofModel('Building').map((b) => bounds(footprint(b)));
    for (const b of buildings) expect(b.x0 >= site.x0 && b.y0 >= site.y0 && b.x1 <= site.x1 && b.y1 <= site.y1).toBe(true);
    for (let i = 0; i < buildings.length; i++) for (let j = i + 1; j < buildings.length; j++) expect(overlap(buildings[i]!, buildings[j]!)).toBe(0);
  });

  it('stacks floors: each elevation is the one below plus its height, up to the building height', () => {
    for (const building of ofModel('Building')) {
      const floors = targets(building.$dtId, 'contains').sort((a, b) => (a.level as number) - (b.level as number));
      expect(floors.map((f) => f.level)).toEqual(floors.map((_, i) => i));
      expect(building.floorCount).toBe(floors.length);
      let elevation = 0;
      for (const floor of floors) {
        expect(floor.elevation).toBeCloseTo(elevation, 9);
        elevation += floor.height as number;
      }
      expect(building.height).toBeCloseTo(elevation, 9);
    }
  });

  it('gives rooms volume = area × height, a type, capacity and an envelope that matches the outline', () => {
    const types = new Set<unknown>();
    for (const room of ofModel('Room')) {
      types.add(room.roomType);
      expect(Math.abs((room.volume as number) - (room.area as number) * (room.height as number))).toBeLessThanOrEqual(0.005 + 1e-9); // rounded to 2 decimals
      const envelope = room.envelope as Record<string, unknown>;
      if (envelope.facadeOrientation === 'none') expect([envelope.windowArea, envelope.exteriorWallArea]).toEqual([0, 0]);
      else expect((envelope.windowArea as number) + (envelope.exteriorWallArea as number)).toBeGreaterThan(0);
      if (['corridor', 'stairwell', 'storage', 'toilet', 'technical'].includes(room.roomType as string)) expect(room.capacity).toBe(0);
      else expect(room.capacity).toBeGreaterThan(0);
    }
    for (const type of ['office', 'meeting', 'corridor', 'toilet', 'stairwell', 'lobby']) expect(types.has(type)).toBe(true);
  });

  it('turns some bars north–south, so rooms face every direction, along their long side', () => {
    const facades = new Set<unknown>();
    for (const room of ofModel('Room')) {
      const { facadeOrientation } = room.envelope as Record<string, unknown>;
      facades.add(facadeOrientation);
      if (room.roomType === 'corridor') continue;
      const box = bounds(footprint(room));
      const building = bounds(footprint(twins.get(room.$dtId.slice(0, 'campus-b001'.length))!));
      const onSide = { south: box.y0 === building.y0, north: box.y1 === building.y1, west: box.x0 === building.x0, east: box.x1 === building.x1 };
      expect(onSide[facadeOrientation as keyof typeof onSide]).toBe(true);
    }
    expect([...facades].sort()).toEqual(['east', 'north', 'south', 'west']);
    const shapes = ofModel('Building').map((b) => bounds(footprint(b))).map((b) => (b.x1 - b.x0 > b.y1 - b.y0 ? 'east–west' : 'north–south'));
    expect(shapes).toEqual(['north–south', 'east–west', 'north–south']);
  });

  it('serves every ventilated room from one VAV, every VAV from one AHU, and observes rooms with sensors', () => {
    for (const room of ofModel('Room')) {
      const vavs = sources(room.$dtId, 'serves').filter((s) => s.$metadata.$model.endsWith(':VariableAirVolumeBox;1'));
      expect(vavs.length).toBe(room.roomType === 'stairwell' ? 0 : 1);
      expect(sources(room.$dtId, 'serves').filter((s) => s.$metadata.$model.endsWith(':Light;1')).length).toBe(1);
      if (room.roomType === 'office') expect(sources(room.$dtId, 'observes').map((s) => s.$dtId.slice(room.$dtId.length + 1))).toEqual(['temp', 'rh', 'co2', 'occ']);
    }
    for (const vav of ofModel('VariableAirVolumeBox')) expect(sources(vav.$dtId, 'serves').length).toBe(1);
  });

  it('meters each floor under its building meter, and each building under the campus meter', () => {
    for (const floor of ofModel('Floor')) {
      const [meter] = sources(floor.$dtId, 'measures');
      const [parent] = targets(meter!.$dtId, 'subMeterOf');
      const [building] = sources(floor.$dtId, 'contains');
      expect(targets(parent!.$dtId, 'measures')[0]).toBe(building);
      expect(targets(parent!.$dtId, 'subMeterOf')[0]!.$dtId).toBe('campus-meter');
    }
  });
});
