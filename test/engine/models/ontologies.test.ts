// Real ontologies load with zero errors, as they do with the official parser.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModels, type ParseResult } from '../../../src-main/engine/models/dtdl';
import { corpusAvailable, corpusDir } from './corpus';
import { listFiles, readTexts, repositoryResolver } from './model-files';

function errorsOf(r: ParseResult): string[] {
  return r.ok ? [] : r.errors.slice(0, 5).map((e) => `${e.validationId} ${e.primaryId ?? ''} ${e.property ?? ''} ${e.value ?? ''} doc ${e.documentIndex ?? ''} line ${e.line ?? ''}`);
}

async function parseFolder(rel: string, exts?: readonly string[]): Promise<ParseResult> {
  return parseModels(readTexts(listFiles(path.join(corpusDir, rel), exts)));
}

describe.runIf(corpusAvailable)('real ontologies', () => {
  // [label, folder, interfaces, element count]. The element counts are the official parser's
  // (DTDLParser 1.1.3), unit and geospatial sub-elements included. See docs/dtdl.md.
  const sets: Array<[string, string, number, number?]> = [
    ['opendigitaltwins-building (v3, BOMs)', 'opendigitaltwins-building', 767, 1877],
    ['opendigitaltwins-building-v2 (expanded IRIs)', 'opendigitaltwins-building-v2', 767, 1876],
    ['opendigitaltwins-energygrid', 'opendigitaltwins-energygrid', 113, 515],
    ['opendigitaltwins-smartcities', 'opendigitaltwins-smartcities', 63, 1076],
    ['rec4-dtdlv2 folder', 'rec4-dtdlv2/Source', 1364, 5011],
    ['willow-building-dtdlv3', 'willow-building-dtdlv3', 3700, 6969],
    ['adt-samples energy-grid-example', 'adt-samples/azure-digital-twins-getting-started/models/energy-grid-example', 20],
    ['adt-samples basic-home-example', 'adt-samples/azure-digital-twins-getting-started/models/basic-home-example', 4],
    ['adt-samples advanced-home-example (v2 and v3 mixed)', 'adt-samples/azure-digital-twins-getting-started/models/advanced-home-example', 7],
    ['adt-samples digital-twins-samples', 'adt-samples/digital-twins-samples', 4],
    ['adt-samples digital-twins-explorer', 'adt-samples/digital-twins-explorer', 21],
  ];
  for (const [label, rel, count, elements] of sets) {
    it(`${label}: ${count} interfaces, no errors`, async () => {
      const r = await parseFolder(rel);
      expect(errorsOf(r)).toEqual([]);
      expect(r.ok && r.interfaces.size).toBe(count);
      if (elements !== undefined) expect(r.ok && r.elementCount).toBe(elements);
    });
  }

  it('rec4-dtdlv2 single .jsonld array: 1364 interfaces, no errors', async () => {
    const r = await parseFolder('rec4-dtdlv2', ['.jsonld']);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ok && r.interfaces.size).toBe(1364);
    expect(r.ok && r.elementCount).toBe(5011);
  });

  it('adt-samples digital-twins-docs-code: every model file parses on its own', async () => {
    const files = listFiles(path.join(corpusDir, 'adt-samples/digital-twins-docs-code/models')).filter((f) => !path.basename(f).startsWith('patch'));
    const failures: string[] = [];
    let interfaces = 0;
    for (const f of files) {
      const r = await parseModels(readTexts([f]));
      if (r.ok) interfaces += r.interfaces.size;
      else failures.push(`${path.basename(f)}: ${errorsOf(r).join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(interfaces).toBe(16);
  });

  it('dtdl-spec-samples: TemperatureController resolves DeviceInformation from the IoT PnP repository', async () => {
    const requests: string[][] = [];
    const r = await parseModels(readTexts(listFiles(path.join(corpusDir, 'dtdl-spec-samples'))), {
      resolve: repositoryResolver(path.join(corpusDir, 'iot-plugandplay-models'), (d) => requests.push([...d])),
    });
    expect(errorsOf(r)).toEqual([]);
    expect(requests).toEqual([['dtmi:azure:DeviceManagement:DeviceInformation;1']]);
    expect(r.ok && [...r.interfaces.keys()].sort()).toEqual(['dtmi:azure:DeviceManagement:DeviceInformation;1', 'dtmi:com:example:TemperatureController;1', 'dtmi:com:example:Thermostat;1']);
  });

  it('iot-plugandplay-models: all 934 files parse one by one, dependencies resolved by path', async () => {
    const root = path.join(corpusDir, 'iot-plugandplay-models');
    const files = listFiles(path.join(root, 'dtmi'));
    expect(files.length).toBe(934);
    const resolve = repositoryResolver(root);
    const failures: string[] = [];
    for (const f of files) {
      const r = await parseModels(readTexts([f]), { resolve });
      if (!r.ok) failures.push(`${path.relative(root, f)}: ${errorsOf(r).join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
