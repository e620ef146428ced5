import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEngine, type Engine, type ModelSource } from '../../../src-main/engine';
import { readWorldModels, type SampleWorld, type SampleWorldName } from '../../../src-main/engine/samples';

/** The models folder of a world in this checkout. */
export const worldModelsDir = (name: SampleWorldName) => resolve(import.meta.dirname, '../../../resources/worlds', name, 'models');

export const worldModels = (name: SampleWorldName): Promise<ModelSource[]> => readWorldModels(worldModelsDir(name));

/** SHA-256 of every twin, then every relationship, as JSON lines. */
export function worldHash(world: SampleWorld): string {
  const hash = createHash('sha256');
  for (const twin of world.twins) hash.update(JSON.stringify(twin) + '\n');
  for (const relationship of world.relationships) hash.update(JSON.stringify(relationship) + '\n');
  return hash.digest('hex');
}

/** A new workspace with a world's models, and a way to throw it away. */
export async function worldEngine(name: SampleWorldName): Promise<{ engine: Engine; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'twinbench-samples-'));
  const engine = await createEngine({ workspace: root });
  await engine.models.add(await worldModels(name));
  return {
    engine,
    dispose: async () => {
      await engine.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
