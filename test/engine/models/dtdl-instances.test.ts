// Instance validation, the solecism quirks and official element counts, through the public API.

import { describe, expect, it } from 'vitest';
import { parseModels, validateInstance, type Interface, type Property, type Schema } from '../../../src-main/engine/models/dtdl';

const sensor = {
  '@context': ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'],
  '@id': 'dtmi:x:Sensor;1',
  '@type': 'Interface',
  contents: [
    { '@type': ['Telemetry', 'Velocity'], name: 'speed', schema: 'double', unit: 'kilometrePerSecond' },
    { '@type': 'Property', name: 'mode', schema: { '@type': 'Enum', valueSchema: 'integer', enumValues: [{ name: 'on', enumValue: 1 }] } },
    {
      '@type': 'Property',
      name: 'readings',
      schema: { '@type': 'Map', mapKey: { name: 'k', schema: 'string' }, mapValue: { name: 'v', schema: { '@type': 'Array', elementSchema: 'long' } } },
    },
    { '@type': 'Property', name: 'when', schema: { '@type': 'Object', fields: [{ name: 'at', schema: 'dateTime' }, { name: 'every', schema: 'duration' }] } },
  ],
};

async function schemaOf(name: string): Promise<Schema> {
  const r = await parseModels([sensor]);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  const i = r.interfaces.get('dtmi:x:Sensor;1') as Interface;
  return (i.contents.find((c) => c.name === name) as Property).schema;
}

describe('validateInstance', () => {
  it('checks enum values in integer notation', async () => {
    const mode = await schemaOf('mode');
    expect(validateInstance(mode, '1')).toEqual([]);
    expect(validateInstance(mode, '1.0')).toEqual(['$: not one of the enum values']);
    expect(validateInstance(mode, '2')).toEqual(['$: not one of the enum values']);
  });

  it('walks maps and arrays and checks 64-bit integers', async () => {
    const readings = await schemaOf('readings');
    expect(validateInstance(readings, '{ "a": [1, 9223372036854775807], "b": [] }')).toEqual([]);
    expect(validateInstance(readings, '{ "a": [9223372036854775808] }')).toEqual(['$.a[0]: not a 64-bit integer']);
    expect(validateInstance(readings, '[1]')).toEqual(['$: not an object']);
  });

  it('checks RFC 3339 date-times, ISO 8601 durations and field names', async () => {
    const when = await schemaOf('when');
    expect(validateInstance(when, '{ "at": "1964-02-29T23:59:59.5+11:45", "every": "P2W4DT8H9M5.5S" }')).toEqual([]);
    expect(validateInstance(when, '{ "at": "1965-02-29T00:00:00Z" }')).toEqual(['$.at: not an RFC 3339 date-time']);
    expect(validateInstance(when, '{ "every": "P1Y3W" }')).toEqual(['$.every: not an ISO 8601 duration']);
    expect(validateInstance(when, '{ "other": 1 }')).toEqual(["$: has no field 'other'"]);
    expect(validateInstance(when, '{ "at": ')).toEqual(['The text is not a single JSON value.']);
  });
});

describe('element counts', () => {
  it('count the unit sub-elements as the official object model does', async () => {
    const r = await parseModels([sensor]);
    // The official parser's count for this model (DTDLParser 1.1.3): the Interface, 4 contents,
    // 9 schema elements, 6 primitives (shared ;2 ids) and kilometrePerSecond with its 5 parts.
    expect(r.ok && r.elementCount).toBe(26);
  });
});

describe('quirks', () => {
  const reserved = { '@context': 'dtmi:dtdl:context;2', '@id': 'dtmi:dtdl:anInterface;1', '@type': 'Interface' };
  const twoNamed = {
    '@context': 'dtmi:dtdl:context;2',
    '@id': 'dtmi:x:A;1',
    '@type': 'Interface',
    extends: [{ '@id': 'dtmi:x:B;1' }],
    contents: [
      { '@type': 'Property', name: 'p', schema: 'double' },
      { '@type': 'Property', name: 'p', schema: 'integer' },
    ],
  };
  const base = { '@context': 'dtmi:dtdl:context;2', '@id': 'dtmi:x:B;1', '@type': 'Interface' };

  it('reject DTDL v2 solecisms by default', async () => {
    const r = await parseModels([reserved, twoNamed, base]);
    expect(r.ok ? [] : r.errors.map((e) => e.validationId.split(':').pop()).sort()).toEqual(['idReference', 'reservedId']);
    const names = await parseModels([{ ...twoNamed, extends: 'dtmi:x:B;1' }, base]);
    expect(names.ok ? [] : names.errors.map((e) => e.validationId.split(':').pop())).toEqual(['nonUniquePropertyValue']);
  });

  it('tolerate them with TolerateSolecismsInParse, keeping the first of two same-named contents', async () => {
    const r = await parseModels([reserved, twoNamed, base], { quirks: ['TolerateSolecismsInParse'] });
    expect(r.ok && (r.interfaces.get('dtmi:x:A;1')?.contents.map((c) => (c as Property).schema.id) ?? [])).toEqual(['dtmi:dtdl:instance:Schema:double;2']);
    expect(r.ok && r.interfaces.get('dtmi:x:A;1')?.extends).toEqual(['dtmi:x:B;1']);
  });

  it('apply TolerateSolecismsInResolve only to resolved documents', async () => {
    const r = await parseModels([reserved], { quirks: ['TolerateSolecismsInResolve'] });
    expect(r.ok ? [] : r.errors.map((e) => e.validationId.split(':').pop())).toEqual(['reservedId']);
  });
});
