import { describe, expect, it } from 'vitest';
import { parseModels, validateModelSources, type Interface } from '../../../src-main/engine';
import { generateWorld, sampleWorlds, type SampleWorldName } from '../../../src-main/engine/samples';
import { worldModels } from './world-fixture';

const interfaceCounts: Readonly<Record<SampleWorldName, number>> = { campus: 18, factory: 9, grid: 13 };

/** Numeric (double) properties and telemetry that carry no unit: ratios, U-values and rates with no quantitativeTypes unit, named in their descriptions. */
const unitless: Readonly<Record<SampleWorldName, readonly string[]>> = {
  campus: [
    'AirHandlingUnit.heatRecoveryEfficiency',
    // Comfort is a 0–100 score, a number without a unit.
    'Building.comfort',
    'Floor.comfort',
    'Light.level',
    'Room.comfort',
    'RoomEnvelope.groundUValue',
    'RoomEnvelope.infiltrationRate',
    'RoomEnvelope.roofUValue',
    'RoomEnvelope.thermalCapacity',
    'RoomEnvelope.wallUValue',
    'RoomEnvelope.windowSolarTransmittance',
    'RoomEnvelope.windowUValue',
    'VariableAirVolumeBox.damperPosition',
  ],
  factory: ['ProductionLine.nominalThroughput', 'ProductionLine.oee', 'ProductionLine.throughput'],
  grid: ['GasPlant.efficiency', 'GasPlant.rampRate', 'TransmissionLine.loading'],
};

const shortName = (dtmi: string) => dtmi.slice(dtmi.lastIndexOf(':') + 1, dtmi.indexOf(';'));

describe.each(sampleWorlds)('the %s models', (name) => {
  it('parse as one set with zero errors', async () => {
    const sources = await worldModels(name);
    const result = await parseModels(sources.map((source) => source.text));
    expect(result.ok ? [] : result.errors.map((error) => error.message)).toEqual([]);
    expect(result.ok && result.interfaces.size).toBe(interfaceCounts[name]);
    const validation = await validateModelSources(sources, { cloudCompatible: true });
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
  });

  it('are DTDL v3 with quantitativeTypes, one Interface per file named after it', async () => {
    for (const source of await worldModels(name)) {
      const document = JSON.parse(source.text) as { '@context': unknown; '@id': string };
      expect(document['@context']).toEqual(['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1']);
      expect(document['@id']).toBe(`dtmi:twinbench:${name}:${source.name.replace(/\.json$/, '')};1`);
    }
  });

  it('give a unit to every numeric value except the listed ratios and rates', async () => {
    const result = await parseModels((await worldModels(name)).map((source) => source.text));
    const interfaces: Interface[] = result.ok ? [...result.interfaces.values()] : [];
    const missing: string[] = [];
    for (const iface of interfaces) {
      for (const content of iface.contents) {
        if ((content.kind === 'Property' || content.kind === 'Telemetry') && content.schema.kind === 'Primitive' && content.schema.name === 'double' && !content.unit) {
          missing.push(`${shortName(iface.id)}.${content.name}`);
        }
      }
    }
    expect(missing.sort()).toEqual(unitless[name]);
  });

  it('define every model the generator uses', async () => {
    const result = await parseModels((await worldModels(name)).map((source) => source.text));
    const defined = new Set(result.ok ? result.interfaces.keys() : []);
    const world = generateWorld(name, { scale: 3 });
    expect(world.modelIds.filter((id) => !defined.has(id))).toEqual([]);
    const used = new Set<string>();
    for (const twin of world.twins) used.add(twin.$metadata.$model);
    expect([...used].sort()).toEqual([...world.modelIds].sort());
  });
});
