// The grid world: `scale` supply regions. In each, power plants feed high-voltage transmission
// lines, lines feed substations (some substations are fed by two lines, some lines reach two
// substations), and each substation feeds its consumers. A tie line from the previous region's
// first plant links each region to the one before. Each region has its own seeded plan.

import { dateBetween, pad, Random, roundTo, weights } from '../util/random';
import { iterable, relationship, type SampleRelationship, type SampleTwin, type SampleWorld } from './world-types';

export const gridModel = (name: string) => `dtmi:twinbench:grid:${name};1`;

type PlantType = 'SolarFarm' | 'WindFarm' | 'GasPlant' | 'HydroPlant';
type ConsumerType = 'ResidentialConsumer' | 'CommercialConsumer' | 'IndustrialConsumer';

interface RegionPlan {
  readonly index: number;
  readonly id: string;
  readonly plants: readonly { readonly id: string; readonly type: PlantType }[];
  /** Each line: the plant feeding it and the substations it feeds. */
  readonly lines: readonly { readonly id: string; readonly plant: string; readonly substations: readonly string[] }[];
  readonly substations: readonly { readonly id: string; readonly consumers: readonly { readonly id: string; readonly type: ConsumerType }[] }[];
}

const plantTypes = weights<PlantType>({ SolarFarm: 3, WindFarm: 3, GasPlant: 2, HydroPlant: 1 });
const consumerTypes = weights<ConsumerType>({ ResidentialConsumer: 16, CommercialConsumer: 3, IndustrialConsumer: 1 });

const operators = ['Northern Grid', 'Valley Power', 'Coastline Energy', 'Meridian Utilities'] as const;

function planRegion(seed: number, index: number): RegionPlan {
  const random = Random.for(seed, 'grid', 'plan', index);
  const id = `grid-r${pad(index + 1, 3)}`;
  // Every region has one plant of each kind (in a random order), and up to three more.
  const kinds = random.shuffled(plantTypes.keys);
  const plants = Array.from({ length: random.int(4, 7) }, (_, p) => ({ id: `${id}-plant${pad(p + 1, 2)}`, type: kinds[p] ?? random.weighted(plantTypes) }));
  const substations = Array.from({ length: random.int(4, 8) }, (_, s) => {
    const subId = `${id}-sub${pad(s + 1, 2)}`;
    const consumers = Array.from({ length: random.int(20, 60) }, (_, c) => ({
      id: `${subId}-c${pad(c + 1, 3)}`,
      type: random.weighted(consumerTypes),
    }));
    return { id: subId, consumers };
  });
  const lines: { id: string; plant: string; substations: string[] }[] = [];
  for (const [s, substation] of substations.entries()) {
    const feeders = random.chance(0.4) ? 2 : 1;
    for (let f = 0; f < feeders; f++) {
      // Round-robin first so every plant feeds a line, then at random.
      const plant = lines.length < plants.length ? plants[lines.length]! : random.pick(plants);
      const reached = [substation.id];
      const next = substations[s + 1];
      if (next && random.chance(0.3)) reached.push(next.id);
      lines.push({ id: `${id}-line${pad(lines.length + 1, 2)}`, plant: plant.id, substations: reached });
    }
  }
  // A plant the round-robin did not reach gets a line of its own.
  for (let p = lines.length; p < plants.length; p++) lines.push({ id: `${id}-line${pad(lines.length + 1, 2)}`, plant: plants[p]!.id, substations: [random.pick(substations).id] });
  // Regions form a chain: from the second on, a tie line fed by the previous region's first plant reaches the first substation.
  if (index > 0) lines.push({ id: `${id}-tie`, plant: `grid-r${pad(index, 3)}-plant01`, substations: [substations[0]!.id] });
  return { index, id, plants, lines, substations };
}

function regionCounts(plan: RegionPlan): { twins: number; relationships: number } {
  const assets = plan.plants.length + plan.lines.length + plan.substations.length;
  let consumers = 0;
  for (const substation of plan.substations) consumers += substation.consumers.length;
  let lineFeeds = 0;
  for (const line of plan.lines) lineFeeds += line.substations.length;
  // contains per asset, plant feeds per line, line feeds, substation feeds per consumer.
  return { twins: 1 + assets + consumers, relationships: assets + plan.lines.length + lineFeeds + consumers };
}

const plantLabel: Readonly<Record<PlantType, string>> = { SolarFarm: 'solar farm', WindFarm: 'wind farm', GasPlant: 'gas plant', HydroPlant: 'hydro plant' };
const sectors = ['retail', 'office', 'hospitality', 'health', 'education'] as const;
const industries = ['chemicals', 'metals', 'food', 'paper', 'automotive'] as const;

type Twin = { -readonly [K in keyof SampleTwin]: SampleTwin[K] };

