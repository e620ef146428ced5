import { describe, expect, it } from 'vitest';
import { adjacentConductance, bindGraph } from '../../../../src-main/engine/sim/binding/bind-graph';
import { defaultSimMapping } from '../../../../src-main/engine/sim/binding/default-mapping';
import type { GraphSnapshot } from '../../../../src-main/engine/sim/binding/graph-snapshot';
import { checkMapping } from '../../../../src-main/engine/sim/binding/check-mapping';
import type { Scenario } from '../../../../src-main/engine';

const m = (name: string) => `dtmi:twinbench:campus:${name};1`;

/** A floor with an AHU → VAV → two rooms, and a corridor without plant. */
function snapshot(rooms: Record<string, Record<string, unknown>> = {}): GraphSnapshot {
  const twins: Record<string, Record<string, unknown>> = {
    'floor-1': { $metadata: { $model: m('Floor') } },
    'ahu-1': { $metadata: { $model: m('AirHandlingUnit') }, nominalAirflow: 3600, fanPower: 1.5, heatRecoveryEfficiency: 0.75, supplyAirTemperatureSetpoint: 17 },
    'vav-1': { $metadata: { $model: m('VariableAirVolumeBox') }, maxAirflow: 720, hasReheat: true },
    'room-1': { $metadata: { $model: m('Room') }, area: 20, height: 3, volume: 60, roomType: 'office', capacity: 2, envelope: { windowArea: 6, windowUValue: 1.1, exteriorWallArea: 9, wallUValue: 0.2, roofArea: 0, groundFloorArea: 20, groundUValue: 0.3, thermalCapacity: 260, infiltrationRate: 0.3, facadeOrientation: 'south', windowSolarTransmittance: 0.5 }, setpoints: { heatingSetpoint: 20.5, coolingSetpoint: 24 } },
    'room-2': { $metadata: { $model: m('Room') }, area: 40, height: 3, roomType: 'meeting' },
    'corridor-1': { $metadata: { $model: m('Room') }, area: 30, roomType: 'corridor' },
    ...rooms,
  };
  const edges = new Map<string, { name: string; target: string }[]>([
    ['floor-1', [{ name: 'contains', target: 'room-1' }, { name: 'contains', target: 'room-2' }, { name: 'contains', target: 'corridor-1' }]],
    ['ahu-1', [{ name: 'serves', target: 'vav-1' }]],
    ['vav-1', [{ name: 'serves', target: 'room-1' }, { name: 'serves', target: 'room-2' }]],
  ]);
  return {
    twinsOf: (models) => new Map(Object.entries(twins).filter(([, twin]) => models.includes((twin.$metadata as { $model: string }).$model))),
    exists: (id) => Object.hasOwn(twins, id),
    edges,
  };
}

const scenario: Scenario = { id: 's', horizonHours: 24, weather: { kind: 'synthetic' }, interventions: [{ at: 1, kind: 'fail', target: 'ahu-1' }] };

