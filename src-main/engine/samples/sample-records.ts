import type { ModelSource } from '../../../src-shared/contract';
import type { ImportRecord } from '../transfer/records';
import type { SampleWorld } from './world-types';

/** A sample world as import records: its models, every twin, then every relationship. */
export async function* sampleRecords(models: readonly ModelSource[], world: SampleWorld): AsyncGenerator<ImportRecord> {
  for (const model of models) yield { kind: 'model', value: JSON.parse(model.text) as unknown };
  for (const twin of world.twins) yield { kind: 'twin', value: twin as Record<string, unknown> };
  for (const relationship of world.relationships) yield { kind: 'relationship', value: relationship as Record<string, unknown> };
}
