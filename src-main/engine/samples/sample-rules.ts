import type { Rule } from '../../../src-shared/contract';
import type { SampleWorldName } from './world-types';

const campus = (name: string) => `dtmi:twinbench:campus:${name};1`;

/** A room's comfort: 100 within 21–24 °C, 30–60 % humidity and 800 ppm CO2, falling off outside. */
const roomComfort =
  'round(clamp(100 - 8 * max(0, abs(temperature - 22.5) - 1.5) - 0.5 * max(0, abs(relativeHumidity - 45) - 15) - 0.04 * max(0, co2 - 800), 0, 100), 1)';

/** The rules that bring a sample world to life: readings of its sensors become room state, comfort and its roll-ups. */
export function sampleRules(world: SampleWorldName): Rule[] {
  if (world !== 'campus') return [];
  return [
    { id: 'room-temperature', fromModel: campus('TemperatureSensor'), telemetry: 'temperature', via: 'observes', property: 'temperature' },
    { id: 'room-humidity', fromModel: campus('HumiditySensor'), telemetry: 'relativeHumidity', via: 'observes', property: 'relativeHumidity' },
    { id: 'room-co2', fromModel: campus('CO2Sensor'), telemetry: 'co2', via: 'observes', property: 'co2' },
    { id: 'room-occupancy', fromModel: campus('OccupancySensor'), telemetry: 'occupancy', via: 'observes', property: 'occupancy' },
    { id: 'room-comfort', kind: 'derive', model: campus('Room'), property: 'comfort', expression: roomComfort },
    { id: 'room-co2-alert', kind: 'alert', model: campus('Room'), property: 'co2Alert', raise: 'co2 > 1200', clear: 'co2 < 1000', severity: 'warning', message: 'CO2 above 1200 ppm' },
    { id: 'floor-comfort', kind: 'rollup', model: campus('Floor'), property: 'comfort', path: ['contains'], function: 'avg', source: 'comfort' },
    { id: 'building-comfort', kind: 'rollup', model: campus('Building'), property: 'comfort', path: ['contains'], function: 'avg', source: 'comfort' },
  ];
}
