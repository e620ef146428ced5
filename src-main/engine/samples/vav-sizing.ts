// Design airflow of the sample campus's VAV boxes, as an engineer sizes them: enough cool air to
// hold every room they serve at 24 °C on a clear summer design day, and at least four air changes
// an hour. The loads use the simulation's own defaults for the sample campus (people, lighting and
// equipment by room type, the blinds), so a run on the sample world keeps its rooms in band.
import { defaultSimMapping } from '../sim/binding/default-mapping';
import type { Facade, RoomType } from './floorplan';

/** Peak irradiance on a vertical façade on a clear day at mid latitudes, W/m² (design values; south with the low winter sun). */
const designIrradiance: Readonly<Record<Facade, number>> = { south: 700, east: 650, west: 650, north: 150, none: 0 };
const designOutdoor = 32;
const designRoom = 24;
/** Volumetric heat capacity of air, J/(m³·K). */
const airHeatCapacity = 1.2 * 1006;
/** Sensible heat of a seated person at 1.2 met, W (the runner's 0.6 × metabolic heat). */
const personSensible = 75;
/** What the runner applies to a window's g: the hemispherical correction (0.9) and the frame (0.7). */
const windowFactor = 0.9 * 0.7;

/** What a room's cooling load depends on. */
export interface RoomLoadInput {
  readonly type: RoomType;
  readonly area: number;
  readonly volume: number;
  readonly capacity: number;
  readonly windowArea: number;
  readonly windowU: number;
  readonly wallArea: number;
  readonly wallU: number;
  readonly roofArea: number;
  readonly roofU: number;
  readonly gValue: number;
  readonly facade: Facade;
}

/** Sensible cooling load (W) of a room on the design day: people, lighting, equipment, sun through its (shaded) windows, and conduction. */
export function designCoolingLoad(room: RoomLoadInput): number {
  const defaults = defaultSimMapping.roomTypes[room.type] ?? defaultSimMapping.roomTypes[defaultSimMapping.defaultRoomType]!;
  const internal = room.capacity * personSensible + (defaults.lightingPowerDensity + defaults.equipmentPowerDensity) * room.area;
  const irradiance = designIrradiance[room.facade];
  const shading = defaultSimMapping.solarShading;
  const onWindow = shading && irradiance > shading.threshold ? irradiance * shading.factor : irradiance;
  const solar = room.windowArea * room.gValue * windowFactor * onWindow;
  const conduction = (room.windowArea * room.windowU + room.wallArea * room.wallU + room.roofArea * room.roofU) * (designOutdoor - designRoom);
  return internal + solar + conduction;
}

/**
 * Maximum airflow (m³/h, rounded to 10) of a VAV box serving `rooms` with air at
 * `supplyTemperature` (°C). The simulation shares a box's air among its rooms by volume, so the
 * box is sized for its most loaded room per cubic metre, with a 10 % margin.
 */
export function vavDesignAirflow(rooms: readonly RoomLoadInput[], supplyTemperature: number): number {
  let volume = 0;
  let loadPerVolume = 0;
  for (const room of rooms) {
    volume += room.volume;
    if (room.volume > 0) loadPerVolume = Math.max(loadPerVolume, designCoolingLoad(room) / room.volume);
  }
  const forCooling = (1.1 * loadPerVolume * volume * 3600) / (airHeatCapacity * (designRoom - supplyTemperature));
  return Math.max(100, Math.round(Math.max(4 * volume, forCooling) / 10) * 10);
}
