// The structure of one campus building, drawn from its own seeded stream: size, storeys, room
// layout, ventilation zones, air handlers, lifts and which sensors each room has. Property values
// are drawn later from a separate stream, so counting a world needs only its plans.

import { layoutFloor, planCore, type BuildingType, type Facade, type RoomRect, type RoomType, type Section } from './floorplan';
import { pad, Random, weights } from '../util/random';

/** Buildings per row of the campus grid, and the square grid cell (decimetres): room for the longest bar either way, and a street. */
export const campusColumns = 10;
export const cellSize = 1100;

export type SensorKind = 'temp' | 'rh' | 'co2' | 'occ';

export interface RoomPlan {
  readonly id: string;
  /** Room number on its floor, from 1. */
  readonly number: number;
  readonly rect: RoomRect;
  readonly sensors: readonly SensorKind[];
}

export interface VavPlan {
  readonly id: string;
  readonly rooms: readonly string[];
}

export interface FloorPlan {
  readonly id: string;
  readonly level: number;
  /** Decimetres above ground, and floor-to-floor height. */
  readonly elevation: number;
  readonly height: number;
  readonly rooms: readonly RoomPlan[];
  readonly vavs: readonly VavPlan[];
}

export interface BuildingPlan {
  readonly index: number;
  readonly id: string;
  readonly type: BuildingType;
  /** South-west corner of the building's extent in the campus frame, decimetres. */
  readonly originX: number;
  readonly originY: number;
  /** Turned a quarter turn counter-clockwise: the bar runs north–south, its rooms face east and west. */
  readonly rotated: boolean;
  readonly section: Section;
  readonly floors: readonly FloorPlan[];
  /** For each AHU, the levels it serves (contiguous). */
  readonly ahus: readonly (readonly number[])[];
  readonly lifts: number;
}

const sensorsByType: Readonly<Record<RoomType, readonly SensorKind[]>> = {
  office: ['temp', 'rh', 'co2', 'occ'],
  openOffice: ['temp', 'rh', 'co2', 'occ'],
  meeting: ['temp', 'rh', 'co2', 'occ'],
  lab: ['temp', 'rh', 'co2', 'occ'],
  classroom: ['temp', 'rh', 'co2', 'occ'],
  lectureHall: ['temp', 'rh', 'co2', 'occ'],
  kitchen: ['temp', 'co2', 'occ'],
  lobby: ['temp', 'occ'],
  corridor: ['temp'],
  toilet: ['temp'],
  technical: ['temp', 'rh'],
  storage: [],
  stairwell: [],
};

/** Rooms no VAV box serves (smoke-ventilated stairs). */
const unventilated: ReadonlySet<RoomType> = new Set(['stairwell']);

const buildingTypes = weights<BuildingType>({ office: 4, laboratory: 2, teaching: 2, mixed: 2 });

/** Storey counts, as often as they should come up. */
const storeyChoices = [2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8];

const buildingId = (index: number) => `campus-b${pad(index + 1, 3)}`;

/** Groups a band's ventilated rooms, west to east, into zones of one to three rooms. */
function zones(random: Random, rooms: readonly RoomPlan[]): RoomPlan[][] {
  const out: RoomPlan[][] = [];
  let zone: RoomPlan[] = [];
  let target = random.int(1, 3);
  for (const room of rooms) {
    const { rect } = room;
    const large = (rect.x1 - rect.x0) * (rect.y1 - rect.y0) >= 4000;
    if (large) {
      if (zone.length > 0) out.push(zone);
      out.push([room]);
      zone = [];
      continue;
    }
    zone.push(room);
    if (zone.length >= target) {
      out.push(zone);
      zone = [];
      target = random.int(1, 3);
    }
  }
  if (zone.length > 0) out.push(zone);
  return out;
}

