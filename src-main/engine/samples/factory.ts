// The factory world: `scale` production sites, each with lines of machines in flow order
// (machine `feeds` the next station), condition-monitoring sensors on the machines, and a tree of
// electricity meters (site → line → machine). Each site comes from its own seeded plan.

import { dateBetween, pad, Random, roundTo, weights } from '../util/random';
import { iterable, relationship, type SampleRelationship, type SampleTwin, type SampleWorld } from './world-types';

export const factoryModel = (name: string) => `dtmi:twinbench:factory:${name};1`;

type MachineType = 'cnc' | 'press' | 'robot' | 'welder' | 'oven' | 'conveyor' | 'inspection' | 'packer';
type LineKind = 'machining' | 'body' | 'assembly' | 'finishing';
type SensorKind = 'vib' | 'temp' | 'pres' | 'speed';

/** Stations of each kind of line; the starred one repeats to make the line longer. */
const lineTemplates: Readonly<Record<LineKind, { readonly stations: readonly MachineType[]; readonly repeat: number; readonly products: readonly string[] }>> = {
  machining: { stations: ['conveyor', 'cnc', 'robot', 'inspection', 'packer'], repeat: 1, products: ['gear housing', 'pump shaft', 'valve body', 'brake caliper'] },
  body: { stations: ['press', 'welder', 'robot', 'conveyor', 'inspection'], repeat: 1, products: ['door panel', 'side frame', 'bracket', 'enclosure'] },
  assembly: { stations: ['conveyor', 'robot', 'inspection', 'packer'], repeat: 1, products: ['e-bike drive', 'heat pump', 'control cabinet', 'gearbox'] },
  finishing: { stations: ['conveyor', 'robot', 'oven', 'inspection', 'packer'], repeat: 2, products: ['coated panel', 'painted housing', 'cured composite'] },
};

const sensorsOf: Readonly<Record<MachineType, readonly SensorKind[]>> = {
  cnc: ['vib', 'temp', 'speed'],
  press: ['pres', 'vib'],
  robot: ['vib', 'temp'],
  welder: ['temp'],
  oven: ['temp', 'temp'],
  conveyor: ['speed'],
  inspection: ['temp'],
  packer: ['vib'],
};

const ratedPowerOf: Readonly<Record<MachineType, readonly [number, number]>> = {
  cnc: [15, 60],
  press: [40, 250],
  robot: [5, 15],
  welder: [20, 80],
  oven: [60, 300],
  conveyor: [2, 8],
  inspection: [1, 5],
  packer: [3, 12],
};

const sensorModel: Readonly<Record<SensorKind, string>> = {
  vib: factoryModel('VibrationSensor'),
  temp: factoryModel('TemperatureSensor'),
  pres: factoryModel('PressureSensor'),
  speed: factoryModel('SpeedSensor'),
};

const lineKinds = weights<LineKind>({ machining: 4, body: 2, assembly: 3, finishing: 2 });
const lineStatuses = weights({ running: 8, idle: 1, changeover: 1, maintenance: 1 });
const machineStates = weights({ running: 12, idle: 2, down: 1, maintenance: 1 });

const manufacturers = ['Hollmann', 'Kestrel Systems', 'Arvo Robotics', 'Tessin', 'Brightfield', 'Okada Works'] as const;

interface MachinePlan {
  readonly id: string;
  readonly type: MachineType;
  readonly ratedPower: number;
  /** Sensor id suffixes (`vib`, `temp1`, `temp2`, …) and kinds. */
  readonly sensors: readonly { readonly suffix: string; readonly kind: SensorKind }[];
  readonly metered: boolean;
}

interface LinePlan {
  readonly id: string;
  readonly kind: LineKind;
  readonly machines: readonly MachinePlan[];
}

interface FactoryPlan {
  readonly index: number;
  readonly id: string;
  readonly lines: readonly LinePlan[];
}

