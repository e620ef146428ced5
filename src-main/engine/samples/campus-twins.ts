// The twins of one campus building, from its plan and its own stream of property values.

import { facadeOnSite, onSite, type BuildingPlan, type FloorPlan, type RoomPlan, type SensorKind } from './campus-plan';
import { exteriorEdges, mainFacade, type BuildingType, type RoomRect, type RoomType } from './floorplan';
import { dateBetween, Random, roundTo, weights } from '../util/random';
import { vavDesignAirflow, type RoomLoadInput } from './vav-sizing';
import type { SampleTwin } from './world-types';

export const campusModel = (name: string) => `dtmi:twinbench:campus:${name};1`;

const models = {
  building: campusModel('Building'),
  floor: campusModel('Floor'),
  room: campusModel('Room'),
  meter: campusModel('ElectricityMeter'),
  ahu: campusModel('AirHandlingUnit'),
  vav: campusModel('VariableAirVolumeBox'),
  light: campusModel('Light'),
  lift: campusModel('Elevator'),
};

export const sensorModels: Readonly<Record<SensorKind, string>> = {
  temp: campusModel('TemperatureSensor'),
  rh: campusModel('HumiditySensor'),
  co2: campusModel('CO2Sensor'),
  occ: campusModel('OccupancySensor'),
};

const sensorCodes: Readonly<Record<SensorKind, string>> = { temp: 'TS', rh: 'HS', co2: 'CS', occ: 'OS' };
const samplingIntervals = [60, 300] as const;

const sensorNames: Readonly<Record<SensorKind, string>> = { temp: 'Temperature sensor', rh: 'Humidity sensor', co2: 'CO2 sensor', occ: 'Occupancy sensor' };

/** Square metres per person, by room type (0: nobody stays there). */
const areaPerPerson: Readonly<Record<RoomType, number>> = {
  office: 10,
  openOffice: 8,
  meeting: 2.5,
  lab: 12,
  classroom: 2,
  lectureHall: 1.2,
  corridor: 0,
  lobby: 5,
  toilet: 0,
  kitchen: 3,
  storage: 0,
  stairwell: 0,
  technical: 0,
};

const typeLabel: Readonly<Record<BuildingType, string>> = { office: 'Office', laboratory: 'Laboratory', teaching: 'Teaching', mixed: 'Commons' };

const detectionMethods = weights({ passiveInfrared: 5, thermopile: 2, camera: 1, wifi: 1 });

const manufacturers = ['Nordlys Controls', 'Kestrel Systems', 'Aerotherm', 'Brightfield', 'Voltan', 'Meridian Air'] as const;

/** A footprint polygon in metres from a campus-frame rectangle in decimetres, counter-clockwise from the south-west corner. */
export function rectFootprint(rect: Pick<RoomRect, 'x0' | 'y0' | 'x1' | 'y1'>): { x: number; y: number }[] {
  const x0 = rect.x0 / 10;
  const y0 = rect.y0 / 10;
  const x1 = rect.x1 / 10;
  const y1 = rect.y1 / 10;
  return [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ];
}

/** Area of a decimetre rectangle in square metres. */
export const rectArea = (rect: Pick<RoomRect, 'x0' | 'y0' | 'x1' | 'y1'>) => ((rect.x1 - rect.x0) * (rect.y1 - rect.y0)) / 100;

type Twin = { -readonly [K in keyof SampleTwin]: SampleTwin[K] };

/** A piece of equipment with its name, manufacturer, serial number and commissioning date; the caller adds the rest. */
function equipment(random: Random, id: string, model: string, name: string, code: string, since: number): Twin {
  return {
    $dtId: id,
    $metadata: { $model: model },
    name,
    manufacturer: random.pick(manufacturers),
    serialNumber: `${code}-${random.int(10_000_000, 99_999_999)}`,
    commissionedOn: dateBetween(random, since, 2025),
  };
}

/** Envelope qualities of a building, by the era it was built in. */
function envelopeOf(random: Random, yearBuilt: number) {
  const modern = yearBuilt >= 2000;
  return {
    wallUValue: modern ? random.round(0.15, 0.3, 2) : random.round(0.4, 1.2, 2),
    windowUValue: modern ? random.round(0.8, 1.4, 1) : random.round(1.6, 2.9, 1),
    roofUValue: modern ? random.round(0.1, 0.2, 2) : random.round(0.3, 0.8, 2),
    groundUValue: modern ? random.round(0.15, 0.3, 2) : random.round(0.4, 0.9, 2),
    windowSolarTransmittance: random.round(0.3, 0.6, 2),
    thermalCapacity: random.pick([80, 110, 165, 260]),
    windowToWallRatio: random.range(0.3, 0.6),
  };
}

type Envelope = ReturnType<typeof envelopeOf>;

