import { getInterop } from '@digicatapult/dtdl-parser';
import { describe, expect, it } from 'vitest';
import { sampleWorlds } from '../../../src-main/engine/samples';
import { worldModels } from './world-fixture';

// The official DTDLParser (.NET compiled to WASM in @digicatapult/dtdl-parser) accepts each
// world's models as one set, too. Its interop parses one JSON text and throws on any problem.
describe('the official DTDL parser', () => {
  it('accepts every world', async () => {
    const parser = await getInterop();
    for (const name of sampleWorlds) {
      const documents = (await worldModels(name)).map((source) => JSON.parse(source.text) as unknown);
      let outcome = 'ok';
      try {
        parser.parse(JSON.stringify(documents));
      } catch (error) {
        outcome = error instanceof Error ? error.message : String(error);
      }
      expect({ name, outcome }).toEqual({ name, outcome: 'ok' });
    }
  }, 30_000);
});
