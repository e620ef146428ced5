// Binds the live graph to physics: zone twins become 5R1C zones with occupancy and loads, AHUs and
// VAVs become their plant, following the workspace's mapping. Problems are collected and located
// (twin id and property path) and thrown together before anything runs.
import { EngineError, ErrorCode, type RoomTypeDefaults, type Scenario, type SimMapping } from '../../../../src-shared/contract';
import { AIR_HEAT_CAPACITY } from '../physics';
import { namedTwins } from '../scenario/check-scenario';
import { Problems } from '../scenario/problems';
import type { BoundAhu, BoundModel, BoundVav, BoundZone, Facade } from './bound-model';
import type { GraphSnapshot } from './graph-snapshot';

const facades = new Set<Facade>(['north', 'south', 'east', 'west', 'none']);

/** The value at a dot-separated path of a twin (into components), or undefined. */
export function valueAt(twin: Record<string, unknown>, path: string | undefined): unknown {
  if (!path) return undefined;
  let value: unknown = twin;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** ISO 13790 Table 12: A_m/A_f for the class nearest the given κ_m (J/(m²·K)). */
export function massAreaFactorOf(capacityPerArea: number): number {
  if (capacityPerArea >= 315_000) return 3.5;
  if (capacityPerArea >= 212_500) return 3;
  return 2.5;
}

/** Reads numeric properties of one twin, reporting non-physical values at `twinId.path`. */
function reader(problems: Problems, id: string, twin: Record<string, unknown>) {
  return (path: string | undefined, fallback: number, range: { min: number; max: number; minExclusive?: boolean }): number => {
    const value = valueAt(twin, path);
    if (value === undefined || value === null) return fallback;
    const checked = problems.number(`twins.${id}.${path}`, value, range);
    return checked ?? fallback;
  };
}

/** The zones each twin is, contains or serves, following contains and serves downwards. */
function zonesBelow(start: string, snapshot: GraphSnapshot, zoneIndex: ReadonlyMap<string, number>, mapping: SimMapping): number[] {
  const seen = new Set([start]);
  const queue = [start];
  const found: number[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const zone = zoneIndex.get(id);
    if (zone !== undefined) found.push(zone);
    for (const edge of snapshot.edges.get(id) ?? []) {
      if ((edge.name === mapping.containsRelationship || edge.name === mapping.servesRelationship) && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return found.sort((a, b) => a - b);
}

function roomDefaults(mapping: SimMapping, type: unknown): { name: string; defaults: RoomTypeDefaults } {
  const name = typeof type === 'string' && Object.hasOwn(mapping.roomTypes, type) ? type : mapping.defaultRoomType;
  return { name, defaults: mapping.roomTypes[name]! };
}

/** The plant: AHUs, the VAVs they serve, and which VAV serves each zone twin. */
function bindPlant(snapshot: GraphSnapshot, mapping: SimMapping, problems: Problems) {
  const airflowScale = mapping.units.airflow === 'm3/h' ? 1 / 3600 : 1;
  const fanScale = mapping.units.fanPower === 'kW' ? 1000 : 1;
  const ahuTwins = snapshot.twinsOf(mapping.ahuModels);
  const vavTwins = snapshot.twinsOf(mapping.vavModels);
  const ahus: BoundAhu[] = [];
  const ahuOfVav = new Map<string, number>();
  const nominalAirflow: number[] = [];
  for (const [id, twin] of ahuTwins) {
    const read = reader(problems, id, twin);
    const index = ahus.length;
    nominalAirflow.push(read(mapping.ahuProperties.airflow, 0, { min: 0, max: 1e7 }) * airflowScale);
    ahus.push({
      id,
      fanPower: read(mapping.ahuProperties.fanPower, Number.NaN, { min: 0, max: 1e7 }) * fanScale,
      heatRecoveryEfficiency: read(mapping.ahuProperties.heatRecoveryEfficiency, 0, { min: 0, max: 1 }),
      supplyTemperature: read(mapping.ahuProperties.supplyTemperature, 16, { min: 5, max: 30 }),
    });
    for (const edge of snapshot.edges.get(id) ?? []) if (edge.name === mapping.servesRelationship && vavTwins.has(edge.target)) ahuOfVav.set(edge.target, index);
  }
  const vavs: BoundVav[] = [];
  const vavOfZone = new Map<string, number>();
  for (const [id, twin] of vavTwins) {
    const read = reader(problems, id, twin);
    const index = vavs.length;
    vavs.push({
      id,
      ahu: ahuOfVav.get(id) ?? -1,
      maxAirflow: read(mapping.vavProperties.maxAirflow, Number.NaN, { min: 0, max: 1e6 }) * airflowScale,
      hasReheat: valueAt(twin, mapping.vavProperties.hasReheat) === true,
    });
    for (const edge of snapshot.edges.get(id) ?? []) if (edge.name === mapping.servesRelationship) vavOfZone.set(edge.target, index);
  }
  return { ahus, vavs, vavOfZone, nominalAirflow };
}

/** U of an internal partition, floor or ceiling between two rooms, W/(m²·K): a light wall or a slab, both surface resistances included. */
const INTERNAL_U = 1.5;

/**
 * What a room exchanges with the rooms around it (W/K): its partitions (the perimeter of a square
 * of its floor area, times its height, less its exterior walls and windows) and its floor and
 * ceiling where they are not ground or roof, at INTERNAL_U.
 */
export function adjacentConductance(floorArea: number, volume: number, exteriorArea: number, roofArea: number, groundArea: number): number {
  const partitions = Math.max(0, 4 * Math.sqrt(floorArea) * (volume / floorArea) - exteriorArea);
  const slabs = Math.max(0, 2 * floorArea - roofArea - groundArea);
  return INTERNAL_U * (partitions + slabs);
}

interface ZoneDraft extends Omit<BoundZone, 'params' | 'fanPowerDesign' | 'ahu' | 'building'> {
  readonly params: BoundZone['params'];
}

function bindZone(id: string, twin: Record<string, unknown>, mapping: SimMapping, problems: Problems, vav: number): ZoneDraft {
  const p = mapping.zoneProperties;
  const read = reader(problems, id, twin);
  const { name: roomType, defaults } = roomDefaults(mapping, valueAt(twin, p.roomType));
  const floorArea = read(p.floorArea, Number.NaN, { min: 0, minExclusive: true, max: 1e6 });
  if (Number.isNaN(floorArea) && valueAt(twin, p.floorArea) === undefined) problems.add(`twins.${id}.${p.floorArea}`, 'is missing: a zone needs its floor area');
  const height = read(p.height, 3, { min: 0, minExclusive: true, max: 100 });
  const volume = read(p.volume, floorArea * height, { min: 0, minExclusive: true, max: 1e8 });
  const windowArea = read(p.windowArea, 0, { min: 0, max: 1e6 });
  const wallArea = read(p.wallArea, 0, { min: 0, max: 1e6 });
  const roofArea = read(p.roofArea, 0, { min: 0, max: 1e6 });
  const groundArea = read(p.groundArea, 0, { min: 0, max: 1e6 });
  const uRange = { min: 0, max: 10 };
  const opaqueArea = wallArea + roofArea + groundArea;
  const ua = wallArea * read(p.wallU, 0.3, uRange) + roofArea * read(p.roofU, 0.2, uRange) + groundArea * read(p.groundU, 0.3, uRange);
  const capacity = read(p.thermalCapacity, 165, { min: 10, max: 1000 }) * 1000;
  const heatingSetpoint = read(p.heatingSetpoint, defaults.heatingSetpoint, { min: 5, max: 35 });
  const coolingSetpoint = Math.max(heatingSetpoint, read(p.coolingSetpoint, defaults.coolingSetpoint, { min: 5, max: 40 }));
  const peopleMax = read(p.capacity, defaults.areaPerPerson > 0 ? Math.floor(floorArea / defaults.areaPerPerson) : 0, { min: 0, max: 1e5 });
  const facade = valueAt(twin, p.facadeOrientation);
  const temperature = read(p.temperature, heatingSetpoint, { min: -50, max: 60 });
  return {
    id,
    roomType,
    params: {
      floorArea,
      volume,
      windowArea,
      windowU: read(p.windowU, 1.4, uRange),
      opaqueArea,
      opaqueU: opaqueArea > 0 ? ua / opaqueArea : 0,
      ventilationAch: 0,
      infiltrationAch: read(p.infiltrationAch, 0.2, { min: 0, max: 20 }),
      thermalCapacityPerFloorArea: capacity,
      massAreaFactor: massAreaFactorOf(capacity),
      heatingSetpoint,
      coolingSetpoint,
      initialMassTemperature: Math.min(40, Math.max(0, temperature)),
    },
    peopleMax,
    occupancyFraction: defaults.occupancyFraction,
    occupiedFrom: defaults.occupiedFrom,
    occupiedUntil: defaults.occupiedUntil,
    occupiedDays: defaults.occupiedDays,
    lightingPowerDensity: defaults.lightingPowerDensity,
    equipmentPowerDensity: defaults.equipmentPowerDensity,
    metabolicRate: defaults.metabolicRate,
    ventilationAch: vav >= 0 ? defaults.ventilationAch : 0,
    heatingSetpoint,
    coolingSetpoint,
    setbackHeatingSetpoint: Math.min(heatingSetpoint, 16),
    windowArea,
    gValue: read(p.gValue, 0.6, { min: 0, max: 1 }) * 0.9,
    facade: typeof facade === 'string' && facades.has(facade as Facade) ? (facade as Facade) : 'none',
    vav,
    initialCo2: read(p.co2, 420, { min: 300, max: 10_000 }),
    adjacentConductance: Number.isFinite(floorArea) ? adjacentConductance(floorArea, volume, wallArea + windowArea, roofArea, groundArea) : 0,
  };
}

/** Each zone's building: the container of its container (or its container), numbered in order of first appearance; −1 for none. */
function buildingsOf(snapshot: GraphSnapshot, mapping: SimMapping, zoneIds: readonly string[]): number[] {
  const parent = new Map<string, string>();
  for (const [source, edges] of snapshot.edges) for (const edge of edges) if (edge.name === mapping.containsRelationship) parent.set(edge.target, source);
  const numbers = new Map<string, number>();
  return zoneIds.map((id) => {
    const container = parent.get(id);
    if (container === undefined) return -1;
    const building = parent.get(container) ?? container;
    if (!numbers.has(building)) numbers.set(building, numbers.size);
    return numbers.get(building)!;
  });
}

/** Windows without movable shading. */
const noShading = { threshold: Number.POSITIVE_INFINITY, factor: 1 };

/**
 * Binds the graph to physics for `scenario`. Missing twins are TwinNotFound, non-physical
 * properties InvalidArgument; both list every problem located in `details.problems`.
 */
export function bindGraph(snapshot: GraphSnapshot, mapping: SimMapping, scenario: Scenario): BoundModel {
  const missing = new Problems();
  for (const { path, id } of namedTwins(scenario)) if (!snapshot.exists(id)) missing.add(path, `there is no twin ${id}`);
  if (missing.list.length > 0) {
    const first = missing.list[0]!;
    throw new EngineError(ErrorCode.TwinNotFound, `The scenario names twins the graph does not have: ${first.path}: ${first.message}${missing.list.length > 1 ? ` (and ${missing.list.length - 1} more)` : ''}.`, { problems: missing.list });
  }
  const problems = new Problems();
  const plant = bindPlant(snapshot, mapping, problems);
  const zoneTwins = snapshot.twinsOf(mapping.zoneModels);
  const allIndex = new Map([...zoneTwins.keys()].map((id, i) => [id, i]));
  let selected = [...zoneTwins.keys()];
  if (scenario.scope) {
    const inScope = new Set<number>();
    scenario.scope.forEach((id, i) => {
      const below = zonesBelow(id, snapshot, allIndex, mapping);
      if (below.length === 0) problems.add(`scope[${i}]`, `twin ${id} is not a zone and contains or serves none`);
      for (const zone of below) inScope.add(zone);
    });
    selected = selected.filter((_, i) => inScope.has(i));
  }
  if (selected.length === 0 && problems.list.length === 0) problems.add('scope', `the graph has no zones (twins of ${mapping.zoneModels.join(', ')})`);
  const drafts = selected.map((id) => bindZone(id, zoneTwins.get(id)!, mapping, problems, plant.vavOfZone.get(id) ?? -1));
  problems.throwIfAny('The graph cannot be simulated as it is');
  const zones = attachPlant(drafts, buildingsOf(snapshot, mapping, selected), plant.ahus, plant.vavs, plant.nominalAirflow);
  const zoneIndex = new Map(zones.map((zone, i) => [zone.id, i]));
  const targets: Record<string, number[]> = {};
  const unreached = new Problems();
  (scenario.interventions ?? []).forEach((intervention, i) => {
    if (!('target' in intervention) || intervention.target === undefined) return;
    const below = zonesBelow(intervention.target, snapshot, zoneIndex, mapping);
    if (below.length === 0) unreached.add(`interventions[${i}].target`, `twin ${intervention.target} is not a simulated zone and contains or serves none`);
    targets[intervention.target] = below;
  });
  unreached.throwIfAny('The scenario cannot be bound to the graph');
  return { zones, ahus: plant.ahus, vavs: plant.vavs, targets, heatingCop: mapping.heatingCop, coolingCop: mapping.coolingCop, solarShading: mapping.solarShading ?? noShading, ...(snapshot.site ? { site: snapshot.site } : {}) };
}

/**
 * Places each zone in its building, splits each VAV's airflow among its zones by volume, gives each zone its share of its AHU's fan
 * and a cooling capacity of ρc·V̇·(θ_cool − θ_supply); zones without a VAV are heated, not cooled.
 */
function attachPlant(drafts: readonly ZoneDraft[], buildings: readonly number[], ahus: readonly BoundAhu[], vavs: readonly BoundVav[], nominalAirflow: readonly number[]): BoundZone[] {
  const vavVolume = new Float64Array(vavs.length);
  for (const zone of drafts) if (zone.vav >= 0) vavVolume[zone.vav]! += zone.params.volume;
  // A VAV without an airflow property gets four air changes an hour of its zones.
  const vavAirflow = vavs.map((vav, i) => (Number.isFinite(vav.maxAirflow) && vav.maxAirflow > 0 ? vav.maxAirflow : (vavVolume[i]! * 4) / 3600));
  const ahuAirflow = new Float64Array(ahus.length);
  vavs.forEach((vav, i) => {
    if (vav.ahu >= 0) ahuAirflow[vav.ahu]! += vavAirflow[i]!;
  });
  return drafts.map((zone, i) => {
    const vav = zone.vav >= 0 ? vavs[zone.vav]! : undefined;
    const ahuIndex = vav?.ahu ?? -1;
    const ahu = ahuIndex >= 0 ? ahus[ahuIndex]! : undefined;
    const airflow = vav ? (vavAirflow[zone.vav]! * zone.params.volume) / Math.max(vavVolume[zone.vav]!, 1e-9) : 0;
    const ahuFlow = ahuIndex >= 0 ? Math.max(ahuAirflow[ahuIndex]!, nominalAirflow[ahuIndex] ?? 0) : 0;
    const fanPower = ahu ? (Number.isFinite(ahu.fanPower) ? ahu.fanPower : 1500 * ahuFlow) : 0;
    const supply = ahu?.supplyTemperature ?? 16;
    return {
      ...zone,
      ahu: ahu ? ahuIndex : -1,
      params: {
        ...zone.params,
        heatRecoveryEfficiency: ahu?.heatRecoveryEfficiency ?? 0,
        maxCoolingPower: ahu ? AIR_HEAT_CAPACITY * airflow * Math.max(0, zone.coolingSetpoint - supply) : 0,
      },
      fanPowerDesign: ahu && ahuFlow > 0 ? (fanPower * airflow) / ahuFlow : 0,
      ventilationAch: ahu ? zone.ventilationAch : 0,
      building: buildings[i] ?? -1,
    };
  });
}
