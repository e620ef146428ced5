import type { TelemetryRule } from '../../../src-shared/contract';
import type { SampleWorldName } from './world-types';

const campus = (name: string) => `dtmi:twinbench:campus:${name};1`;

/** The rules that bring a sample world to life: readings of its sensors become room state. */
export function sampleRules(world: SampleWorldName): TelemetryRule[] {
  if (world !== 'campus') return [];
  return [
    { id: 'room-temperature', fromModel: campus('TemperatureSensor'), telemetry: 'temperature', via: 'observes', property: 'temperature' },
    { id: 'room-humidity', fromModel: campus('HumiditySensor'), telemetry: 'relativeHumidity', via: 'observes', property: 'relativeHumidity' },
    { id: 'room-co2', fromModel: campus('CO2Sensor'), telemetry: 'co2', via: 'observes', property: 'co2' },
    { id: 'room-occupancy', fromModel: campus('OccupancySensor'), telemetry: 'occupancy', via: 'observes', property: 'occupancy' },
  ];
}