function planFactory(seed: number, index: number): FactoryPlan {
  const random = Random.for(seed, 'factory', 'plan', index);
  const id = `factory-${pad(index + 1, 3)}`;
  const lines: LinePlan[] = [];
  // One line of each kind (in a random order), then more at random.
  const kinds = random.shuffled(lineKinds.keys);
  const lineCount = random.int(6, 12);
  for (let l = 0; l < lineCount; l++) {
    const lineId = `${id}-l${pad(l + 1, 2)}`;
    const kind = kinds[l] ?? random.weighted(lineKinds);
    const template = lineTemplates[kind];
    const stations = [...template.stations];
    const extra = random.int(1, 5);
    for (let i = 0; i < extra; i++) stations.splice(template.repeat, 0, template.stations[template.repeat]!);
    const machines = stations.map((type, m): MachinePlan => {
      const machineId = `${lineId}-m${pad(m + 1, 2)}`;
      const sensorKinds = sensorsOf[type];
      // Repeated kinds are numbered in order: temp1, temp2.
      const sensors = sensorKinds.map((kind, i) => {
        const repeated = sensorKinds.filter((k) => k === kind).length > 1;
        return { kind, suffix: repeated ? `${kind}${sensorKinds.slice(0, i + 1).filter((k) => k === kind).length}` : kind };
      });
      const [min, max] = ratedPowerOf[type];
      return { id: machineId, type, ratedPower: random.round(min, max, 1), sensors, metered: type !== 'conveyor' && type !== 'inspection' };
    });
    lines.push({ id: lineId, kind, machines });
  }
  return { index, id, lines };
}

function factoryCounts(plan: FactoryPlan): { twins: number; relationships: number } {
  let twins = 2; // the factory and its meter
  let relationships = 1; // meter measures factory
  for (const line of plan.lines) {
    twins += 2; // line and its meter
    relationships += 3; // factory contains line, meter measures + subMeterOf
    for (const [m, machine] of line.machines.entries()) {
      twins += 1 + machine.sensors.length + (machine.metered ? 1 : 0);
      relationships += 1 + (m < line.machines.length - 1 ? 1 : 0) + machine.sensors.length + (machine.metered ? 2 : 0);
    }
  }
  return { twins, relationships };
}

function* factoryTwins(seed: number, plan: FactoryPlan): Generator<SampleTwin> {
  const random = Random.for(seed, 'factory', 'values', plan.index);
  const hours = plan.lines.map(() => random.int(2000, 6500));
  const machineEnergy = (machine: MachinePlan, h: number) => roundTo((machine.ratedPower * h * 0.55) / 1000, 1);
  const lineEnergy = plan.lines.map((line, l) => roundTo(line.machines.reduce((sum, machine) => sum + machineEnergy(machine, hours[l]!), 0) * 1.1, 1));
  const siteArea = random.int(40, 200) * 1000;
  const name = `Plant ${plan.index + 1}`;
  yield {
    $dtId: plan.id,
    $metadata: { $model: factoryModel('Factory') },
    name,
    latitude: random.round(44, 56, 5),
    longitude: random.round(-1, 18, 5),
    siteArea,
    hallArea: Math.round(siteArea * random.range(0.3, 0.5)),
    shiftsPerDay: random.int(1, 3),
  };
  const meter = (id: string, meterName: string, annualEnergy: number): SampleTwin => ({
    $dtId: id,
    $metadata: { $model: factoryModel('ElectricityMeter') },
    name: meterName,
    nominalVoltage: 400,
    annualEnergy,
  });
  yield meter(`${plan.id}-meter`, `Main meter ${name}`, roundTo(lineEnergy.reduce((sum, e) => sum + e, 0) * 1.15, 1));
  for (const [l, line] of plan.lines.entries()) {
    const template = lineTemplates[line.kind];
    const throughput = random.int(20, 240);
    const taktTime = roundTo(3600 / throughput, 1);
    const lineName = `${name} line ${l + 1} (${line.kind})`;
    yield {
      $dtId: line.id,
      $metadata: { $model: factoryModel('ProductionLine') },
      name: lineName,
      product: random.pick(template.products),
      nominalThroughput: throughput,
      taktTime,
      lineStatus: random.weighted(lineStatuses),
    };
    yield meter(`${line.id}-meter`, `Meter ${lineName}`, lineEnergy[l]!);
    for (const [m, machine] of line.machines.entries()) {
      const machineName = `${lineName} station ${m + 1} ${machine.type}`;
      const commissionedOn = dateBetween(random, 2008, 2025);
      yield {
        $dtId: machine.id,
        $metadata: { $model: factoryModel('Machine') },
        name: machineName,
        machineType: machine.type,
        station: m + 1,
        manufacturer: random.pick(manufacturers),
        serialNumber: `${machine.type.toUpperCase()}-${random.int(10_000_000, 99_999_999)}`,
        commissionedOn,
        ratedPower: machine.ratedPower,
        cycleTime: roundTo(taktTime * random.range(0.6, 0.95), 1),
        operatingHours: random.int(500, 60000),
        machineState: random.weighted(machineStates),
      };
      for (const sensor of machine.sensors) {
        const twin: Record<string, unknown> = {
          $dtId: `${machine.id}-${sensor.suffix}`,
          $metadata: { $model: sensorModel[sensor.kind] },
          name: `${sensor.kind === 'vib' ? 'Vibration' : sensor.kind === 'temp' ? 'Temperature' : sensor.kind === 'pres' ? 'Pressure' : 'Speed'} sensor ${machineName}`,
          manufacturer: random.pick(manufacturers),
          samplingInterval: sensor.kind === 'temp' ? 10 : 1,
        };
        if (sensor.kind === 'vib') twin.alarmThreshold = random.round(4, 12, 1);
        else if (sensor.kind === 'temp') twin.alarmThreshold = machine.type === 'oven' ? random.int(200, 260) : random.int(60, 90);
        else if (sensor.kind === 'pres') twin.alarmThreshold = random.int(180, 320);
        else twin.nominalSpeed = machine.type === 'cnc' ? random.int(60, 240) * 100 : random.int(20, 120);
        yield twin as SampleTwin;
      }
      if (machine.metered) yield meter(`${machine.id}-meter`, `Meter ${machineName}`, machineEnergy(machine, hours[l]!));
    }
  }
}