describe('graph binding', () => {
  it('maps rooms to zones with their envelope, plant and room-type defaults', () => {
    const model = bindGraph(snapshot(), defaultSimMapping, scenario);
    expect(model.zones.map((zone) => zone.id)).toEqual(['room-1', 'room-2', 'corridor-1']);
    const [room1, room2, corridor] = model.zones;
    expect(room1!.params).toEqual({
      floorArea: 20,
      volume: 60,
      windowArea: 6,
      windowU: 1.1,
      opaqueArea: 29,
      opaqueU: (9 * 0.2 + 20 * 0.3) / 29,
      ventilationAch: 0,
      infiltrationAch: 0.3,
      thermalCapacityPerFloorArea: 260_000,
      massAreaFactor: 3,
      heatingSetpoint: 20.5,
      coolingSetpoint: 24,
      initialMassTemperature: 20.5,
      heatRecoveryEfficiency: 0.75,
      // VAV 720 m³/h split by volume (60 of 180 m³): 0.0667 m³/s × 1200 × (24 − 17).
      maxCoolingPower: 1200 * (0.2 * 60) / 180 * 7,
    });
    expect(room1).toMatchObject({ roomType: 'office', peopleMax: 2, ventilationAch: 2, ahu: 0, vav: 0, facade: 'south', gValue: 0.45, fanPowerDesign: (1500 * (0.2 / 3)) / 1 });
    expect(room2).toMatchObject({ roomType: 'meeting', peopleMax: 16, ventilationAch: 4, ahu: 0, vav: 0, facade: 'none' });
    expect(room2!.params.volume).toBe(120);
    expect(corridor).toMatchObject({ roomType: 'corridor', ahu: -1, vav: -1, ventilationAch: 0, fanPowerDesign: 0 });
    expect(corridor!.params.maxCoolingPower).toBe(0);
    expect(model.targets).toEqual({ 'ahu-1': [0, 1] });
  });

  it('limits the zones to a scope', () => {
    expect(bindGraph(snapshot(), defaultSimMapping, { ...scenario, scope: ['vav-1'] }).zones.map((zone) => zone.id)).toEqual(['room-1', 'room-2']);
  });

  it('names missing twins as TwinNotFound with their scenario paths', () => {
    expect(() => bindGraph(snapshot(), defaultSimMapping, { ...scenario, scope: ['floor-9'], interventions: [{ at: 0, kind: 'restore', target: 'ahu-7' }] })).toThrow(
      expect.objectContaining({
        code: 'TwinNotFound',
        details: { problems: [{ path: 'scope[0]', message: 'there is no twin floor-9' }, { path: 'interventions[0].target', message: 'there is no twin ahu-7' }] },
      }),
    );
  });

  it('refuses non-physical properties, located by twin and property path', () => {
    const bad = snapshot({ 'room-3': { $metadata: { $model: m('Room') }, area: -4, envelope: { windowArea: -1, thermalCapacity: 165 } } });
    expect(() => bindGraph(bad, defaultSimMapping, scenario)).toThrow(
      expect.objectContaining({
        code: 'InvalidArgument',
        details: { problems: [{ path: 'twins.room-3.area', message: 'must be > 0 (got -4)' }, { path: 'twins.room-3.envelope.windowArea', message: 'must be ≥ 0 (got -1)' }] },
      }),
    );
  });

  it('checks an edited mapping, locating each problem', () => {
    expect(checkMapping(defaultSimMapping)).toBe(defaultSimMapping);
    const edited = { ...defaultSimMapping, zoneModels: [], coolingCop: 0, roomTypes: { ...defaultSimMapping.roomTypes, office: { ...defaultSimMapping.roomTypes.office!, heatingSetpoint: 27 } } };
    expect(() => checkMapping(edited)).toThrow(
      expect.objectContaining({
        details: {
          problems: [
            { path: 'zoneModels', message: 'must list at least one model id' },
            { path: 'roomTypes.office.heatingSetpoint', message: 'must not exceed coolingSetpoint (25)' },
            { path: 'coolingCop', message: 'must be > 0 (got 0)' },
          ],
        },
      }),
    );
    const shading = { ...defaultSimMapping, solarShading: { threshold: -1, factor: 1.5 } };
    expect(() => checkMapping(shading)).toThrow(
      expect.objectContaining({
        details: {
          problems: [
            { path: 'solarShading.threshold', message: 'must be ≥ 0 (got -1)' },
            { path: 'solarShading.factor', message: 'must be ≤ 1 (got 1.5)' },
          ],
        },
      }),
    );
    const { solarShading: _, ...withoutShading } = defaultSimMapping;
    expect(checkMapping(withoutShading)).toBe(withoutShading);
  });

  it('gives each room its exchange with the rooms around it', () => {
    // Partitions: 4·√20 m × 3 m − (9 + 6) m² of façade; floor and ceiling: 2 × 20 m² − 20 m² of ground; × 1.5 W/(m²·K).
    expect(adjacentConductance(20, 60, 15, 0, 20)).toBeCloseTo(1.5 * (4 * Math.sqrt(20) * 3 - 15 + 20), 9);
    // A room all façade, on the ground and under the roof, exchanges nothing.
    expect(adjacentConductance(9, 27, 36, 9, 9)).toBe(0);
  });

  it('binds the mapping\'s blinds, or none when it has none', () => {
    const scenario: Scenario = { id: 's', horizonHours: 1, weather: { kind: 'synthetic' } };
    expect(bindGraph(snapshot(), defaultSimMapping, scenario).solarShading).toEqual({ threshold: 300, factor: 0.3 });
    const { solarShading: _, ...withoutShading } = defaultSimMapping;
    expect(bindGraph(snapshot(), withoutShading, scenario).solarShading).toEqual({ threshold: Number.POSITIVE_INFINITY, factor: 1 });
  });
});
