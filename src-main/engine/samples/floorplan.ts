// Floor layouts of the campus: a rectangular storey with a double-loaded corridor along its
// length, a band of rooms on each side (south and north), a core (stairwell and toilets) in the
// north band and a second stair at the east end of long buildings. Rooms along a band get widths
// drawn per room type, so every floor is a real tiling: rooms and corridor cover the outline
// exactly and never overlap. Everything is in integer decimetres so the geometry is exact.

import { weights, type Random, type Weights } from '../util/random';

export const roomTypes = ['office', 'openOffice', 'meeting', 'lab', 'classroom', 'lectureHall', 'corridor', 'lobby', 'toilet', 'kitchen', 'storage', 'stairwell', 'technical'] as const;

export type RoomType = (typeof roomTypes)[number];

export type BuildingType = 'office' | 'laboratory' | 'teaching' | 'mixed';

export type Facade = 'north' | 'east' | 'south' | 'west' | 'none';

/** An axis-aligned room rectangle in decimetres, relative to the floor's south-west corner. */
export interface RoomRect {
  readonly type: RoomType;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The cross-section of a building: its length, and the depth of each band (decimetres). */
export interface Section {
  readonly length: number;
  readonly southDepth: number;
  readonly corridorWidth: number;
  readonly northDepth: number;
}

/** Width range of each room type along the corridor, decimetres. */
const widths: Readonly<Record<RoomType, readonly [number, number]>> = {
  office: [30, 48],
  openOffice: [90, 160],
  meeting: [45, 80],
  lab: [60, 120],
  classroom: [70, 100],
  lectureHall: [120, 180],
  corridor: [0, 0],
  lobby: [80, 120],
  toilet: [25, 32],
  kitchen: [35, 50],
  storage: [24, 34],
  stairwell: [40, 50],
  technical: [30, 50],
};

/** The rooms each kind of building is made of, with relative weights. */
const mixes: Readonly<Record<BuildingType, Weights<RoomType>>> = {
  office: weights<RoomType>({ office: 50, openOffice: 12, meeting: 18, kitchen: 5, storage: 5, technical: 2 }),
  laboratory: weights<RoomType>({ lab: 45, office: 25, meeting: 10, storage: 10, technical: 5 }),
  teaching: weights<RoomType>({ classroom: 40, lectureHall: 8, office: 20, meeting: 10, storage: 5, kitchen: 3 }),
  mixed: weights<RoomType>({ office: 30, lab: 15, classroom: 15, meeting: 15, openOffice: 8, kitchen: 5, storage: 5 }),
};

/** Lecture halls only on the ground floor. */
const teachingUpper = weights<RoomType>({ classroom: 40, office: 20, meeting: 10, storage: 5, kitchen: 3 });

/** Narrowest room a band leaves behind (decimetres). */
const minWidth = 24;

/** Fills the band segment [from, to) along x with rooms of the building's mix. */
function fillBand(random: Random, mix: Weights<RoomType>, from: number, to: number, y0: number, y1: number, out: RoomRect[]): void {
  let x = from;
  while (x < to) {
    const remaining = to - x;
    let type = random.weighted(mix);
    const [min, max] = widths[type];
    let width = random.int(min, max);
    if (remaining - width < minWidth) {
      if (remaining <= Math.max(max, 60)) width = remaining;
      else width = Math.round(remaining / 2);
    }
    if (width < 30) type = 'storage';
    else if (width < min) type = 'office';
    out.push({ type, x0: x, y0, x1: x + width, y1 });
    x += width;
  }
}

/** Lays out one storey. `level` 0 gets a lobby at the west end of the south band. */
export function layoutFloor(random: Random, buildingType: BuildingType, section: Section, level: number, core: { readonly x: number; readonly widths: readonly number[] }): RoomRect[] {
  const { length, southDepth, corridorWidth, northDepth } = section;
  const mix = buildingType === 'teaching' && level > 0 ? teachingUpper : mixes[buildingType];
  const rooms: RoomRect[] = [];
  const southTop = southDepth;
  const northBottom = southDepth + corridorWidth;
  const northTop = northBottom + northDepth;
  // South band: lobby on the ground floor, rooms, an east stair in long buildings.
  let southFrom = 0;
  if (level === 0) {
    const lobby = random.int(widths.lobby[0], widths.lobby[1]);
    rooms.push({ type: 'lobby', x0: 0, y0: 0, x1: lobby, y1: southTop });
    southFrom = lobby;
  }
  const eastStair = length > 600 ? widths.stairwell[0] : 0;
  fillBand(random, mix, southFrom, length - eastStair, 0, southTop, rooms);
  if (eastStair > 0) rooms.push({ type: 'stairwell', x0: length - eastStair, y0: 0, x1: length, y1: southTop });
  // North band: rooms, the core (stairwell, toilets), rooms.
  fillBand(random, mix, 0, core.x, northBottom, northTop, rooms);
  let x = core.x;
  core.widths.forEach((width, i) => {
    rooms.push({ type: i === 0 ? 'stairwell' : 'toilet', x0: x, y0: northBottom, x1: x + width, y1: northTop });
    x += width;
  });
  fillBand(random, mix, x, length, northBottom, northTop, rooms);
  rooms.push({ type: 'corridor', x0: 0, y0: southTop, x1: length, y1: northBottom });
  return rooms;
}

/** The core of a building, the same on every storey: where it starts and its rooms' widths. */
export function planCore(random: Random, length: number): { readonly x: number; readonly widths: readonly number[] } {
  const widthsOfCore = [random.int(widths.stairwell[0], widths.stairwell[1]), random.int(widths.toilet[0], widths.toilet[1]), random.int(widths.toilet[0], widths.toilet[1])];
  const total = widthsOfCore.reduce((sum, w) => sum + w, 0);
  const x = Math.round(length * random.range(0.35, 0.5));
  return { x: Math.min(x, length - total - minWidth), widths: widthsOfCore };
}

/** Length of a room's edges that lie on the floor outline, per facade (decimetres). */
export function exteriorEdges(room: RoomRect, section: Section): Readonly<Record<Exclude<Facade, 'none'>, number>> {
  const top = section.southDepth + section.corridorWidth + section.northDepth;
  return {
    south: room.y0 === 0 ? room.x1 - room.x0 : 0,
    north: room.y1 === top ? room.x1 - room.x0 : 0,
    west: room.x0 === 0 ? room.y1 - room.y0 : 0,
    east: room.x1 === section.length ? room.y1 - room.y0 : 0,
  };
}

/** The facade with the longest exterior edge, or `none` for an interior room. */
export function mainFacade(edges: Readonly<Record<Exclude<Facade, 'none'>, number>>): Facade {
  let best: Facade = 'none';
  let longest = 0;
  for (const facade of ['south', 'north', 'east', 'west'] as const) {
    if (edges[facade] > longest) {
      longest = edges[facade];
      best = facade;
    }
  }
  return best;
}