function* factoryRelationships(plan: FactoryPlan): Generator<SampleRelationship> {
  const siteMeter = `${plan.id}-meter`;
  yield relationship(siteMeter, 'measures', plan.id);
  for (const line of plan.lines) {
    const lineMeter = `${line.id}-meter`;
    yield relationship(plan.id, 'contains', line.id);
    yield relationship(lineMeter, 'measures', line.id);
    yield relationship(lineMeter, 'subMeterOf', siteMeter);
    for (const [m, machine] of line.machines.entries()) {
      yield relationship(line.id, 'hasPart', machine.id);
      const next = line.machines[m + 1];
      if (next) yield relationship(machine.id, 'feeds', next.id);
      for (const sensor of machine.sensors) yield relationship(`${machine.id}-${sensor.suffix}`, 'observes', machine.id);
      if (machine.metered) {
        yield relationship(`${machine.id}-meter`, 'measures', machine.id);
        yield relationship(`${machine.id}-meter`, 'subMeterOf', lineMeter);
      }
    }
  }
}

function* plans(seed: number, scale: number): Generator<FactoryPlan> {
  for (let index = 0; index < scale; index++) yield planFactory(seed, index);
}

export function factoryWorld(scale: number, seed: number): SampleWorld {
  let twins = 0;
  let relationships = 0;
  for (const plan of plans(seed, scale)) {
    const counts = factoryCounts(plan);
    twins += counts.twins;
    relationships += counts.relationships;
  }
  return {
    name: 'factory',
    scale,
    seed,
    modelIds: ['ElectricityMeter', 'Factory', 'Machine', 'PressureSensor', 'ProductionLine', 'SpeedSensor', 'TemperatureSensor', 'VibrationSensor'].map(factoryModel),
    counts: { twins, relationships },
    twins: iterable(function* () {
      for (const plan of plans(seed, scale)) yield* factoryTwins(seed, plan);
    }),
    relationships: iterable(function* () {
      for (const plan of plans(seed, scale)) yield* factoryRelationships(plan);
    }),
  };
}
