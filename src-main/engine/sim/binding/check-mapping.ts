// Validation of a model → physics mapping before it is stored or used.
import type { RoomTypeDefaults, SimMapping } from '../../../../src-shared/contract';
import { isObject, Problems } from '../scenario/problems';

function checkRoomType(problems: Problems, path: string, value: unknown): void {
  if (!isObject(value)) return problems.add(path, 'must be an object of room-type defaults');
  const fields = value as Partial<Record<keyof RoomTypeDefaults, unknown>>;
  problems.number(`${path}.areaPerPerson`, fields.areaPerPerson, { min: 0, required: true });
  const from = problems.number(`${path}.occupiedFrom`, fields.occupiedFrom, { min: 0, max: 24, required: true });
  const until = problems.number(`${path}.occupiedUntil`, fields.occupiedUntil, { min: 0, max: 24, required: true });
  if (from !== undefined && until !== undefined && until < from) problems.add(`${path}.occupiedUntil`, `must not be before occupiedFrom (${from})`);
  if (!Array.isArray(fields.occupiedDays) || fields.occupiedDays.length !== 7 || fields.occupiedDays.some((day) => typeof day !== 'boolean')) {
    problems.add(`${path}.occupiedDays`, 'must be 7 booleans, Monday first');
  }
  problems.number(`${path}.occupancyFraction`, fields.occupancyFraction, { min: 0, max: 1, required: true });
  problems.number(`${path}.ventilationAch`, fields.ventilationAch, { min: 0, max: 50, required: true });
  const heating = problems.number(`${path}.heatingSetpoint`, fields.heatingSetpoint, { min: 5, max: 35, required: true });
  const cooling = problems.number(`${path}.coolingSetpoint`, fields.coolingSetpoint, { min: 5, max: 40, required: true });
  if (heating !== undefined && cooling !== undefined && heating > cooling) problems.add(`${path}.heatingSetpoint`, `must not exceed coolingSetpoint (${cooling})`);
  problems.number(`${path}.lightingPowerDensity`, fields.lightingPowerDensity, { min: 0, max: 100, required: true });
  problems.number(`${path}.equipmentPowerDensity`, fields.equipmentPowerDensity, { min: 0, max: 1000, required: true });
  problems.number(`${path}.metabolicRate`, fields.metabolicRate, { min: 0.8, max: 4, required: true });
  problems.number(`${path}.clothing`, fields.clothing, { min: 0, max: 2, required: true });
}

function checkPaths(problems: Problems, path: string, value: unknown, required: readonly string[]): void {
  if (!isObject(value)) return problems.add(path, 'must be an object of property paths');
  for (const key of required) if (value[key] === undefined) problems.add(`${path}.${key}`, 'is required');
  for (const [key, entry] of Object.entries(value)) problems.text(`${path}.${key}`, entry);
}

function checkModels(problems: Problems, path: string, value: unknown, required: boolean): void {
  if (!Array.isArray(value) || (required && value.length === 0)) return problems.add(path, required ? 'must list at least one model id' : 'must be an array of model ids');
  value.forEach((model, i) => {
    if (typeof model !== 'string' || !model.startsWith('dtmi:')) problems.add(`${path}[${i}]`, `must be a model id (dtmi:…), got ${JSON.stringify(model)}`);
  });
}

/** Checks a mapping and returns it; InvalidArgument listing every located problem otherwise. */
export function checkMapping(value: unknown): SimMapping {
  const problems = new Problems();
  if (!isObject(value)) {
    problems.add('$', 'a mapping must be a JSON object');
    problems.throwIfAny('The simulation mapping is invalid');
  }
  const fields = value as Record<string, unknown>;
  checkModels(problems, 'zoneModels', fields.zoneModels, true);
  checkModels(problems, 'ahuModels', fields.ahuModels, false);
  checkModels(problems, 'vavModels', fields.vavModels, false);
  problems.text('servesRelationship', fields.servesRelationship);
  problems.text('containsRelationship', fields.containsRelationship);
  checkPaths(problems, 'zoneProperties', fields.zoneProperties, ['floorArea']);
  checkPaths(problems, 'ahuProperties', fields.ahuProperties, []);
  checkPaths(problems, 'vavProperties', fields.vavProperties, []);
  const units = fields.units as Record<string, unknown> | undefined;
  if (!isObject(units) || (units.airflow !== 'm3/h' && units.airflow !== 'm3/s') || (units.fanPower !== 'kW' && units.fanPower !== 'W')) {
    problems.add('units', 'must be { airflow: "m3/h" | "m3/s", fanPower: "kW" | "W" }');
  }
  if (!isObject(fields.roomTypes) || Object.keys(fields.roomTypes).length === 0) problems.add('roomTypes', 'must map at least one room type to its defaults');
  else for (const [name, defaults] of Object.entries(fields.roomTypes)) checkRoomType(problems, `roomTypes.${name}`, defaults);
  if (typeof fields.defaultRoomType !== 'string' || !isObject(fields.roomTypes) || !Object.hasOwn(fields.roomTypes, fields.defaultRoomType)) {
    problems.add('defaultRoomType', 'must name one of roomTypes');
  }
  problems.number('heatingCop', fields.heatingCop, { min: 0, minExclusive: true, max: 10, required: true });
  problems.number('coolingCop', fields.coolingCop, { min: 0, minExclusive: true, max: 15, required: true });
  if (fields.solarShading !== undefined) {
    if (!isObject(fields.solarShading)) problems.add('solarShading', 'must be { threshold: W/m², factor: 0 to 1 }');
    else {
      problems.number('solarShading.threshold', fields.solarShading.threshold, { min: 0, max: 1500, required: true });
      problems.number('solarShading.factor', fields.solarShading.factor, { min: 0, max: 1, required: true });
    }
  }
  problems.throwIfAny('The simulation mapping is invalid');
  return value as unknown as SimMapping;
}