/** Plans building `index` (0-based) of a campus seeded with `seed`. */
export function planBuilding(seed: number, index: number): BuildingPlan {
  const random = Random.for(seed, 'campus', 'plan', index);
  const id = buildingId(index);
  const type = random.weighted(buildingTypes);
  const length = random.int(36, 84) * 10;
  const section: Section = { length, southDepth: random.int(60, 80), corridorWidth: random.int(18, 24), northDepth: random.int(55, 75) };
  const depth = section.southDepth + section.corridorWidth + section.northDepth;
  const storeys = random.pick(storeyChoices);
  const rotated = random.chance(0.35);
  const column = index % campusColumns;
  const row = Math.floor(index / campusColumns);
  const originX = column * cellSize + 100 + random.int(0, cellSize - 200 - (rotated ? depth : length));
  const originY = row * cellSize + 100 + random.int(0, cellSize - 200 - (rotated ? length : depth));
  const core = planCore(random, length);
  const upperHeight = type === 'laboratory' ? random.int(40, 44) : random.int(34, 40);
  const floors: FloorPlan[] = [];
  let elevation = 0;
  for (let level = 0; level < storeys; level++) {
    const floorId = `${id}-f${pad(level, 2)}`;
    const height = level === 0 ? random.int(40, 45) : upperHeight;
    const rects = layoutFloor(random, type, section, level, core);
    const rooms = rects.map((rect, i) => ({ id: `${floorId}-r${pad(i + 1, 3)}`, number: i + 1, rect, sensors: sensorsByType[rect.type] }));
    const south = rooms.filter((room) => room.rect.y0 === 0 && !unventilated.has(room.rect.type));
    const north = rooms.filter((room) => room.rect.y0 > section.southDepth && !unventilated.has(room.rect.type));
    const corridor = rooms.filter((room) => room.rect.type === 'corridor');
    const groups = [...zones(random, south), ...zones(random, north), corridor];
    const vavs = groups.map((group, i) => ({ id: `${floorId}-vav${pad(i + 1, 2)}`, rooms: group.map((room) => room.id) }));
    floors.push({ id: floorId, level, elevation, height, rooms, vavs });
    elevation += height;
  }
  const ahuCount = Math.ceil(storeys / 3);
  const ahus = Array.from({ length: ahuCount }, (_, k) => floors.filter((floor) => Math.floor((floor.level * ahuCount) / storeys) === k).map((floor) => floor.level));
  const lifts = storeys < 3 ? 0 : storeys >= 6 || length > 700 ? 2 : 1;
  return { index, id, type, originX, originY, rotated, section, floors, ahus, lifts };
}

/** A rectangle of the building's own frame (decimetres) in the campus frame (decimetres). */
export function onSite(plan: BuildingPlan, rect: Pick<RoomRect, 'x0' | 'y0' | 'x1' | 'y1'>): { x0: number; y0: number; x1: number; y1: number } {
  if (!plan.rotated) return { x0: plan.originX + rect.x0, y0: plan.originY + rect.y0, x1: plan.originX + rect.x1, y1: plan.originY + rect.y1 };
  // A quarter turn counter-clockwise: (x, y) → (depth − y, x).
  const depth = plan.section.southDepth + plan.section.corridorWidth + plan.section.northDepth;
  return { x0: plan.originX + depth - rect.y1, y0: plan.originY + rect.x0, x1: plan.originX + depth - rect.y0, y1: plan.originY + rect.x1 };
}

const turned: Readonly<Record<Facade, Facade>> = { south: 'east', east: 'north', north: 'west', west: 'south', none: 'none' };

/** The compass direction of a facade of the building's own frame. */
export const facadeOnSite = (plan: BuildingPlan, facade: Facade): Facade => (plan.rotated ? turned[facade] : facade);

/** How many twins and relationships a building yields (see campus-twins and campus-relationships). */
export function buildingCounts(plan: BuildingPlan): { twins: number; relationships: number } {
  // building, its meter and HVAC meter, AHUs, lifts; relationships: campus contains, 2 per meter,
  // locatedIn per AHU and lift, lift serves per floor.
  let twins = 3 + plan.ahus.length + plan.lifts;
  let relationships = 1 + 4 + plan.ahus.length + plan.lifts * (1 + plan.floors.length);
  for (const floor of plan.floors) {
    // floor, floor meter, VAVs; building contains floor, meter measures + subMeterOf, VAV locatedIn.
    twins += 2 + floor.vavs.length;
    relationships += 3 + floor.vavs.length;
    // each VAV is served by an AHU; each room is served by a VAV (unless unventilated).
    for (const vav of floor.vavs) relationships += 1 + vav.rooms.length;
    for (const room of floor.rooms) {
      // room, light, sensors; floor contains room, light serves, sensor observes.
      twins += 2 + room.sensors.length;
      relationships += 2 + room.sensors.length;
    }
  }
  return { twins, relationships };
}