/** A room's shell from its plan: area, people, exterior wall and windows (m²), and the façade they face. */
function roomShell(plan: BuildingPlan, floor: FloorPlan, rect: RoomRect, envelope: Envelope) {
  const area = rectArea(rect);
  const capacity = areaPerPerson[rect.type] > 0 ? Math.max(1, Math.floor(area / areaPerPerson[rect.type])) : 0;
  const edges = exteriorEdges(rect, plan.section);
  const grossWall = ((edges.north + edges.south + edges.east + edges.west) * floor.height) / 100;
  const windowArea = rect.type === 'stairwell' || rect.type === 'storage' ? roundTo(grossWall * 0.1, 2) : roundTo(grossWall * envelope.windowToWallRatio, 2);
  return { area, capacity, windowArea, wallArea: roundTo(grossWall - windowArea, 2), facade: facadeOnSite(plan, mainFacade(edges)) };
}

/** What sizing a room's VAV needs of it (volume at the floor's clear height). */
function roomLoadInput(plan: BuildingPlan, floor: FloorPlan, rect: RoomRect, envelope: Envelope, top: boolean): RoomLoadInput {
  const shell = roomShell(plan, floor, rect, envelope);
  return {
    type: rect.type,
    ...shell,
    volume: shell.area * ((floor.height - 9) / 10),
    windowU: envelope.windowUValue,
    wallU: envelope.wallUValue,
    roofArea: top ? shell.area : 0,
    roofU: envelope.roofUValue,
    gValue: envelope.windowSolarTransmittance,
  };
}

function roomTwin(random: Random, plan: BuildingPlan, floor: FloorPlan, room: RoomPlan, envelope: Envelope, top: boolean): SampleTwin {
  const { rect } = room;
  const { area, capacity, windowArea, wallArea, facade } = roomShell(plan, floor, rect, envelope);
  const height = roundTo((floor.height - random.int(7, 10)) / 10, 1);
  const occupancy = capacity > 0 ? random.int(0, Math.ceil(capacity * 0.6)) : 0;
  const lab = rect.type === 'lab';
  return {
    $dtId: room.id,
    $metadata: { $model: models.room },
    name: `B${plan.index + 1} ${floor.level}.${String(room.number).padStart(2, '0')}`,
    area,
    footprint: rectFootprint(onSite(plan, rect)),
    roomType: rect.type,
    height,
    volume: roundTo(area * height, 2),
    capacity,
    temperature: random.round(20.5, 23.5, 1),
    relativeHumidity: random.round(35, 55, 0),
    co2: capacity > 0 ? Math.round(420 + (occupancy / capacity) * random.range(300, 600)) : Math.round(random.range(410, 460)),
    occupancy,
    envelope: {
      $metadata: {},
      exteriorWallArea: wallArea,
      windowArea,
      roofArea: top ? area : 0,
      groundFloorArea: floor.level === 0 ? area : 0,
      facadeOrientation: facade,
      wallUValue: envelope.wallUValue,
      windowUValue: envelope.windowUValue,
      roofUValue: envelope.roofUValue,
      groundUValue: envelope.groundUValue,
      windowSolarTransmittance: envelope.windowSolarTransmittance,
      thermalCapacity: envelope.thermalCapacity,
      infiltrationRate: random.round(0.1, 0.5, 2),
    },
    setpoints: {
      $metadata: {},
      heatingSetpoint: random.pick([20, 20.5, 21]),
      coolingSetpoint: lab ? 24 : random.pick([24, 25, 26]),
      setbackHeatingSetpoint: random.pick([16, 17]),
      minRelativeHumidity: lab ? 40 : 30,
      maxRelativeHumidity: lab ? 55 : 60,
      co2Limit: rect.type === 'classroom' || rect.type === 'lectureHall' ? 1000 : random.pick([800, 1000, 1200]),
      occupiedFrom: random.pick(['07:00:00', '07:30:00', '08:00:00']),
      occupiedUntil: lab ? '22:00:00' : random.pick(['18:00:00', '19:00:00', '20:00:00']),
    },
  };
}

function* roomEquipment(random: Random, room: RoomPlan, name: string, since: number): Generator<SampleTwin> {
  const area = rectArea(room.rect);
  const fixtureCount = Math.max(1, Math.ceil(area / 6));
  const perFixture = random.int(28, 42);
  const light = equipment(random, `${room.id}-light`, models.light, `Lighting ${name}`, 'LG', since);
  light.fixtureCount = fixtureCount;
  light.ratedPower = fixtureCount * perFixture;
  light.luminousFlux = fixtureCount * perFixture * 120;
  light.dimmable = random.chance(0.7);
  yield light;
  for (const kind of room.sensors) {
    const sensor = equipment(random, `${room.id}-${kind}`, sensorModels[kind], `${sensorNames[kind]} ${name}`, sensorCodes[kind], since);
    sensor.samplingInterval = kind === 'occ' ? 60 : random.pick(samplingIntervals);
    if (kind === 'occ') sensor.detectionMethod = random.weighted(detectionMethods);
    yield sensor;
  }
}