function* regionTwins(seed: number, plan: RegionPlan): Generator<SampleTwin> {
  const random = Random.for(seed, 'grid', 'values', plan.index);
  const latitude = random.range(46, 56);
  const longitude = random.range(-2, 16);
  const operator = random.pick(operators);
  // Every asset starts with the same fields in the same order (one object shape).
  const asset = (id: string, model: string, name: string): Twin => ({
    $dtId: id,
    $metadata: { $model: gridModel(model) },
    name,
    latitude: roundTo(latitude + random.range(-0.3, 0.3), 5),
    longitude: roundTo(longitude + random.range(-0.4, 0.4), 5),
    operator,
    commissionedOn: dateBetween(random, 1970, 2025),
    inService: random.chance(0.97),
  });
  const regionName = `Region ${plan.index + 1}`;
  let population = 0;
  for (const substation of plan.substations) population += substation.consumers.length * 600;
  yield {
    $dtId: plan.id,
    $metadata: { $model: gridModel('GridRegion') },
    name: regionName,
    latitude: roundTo(latitude, 5),
    longitude: roundTo(longitude, 5),
    area: random.int(200, 2500),
    population,
  };
  for (const [p, plant] of plan.plants.entries()) {
    const twin = asset(plant.id, plant.type, `${regionName} ${plantLabel[plant.type]} ${p + 1}`);
    switch (plant.type) {
      case 'SolarFarm':
        twin.capacity = random.int(5, 150);
        twin.emissionType = 'renewable';
        twin.panelArea = (twin.capacity as number) * 5500;
        twin.tilt = random.int(15, 35);
        break;
      case 'WindFarm':
        twin.turbineCount = random.int(4, 60);
        twin.capacity = roundTo((twin.turbineCount as number) * random.pick([3, 4.2, 5]), 1);
        twin.emissionType = 'renewable';
        twin.hubHeight = random.int(80, 140);
        break;
      case 'GasPlant':
        twin.capacity = random.int(10, 80) * 10;
        twin.emissionType = 'fossil';
        twin.efficiency = random.round(0.38, 0.6, 2);
        twin.rampRate = random.int(5, 40);
        break;
      case 'HydroPlant':
        twin.capacity = random.int(20, 500);
        twin.emissionType = 'renewable';
        twin.reservoirVolume = random.int(5, 800) * 1_000_000;
        twin.head = random.int(20, 400);
        break;
    }
    yield twin;
  }
  const lineVoltage = new Map<string, number>();
  for (const [l, line] of plan.lines.entries()) {
    const tie = line.id.endsWith('-tie');
    const voltage = tie ? 380 : random.pick([110, 220, 380]);
    for (const substation of line.substations) if (!lineVoltage.has(substation)) lineVoltage.set(substation, voltage);
    const twin = asset(line.id, 'TransmissionLine', tie ? `${regionName} tie line from Region ${plan.index}` : `${regionName} line ${l + 1}`);
    twin.voltage = voltage;
    twin.length = random.round(5, 120, 1);
    twin.thermalRating = voltage === 380 ? random.int(1200, 1800) : voltage === 220 ? random.int(400, 800) : random.int(100, 250);
    yield twin;
  }
  for (const [s, substation] of plan.substations.entries()) {
    const station = asset(substation.id, 'Substation', `${regionName} substation ${s + 1}`);
    station.primaryVoltage = lineVoltage.get(substation.id) ?? 110;
    station.secondaryVoltage = random.pick([10, 20]);
    station.transformerRating = random.pick([40, 63, 100, 160]);
    yield station;
    for (const [c, consumer] of substation.consumers.entries()) {
      const twin = asset(consumer.id, consumer.type, `${regionName} substation ${s + 1} consumer ${c + 1}`);
      const hours = random.int(1500, 5000);
      if (consumer.type === 'ResidentialConsumer') {
        const households = random.int(50, 400);
        twin.contractedPower = households * 5;
        twin.annualConsumption = roundTo((households * 5 * hours * 0.2) / 1000, 1);
        twin.households = households;
      } else if (consumer.type === 'CommercialConsumer') {
        const contractedPower = random.int(5, 200) * 10;
        twin.contractedPower = contractedPower;
        twin.annualConsumption = roundTo((contractedPower * hours * 0.4) / 1000, 1);
        twin.floorArea = contractedPower * 20;
        twin.sector = random.pick(sectors);
      } else {
        const contractedPower = random.int(10, 200) * 100;
        twin.contractedPower = contractedPower;
        twin.annualConsumption = roundTo((contractedPower * hours * 0.6) / 1000, 1);
        twin.industry = random.pick(industries);
        twin.interruptible = random.chance(0.3);
      }
      yield twin;
    }
  }
}

function* regionRelationships(plan: RegionPlan): Generator<SampleRelationship> {
  for (const plant of plan.plants) yield relationship(plan.id, 'contains', plant.id);
  for (const line of plan.lines) yield relationship(plan.id, 'contains', line.id);
  for (const substation of plan.substations) yield relationship(plan.id, 'contains', substation.id);
  for (const line of plan.lines) {
    yield relationship(line.plant, 'feeds', line.id);
    for (const substation of line.substations) yield relationship(line.id, 'feeds', substation);
  }
  for (const substation of plan.substations) for (const consumer of substation.consumers) yield relationship(substation.id, 'feeds', consumer.id);
}

function* plans(seed: number, scale: number): Generator<RegionPlan> {
  for (let index = 0; index < scale; index++) yield planRegion(seed, index);
}

export function gridWorld(scale: number, seed: number): SampleWorld {
  let twins = 0;
  let relationships = 0;
  for (const plan of plans(seed, scale)) {
    const counts = regionCounts(plan);
    twins += counts.twins;
    relationships += counts.relationships;
  }
  const used = ['CommercialConsumer', 'GasPlant', 'GridRegion', 'HydroPlant', 'IndustrialConsumer', 'ResidentialConsumer', 'SolarFarm', 'Substation', 'TransmissionLine', 'WindFarm'];
  return {
    name: 'grid',
    scale,
    seed,
    modelIds: used.map(gridModel),
    counts: { twins, relationships },
    twins: iterable(function* () {
      for (const plan of plans(seed, scale)) yield* regionTwins(seed, plan);
    }),
    relationships: iterable(function* () {
      for (const plan of plans(seed, scale)) yield* regionRelationships(plan);
    }),
  };
}
