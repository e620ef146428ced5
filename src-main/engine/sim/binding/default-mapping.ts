// The mapping for Twinbench's sample campus models (resources/worlds/campus): rooms are zones,
// AHUs serve VAV boxes, VAV boxes serve rooms. Room-type defaults follow ISO 17772-1 / EN 16798-1
// Annex C-style office values (occupant density, 8–18 h weekdays, lighting and equipment W/m²).
import type { RoomTypeDefaults, SimMapping } from '../../../../src-shared/contract';

const WEEKDAYS = [true, true, true, true, true, false, false];
const EVERY_DAY = [true, true, true, true, true, true, true];

function roomType(fields: Partial<RoomTypeDefaults> & Pick<RoomTypeDefaults, 'areaPerPerson'>): RoomTypeDefaults {
  return {
    occupiedFrom: 8,
    occupiedUntil: 18,
    occupiedDays: WEEKDAYS,
    occupancyFraction: 0.6,
    ventilationAch: 2,
    heatingSetpoint: 21,
    coolingSetpoint: 25,
    lightingPowerDensity: 8,
    equipmentPowerDensity: 10,
    metabolicRate: 1.2,
    clothing: 0.7,
    ...fields,
  };
}

/** The default model → physics mapping: the sample campus. */
export const defaultSimMapping: SimMapping = {
  zoneModels: ['dtmi:twinbench:campus:Room;1'],
  ahuModels: ['dtmi:twinbench:campus:AirHandlingUnit;1'],
  vavModels: ['dtmi:twinbench:campus:VariableAirVolumeBox;1'],
  servesRelationship: 'serves',
  containsRelationship: 'contains',
  zoneProperties: {
    floorArea: 'area',
    volume: 'volume',
    height: 'height',
    roomType: 'roomType',
    capacity: 'capacity',
    windowArea: 'envelope.windowArea',
    windowU: 'envelope.windowUValue',
    wallArea: 'envelope.exteriorWallArea',
    wallU: 'envelope.wallUValue',
    roofArea: 'envelope.roofArea',
    roofU: 'envelope.roofUValue',
    groundArea: 'envelope.groundFloorArea',
    groundU: 'envelope.groundUValue',
    gValue: 'envelope.windowSolarTransmittance',
    thermalCapacity: 'envelope.thermalCapacity',
    infiltrationAch: 'envelope.infiltrationRate',
    facadeOrientation: 'envelope.facadeOrientation',
    heatingSetpoint: 'setpoints.heatingSetpoint',
    coolingSetpoint: 'setpoints.coolingSetpoint',
    temperature: 'temperature',
    co2: 'co2',
  },
  ahuProperties: { airflow: 'nominalAirflow', fanPower: 'fanPower', heatRecoveryEfficiency: 'heatRecoveryEfficiency', supplyTemperature: 'supplyAirTemperatureSetpoint' },
  vavProperties: { maxAirflow: 'maxAirflow', hasReheat: 'hasReheat' },
  units: { airflow: 'm3/h', fanPower: 'kW' },
  roomTypes: {
    office: roomType({ areaPerPerson: 10 }),
    openOffice: roomType({ areaPerPerson: 8, equipmentPowerDensity: 12 }),
    meeting: roomType({ areaPerPerson: 2.5, occupancyFraction: 0.35, ventilationAch: 4, equipmentPowerDensity: 3 }),
    lab: roomType({ areaPerPerson: 12, occupiedUntil: 22, ventilationAch: 6, equipmentPowerDensity: 25, coolingSetpoint: 24, metabolicRate: 1.4 }),
    classroom: roomType({ areaPerPerson: 2, occupancyFraction: 0.5, ventilationAch: 5, occupiedUntil: 17, equipmentPowerDensity: 4 }),
    lectureHall: roomType({ areaPerPerson: 1.2, occupancyFraction: 0.4, ventilationAch: 6, occupiedUntil: 17, equipmentPowerDensity: 2, metabolicRate: 1.0 }),
    corridor: roomType({ areaPerPerson: 0, ventilationAch: 0.5, heatingSetpoint: 18, coolingSetpoint: 27, lightingPowerDensity: 4, equipmentPowerDensity: 0, occupiedFrom: 7, occupiedUntil: 20 }),
    lobby: roomType({ areaPerPerson: 5, occupancyFraction: 0.2, ventilationAch: 1.5, heatingSetpoint: 19, coolingSetpoint: 26, occupiedFrom: 7, occupiedUntil: 20, occupiedDays: EVERY_DAY, equipmentPowerDensity: 2, metabolicRate: 1.6 }),
    toilet: roomType({ areaPerPerson: 0, ventilationAch: 4, heatingSetpoint: 19, coolingSetpoint: 27, equipmentPowerDensity: 0, lightingPowerDensity: 6 }),
    kitchen: roomType({ areaPerPerson: 3, occupancyFraction: 0.25, ventilationAch: 5, equipmentPowerDensity: 30, metabolicRate: 1.6 }),
    storage: roomType({ areaPerPerson: 0, ventilationAch: 0.5, heatingSetpoint: 16, coolingSetpoint: 28, lightingPowerDensity: 2, equipmentPowerDensity: 0 }),
    stairwell: roomType({ areaPerPerson: 0, ventilationAch: 0.5, heatingSetpoint: 16, coolingSetpoint: 28, lightingPowerDensity: 3, equipmentPowerDensity: 0, occupiedDays: EVERY_DAY, occupiedFrom: 0, occupiedUntil: 24 }),
    technical: roomType({ areaPerPerson: 0, ventilationAch: 2, heatingSetpoint: 16, coolingSetpoint: 28, lightingPowerDensity: 2, equipmentPowerDensity: 40, occupiedDays: EVERY_DAY, occupiedFrom: 0, occupiedUntil: 24 }),
  },
  defaultRoomType: 'office',
  heatingCop: 0.92,
  coolingCop: 3.5,
  // External blinds, lowered above 300 W/m² on the façade (ISO 52016-1's activation threshold).
  solarShading: { threshold: 300, factor: 0.3 },
};