/** Every twin of one building: the building, its meters, AHUs and lifts, then floor by floor. */
export function* buildingTwins(seed: number, plan: BuildingPlan): Generator<SampleTwin> {
  const random = Random.for(seed, 'campus', 'values', plan.index);
  const { section } = plan;
  const depth = section.southDepth + section.corridorWidth + section.northDepth;
  const outline = { x0: 0, y0: 0, x1: section.length, y1: depth };
  const floorArea = rectArea(outline);
  const yearBuilt = random.int(1965, 2023);
  const since = Math.max(yearBuilt, 2005);
  const envelope = envelopeOf(random, yearBuilt);
  const intensity = plan.type === 'laboratory' ? random.range(150, 260) : random.range(70, 140);
  const floorEnergy = plan.floors.map(() => Math.round(floorArea * intensity * random.range(0.85, 1.15)));
  const hvacEnergy = Math.round(floorArea * plan.floors.length * random.range(20, 45));
  const label = `${typeLabel[plan.type]} Building ${plan.index + 1}`;
  const top = plan.floors[plan.floors.length - 1]!;
  yield {
    $dtId: plan.id,
    $metadata: { $model: models.building },
    name: label,
    area: floorArea,
    footprint: rectFootprint(onSite(plan, outline)),
    buildingType: plan.type,
    yearBuilt,
    floorCount: plan.floors.length,
    height: (top.elevation + top.height) / 10,
    grossFloorArea: roundTo(floorArea * plan.floors.length, 2),
  };
  const meter = (id: string, name: string, ratedCurrent: number, annualEnergy: number): SampleTwin => {
    const twin = equipment(random, id, models.meter, name, 'EM', since);
    twin.nominalVoltage = 400;
    twin.ratedCurrent = ratedCurrent;
    twin.annualEnergy = annualEnergy;
    return twin;
  };
  yield meter(`${plan.id}-meter`, `Main meter ${label}`, random.pick([630, 800, 1000, 1250, 1600]), floorEnergy.reduce((sum, e) => sum + e, 0) + hvacEnergy);
  yield meter(`${plan.id}-hvac-meter`, `HVAC meter ${label}`, random.pick([160, 250, 400]), hvacEnergy);
  // Supply air of each AHU, then the design airflow of each VAV for the rooms it serves at that supply temperature.
  const supplyTemperatures = plan.ahus.map(() => random.pick([16, 17, 18, 19]));
  const ahuOfLevel = new Map(plan.ahus.flatMap((levels, k) => levels.map((level) => [level, k] as const)));
  const vavAirflow = new Map<string, number>();
  for (const floor of plan.floors) {
    const loads = new Map(floor.rooms.map((room) => [room.id, roomLoadInput(plan, floor, room.rect, envelope, floor === top)]));
    const supply = supplyTemperatures[ahuOfLevel.get(floor.level) ?? 0]!;
    for (const vav of floor.vavs) vavAirflow.set(vav.id, vavDesignAirflow(vav.rooms.map((room) => loads.get(room)!), supply));
  }
  for (const [k, levels] of plan.ahus.entries()) {
    let airflow = 0;
    for (const level of levels) for (const vav of plan.floors[level]!.vavs) airflow += vavAirflow.get(vav.id)!;
    const nominal = Math.round((airflow * 0.8) / 100) * 100;
    const ahu = equipment(random, `${plan.id}-ahu${k + 1}`, models.ahu, `AHU ${k + 1} ${label}`, 'AHU', since);
    ahu.nominalAirflow = nominal;
    ahu.supplyAirTemperatureSetpoint = supplyTemperatures[k]!;
    ahu.fanPower = roundTo((nominal / 3600) * random.range(1.4, 2.2), 1);
    ahu.heatRecoveryEfficiency = random.round(0.6, 0.85, 2);
    yield ahu;
  }
  for (let k = 0; k < plan.lifts; k++) {
    const ratedLoad = random.pick([630, 1000, 1275, 1600]);
    const lift = equipment(random, `${plan.id}-lift${k + 1}`, models.lift, `Lift ${k + 1} ${label}`, 'LIFT', since);
    lift.ratedLoad = ratedLoad;
    lift.ratedSpeed = plan.floors.length > 5 ? 1.6 : 1;
    lift.capacity = Math.floor(ratedLoad / 75);
    yield lift;
  }
  for (const floor of plan.floors) {
    yield {
      $dtId: floor.id,
      $metadata: { $model: models.floor },
      name: `${label}, level ${floor.level}`,
      area: floorArea,
      footprint: rectFootprint(onSite(plan, outline)),
      level: floor.level,
      elevation: floor.elevation / 10,
      height: floor.height / 10,
    };
    yield meter(`${floor.id}-meter`, `Floor meter ${label}, level ${floor.level}`, random.pick([100, 160, 250]), floorEnergy[floor.level]!);
    for (const vav of floor.vavs) {
      const maxAirflow = vavAirflow.get(vav.id)!;
      const box = equipment(random, vav.id, models.vav, `VAV ${vav.id.slice(vav.id.lastIndexOf('vav') + 3)} ${label}, level ${floor.level}`, 'VAV', since);
      box.maxAirflow = maxAirflow;
      box.minAirflow = Math.round((maxAirflow * 0.3) / 10) * 10;
      box.hasReheat = random.chance(0.4);
      yield box;
    }
    for (const room of floor.rooms) {
      const twin = roomTwin(random, plan, floor, room, envelope, floor === top);
      yield twin;
      yield* roomEquipment(random, room, twin.name as string, since);
    }
  }
}
