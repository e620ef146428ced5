// The campus world: a site with `scale` buildings on a grid of ten per row. Each building comes
// from its own seeded plan, so building n is the same at every scale.

import { buildingCounts, campusColumns, cellSize, planBuilding, type BuildingPlan } from './campus-plan';
import { buildingTwins, campusModel, rectFootprint, sensorModels } from './campus-twins';
import { Random } from '../util/random';
import { iterable, relationship, type SampleRelationship, type SampleTwin, type SampleWorld } from './world-types';

const campusId = 'campus';
const campusMeterId = 'campus-meter';

/** Every relationship of one building, in the order of its twins. */
function* buildingRelationships(plan: BuildingPlan): Generator<SampleRelationship> {
  const { id } = plan;
  yield relationship(campusId, 'contains', id);
  yield relationship(`${id}-meter`, 'measures', id);
  yield relationship(`${id}-meter`, 'subMeterOf', campusMeterId);
  yield relationship(`${id}-hvac-meter`, 'measures', id);
  yield relationship(`${id}-hvac-meter`, 'subMeterOf', `${id}-meter`);
  for (const [k, levels] of plan.ahus.entries()) {
    const ahu = `${id}-ahu${k + 1}`;
    yield relationship(ahu, 'locatedIn', id);
    for (const level of levels) for (const vav of plan.floors[level]!.vavs) yield relationship(ahu, 'serves', vav.id);
  }
  for (let k = 0; k < plan.lifts; k++) {
    const lift = `${id}-lift${k + 1}`;
    yield relationship(lift, 'locatedIn', id);
    for (const floor of plan.floors) yield relationship(lift, 'serves', floor.id);
  }
  for (const floor of plan.floors) {
    yield relationship(id, 'contains', floor.id);
    yield relationship(`${floor.id}-meter`, 'measures', floor.id);
    yield relationship(`${floor.id}-meter`, 'subMeterOf', `${id}-meter`);
    for (const vav of floor.vavs) {
      yield relationship(vav.id, 'locatedIn', floor.id);
      for (const room of vav.rooms) yield relationship(vav.id, 'serves', room);
    }
    for (const room of floor.rooms) {
      yield relationship(floor.id, 'contains', room.id);
      yield relationship(`${room.id}-light`, 'serves', room.id);
      for (const kind of room.sensors) yield relationship(`${room.id}-${kind}`, 'observes', room.id);
    }
  }
}

function* plans(seed: number, scale: number): Generator<BuildingPlan> {
  for (let index = 0; index < scale; index++) yield planBuilding(seed, index);
}

function campusTwins(seed: number, scale: number): SampleTwin[] {
  const random = Random.for(seed, 'campus', 'site');
  const columns = Math.min(scale, campusColumns);
  const rows = Math.ceil(scale / campusColumns);
  const outline = { x0: 0, y0: 0, x1: columns * cellSize, y1: rows * cellSize };
  const area = (outline.x1 * outline.y1) / 100;
  return [
    {
      $dtId: campusId,
      $metadata: { $model: campusModel('Campus') },
      name: 'Twinbench Campus',
      area,
      footprint: rectFootprint(outline),
      latitude: random.round(45, 55, 5),
      longitude: random.round(-2, 15, 5),
    },
    {
      $dtId: campusMeterId,
      $metadata: { $model: campusModel('ElectricityMeter') },
      name: 'Campus main meter',
      manufacturer: 'Voltan',
      serialNumber: 'EM-CAMPUS',
      commissionedOn: '2015-01-05',
      nominalVoltage: 10000,
      ratedCurrent: 630,
    },
  ];
}

export function campusWorld(scale: number, seed: number): SampleWorld {
  let twins = 2;
  let relationships = 1;
  for (const plan of plans(seed, scale)) {
    const counts = buildingCounts(plan);
    twins += counts.twins;
    relationships += counts.relationships;
  }
  const modelIds = ['AirHandlingUnit', 'Building', 'Campus', 'ElectricityMeter', 'Elevator', 'Floor', 'Light', 'Room', 'VariableAirVolumeBox'].map(campusModel);
  return {
    name: 'campus',
    scale,
    seed,
    modelIds: [...modelIds, ...Object.values(sensorModels)].sort(),
    counts: { twins, relationships },
    twins: iterable(function* () {
      yield* campusTwins(seed, scale);
      for (const plan of plans(seed, scale)) yield* buildingTwins(seed, plan);
    }),
    relationships: iterable(function* () {
      yield relationship(campusMeterId, 'measures', campusId);
      for (const plan of plans(seed, scale)) yield* buildingRelationships(plan);
    }),
  };
}
