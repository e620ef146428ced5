// Behaviour of the public API: input forms, error shape, resolution, flattening, exceptions.

import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../../src-shared/contract';
import { assertValid, flattenInterface, parseDtmi, parseModels, type DtdlError, type ParseResult } from '../../../src-main/engine/models/dtdl';

const thermostat = {
  '@context': 'dtmi:dtdl:context;3',
  '@id': 'dtmi:com:example:Thermostat;1',
  '@type': 'Interface',
  extends: 'dtmi:com:example:Device;1',
  contents: [
    { '@type': 'Property', name: 'target', schema: 'double', writable: true },
    { '@type': 'Telemetry', name: 'temp', schema: { '@type': 'Map', mapKey: { name: 'k', schema: 'string' }, mapValue: { name: 'v', schema: 'double' } } },
    { '@type': 'Command', name: 'reboot', request: { name: 'delay', schema: 'duration' }, response: { name: 'ok', schema: 'boolean' } },
    { '@type': 'Relationship', name: 'feeds', target: 'dtmi:com:example:Room;1', maxMultiplicity: 5, properties: [{ '@type': 'Property', name: 'since', schema: 'date' }] },
    { '@type': 'Component', name: 'info', schema: 'dtmi:com:example:Info;1' },
  ],
};
const device = { '@context': 'dtmi:dtdl:context;3', '@id': 'dtmi:com:example:Device;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'serial', schema: 'string' }] };
const info = { '@context': 'dtmi:dtdl:context;2', '@id': 'dtmi:com:example:Info;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'vendor', schema: 'string' }] };

function errors(r: ParseResult): readonly DtdlError[] {
  return r.ok ? [] : r.errors;
}

describe('parseModels', () => {
  it('builds a typed, frozen object model with v2 and v3 models mixed', async () => {
    const r = await parseModels([thermostat, device, info]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.interfaces.keys()].sort()).toEqual(['dtmi:com:example:Device;1', 'dtmi:com:example:Info;1', 'dtmi:com:example:Thermostat;1']);
    const t = r.interfaces.get('dtmi:com:example:Thermostat;1');
    expect(t?.extends).toEqual(['dtmi:com:example:Device;1']);
    expect(t?.contents.map((c) => `${c.kind}:${c.name}`)).toEqual(['Property:target', 'Telemetry:temp', 'Command:reboot', 'Relationship:feeds', 'Component:info']);
    const rel = t?.contents[3];
    expect(rel?.kind === 'Relationship' && [rel.target, rel.maxMultiplicity, rel.properties[0]?.name]).toEqual(['dtmi:com:example:Room;1', 5, 'since']);
    const tel = t?.contents[1];
    expect(tel?.kind === 'Telemetry' && tel.schema.kind).toBe('Map');
    expect(r.interfaces.get('dtmi:com:example:Info;1')?.dtdlVersion).toBe(2);
    expect(Object.isFrozen(t)).toBe(true);
  });

  it('flattens an interface with inherited contents and where each came from', async () => {
    const r = await parseModels([thermostat, device, info]);
    if (!r.ok) throw new Error('expected ok');
    const flat = flattenInterface(r.interfaces.get('dtmi:com:example:Thermostat;1') as never, r.interfaces);
    expect(flat.map((f) => `${f.content.name}@${f.declaredIn}:${f.inherited}`)).toEqual([
      'target@dtmi:com:example:Thermostat;1:false',
      'temp@dtmi:com:example:Thermostat;1:false',
      'reboot@dtmi:com:example:Thermostat;1:false',
      'feeds@dtmi:com:example:Thermostat;1:false',
      'info@dtmi:com:example:Thermostat;1:false',
      'serial@dtmi:com:example:Device;1:true',
    ]);
  });

  it('asks the resolver only for what is missing, round by round', async () => {
    const asked: string[][] = [];
    const r = await parseModels([thermostat], {
      resolve: (dtmis) => {
        asked.push([...dtmis]);
        return dtmis.map((d) => (d === 'dtmi:com:example:Device;1' ? device : info));
      },
    });
    expect(r.ok).toBe(true);
    expect(asked).toEqual([['dtmi:com:example:Device;1', 'dtmi:com:example:Info;1']]);
  });

  it('reports what the resolver could not supply as unresolved, with the referencing element', async () => {
    const r = await parseModels([thermostat], { resolve: () => [device] });
    expect(errors(r).map((e) => [e.validationId, e.value, e.primaryId, e.property])).toEqual([
      ['dtmi:dtdl:resolutionError:unresolved', 'dtmi:com:example:Info;1', 'dtmi:com:example:Thermostat:_contents:__info;1', 'schema'],
    ]);
  });

  it('accepts text with a UTF-8 BOM and reports lines of the original text', async () => {
    const text = '\uFEFF{\n  "@context": "dtmi:dtdl:context;3",\n  "@id": "dtmi:x:A;1",\n  "@type": "Interface",\n  "contents": [\n    {\n      "@type": "Property",\n      "name": "bad name",\n      "schema": "double"\n    }\n  ]\n}';
    const r = await parseModels([text]);
    expect(errors(r).map((e) => [e.validationId, e.primaryId, e.property, e.value, e.documentIndex, e.line])).toEqual([
      ['dtmi:dtdl:parsingError:stringInvalid', 'dtmi:x:A:_contents:__0;1', 'name', 'bad name', 0, 8],
    ]);
    expect(errors(r)[0]?.message).toMatch(/^Element dtmi:x:A:_contents:__0;1 property 'name' has value 'bad name'.*Change 'name'/);
  });

  it('locates errors in text the resolver supplied, asking the resolver only once', async () => {
    const asked: string[][] = [];
    const b = '{\n  "@context": "dtmi:dtdl:context;3",\n  "@id": "dtmi:x:B;1",\n  "@type": "Interface",\n  "contents": [\n    { "@type": "Telemetry", "name": "bad name", "schema": "double" }\n  ]\n}';
    const r = await parseModels(['{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:x:A;1", "@type": "Interface", "extends": "dtmi:x:B;1"}'], {
      resolve: (dtmis) => {
        asked.push([...dtmis]);
        return [b];
      },
    });
    expect(asked).toEqual([['dtmi:x:B;1']]);
    expect(errors(r).map((e) => [e.validationId, e.property, e.documentIndex, e.line])).toEqual([['dtmi:dtdl:parsingError:stringInvalid', 'name', 1, 6]]);
  });

  it('ignores a __proto__ key, spelled plainly or with escapes, as it ignores no other key', async () => {
    const doc = (key: string) => `{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:x:A;1", "@type": "Interface", ${key}: {"a": 1}, "contents": []}`;
    for (const key of ['"__proto__"', '"\\u005f_proto__"', '"__pr\\u006Fto__"']) {
      const r = await parseModels([doc(key)]);
      expect(r.ok ? [...r.interfaces.keys()] : r.errors).toEqual(['dtmi:x:A;1']);
    }
    const other = await parseModels([doc('"\\u0063omment"')]);
    expect(errors(other).map((e) => [e.validationId, e.line])).toEqual([
      ['dtmi:dtdl:parsingError:stringObjectNoValue', 1],
      ['dtmi:dtdl:parsingError:valueObjectInvalidProp', 1],
    ]);
  });

  it('locates malformed JSON by line and column', async () => {
    const r = await parseModels(['{\n  "@context": "dtmi:dtdl:context;3",\n  "@id": "dtmi:x:A;1"\n  "@type": "Interface"\n}']);
    expect(errors(r).map((e) => [e.validationId, e.documentIndex, e.line, e.column])).toEqual([['dtmi:dtdl:parsingError:jsonSyntax', 0, 4, 3]]);
  });

  it('rejects a document that is not an object', async () => {
    const r = await parseModels([42, 'null']);
    expect(errors(r).map((e) => [e.validationId, e.documentIndex])).toEqual([
      ['dtmi:dtdl:parsingError:notJsonObject', 0],
      ['dtmi:dtdl:parsingError:notJsonObject', 1],
    ]);
  });

  it('maps expanded JSON-LD IRIs back to terms', async () => {
    const r = await parseModels([
      { '@context': 'dtmi:dtdl:context;2', '@id': 'dtmi:x:A;1', '@type': 'Interface', 'dtmi:dtdl:property:contents;2': [{ '@type': 'Property', name: 'p', 'dtmi:dtdl:property:schema;2': 'dtmi:dtdl:instance:Schema:double;2' }] },
    ]);
    expect(r.ok && r.interfaces.get('dtmi:x:A;1')?.contents[0]?.name).toBe('p');
  });

  it('honours maxDtdlVersion and allowUndefinedExtensions', async () => {
    const v3 = { '@context': ['dtmi:dtdl:context;3', 'dtmi:ext:thing;1'], '@id': 'dtmi:x:A;1', '@type': 'Interface' };
    expect(errors(await parseModels([v3])).map((e) => e.validationId)).toEqual(['dtmi:dtdl:parsingError:unresolvableContextSpecifier']);
    expect((await parseModels([v3], { allowUndefinedExtensions: true })).ok).toBe(true);
    expect(errors(await parseModels([v3], { allowUndefinedExtensions: true, maxDtdlVersion: 2 })).map((e) => e.validationId)).toEqual(['dtmi:dtdl:parsingError:disallowedContextVersion']);
  });

  it('assertValid throws EngineError ModelInvalid carrying the errors', async () => {
    const r = await parseModels([{ '@context': 'dtmi:dtdl:context;3', '@id': 'bad', '@type': 'Interface' }]);
    let thrown: unknown;
    try {
      assertValid(r);
    } catch (e) {
      thrown = e;
    }
    expect(isEngineError(thrown) && thrown.code).toBe('ModelInvalid');
  });
});

describe('parseDtmi', () => {
  it('splits a DTMI into labels, version and fragment', () => {
    expect(parseDtmi('dtmi:foo:bar;3.14#frag')).toEqual({ labels: ['foo', 'bar'], majorVersion: 3, minorVersion: 14, completeVersion: 3.000014, versionless: 'dtmi:foo:bar#frag', fragment: '#frag', isReserved: false });
    expect(parseDtmi('dtmi:foo:bar;01')).toBeNull();
  });
});
