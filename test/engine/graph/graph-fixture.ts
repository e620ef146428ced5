import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEngine, type Engine } from '../../../src-main/engine';

/** A room twin body as a test would PUT it. */
export const roomBody = (extra: Record<string, unknown> = {}) => ({
  $metadata: { $model: 'dtmi:test:campus:Room;1' },
  name: 'Room 1',
  thermostat: { $metadata: {} },
  ...extra,
});

/** A new workspace with the campus test models, and a way to throw it away. */
export async function campusEngine(): Promise<{ engine: Engine; root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'twinbench-graph-'));
  const engine = await createEngine({ workspace: root });
  const text = await readFile(resolve(import.meta.dirname, '../../fixtures/models/graph/campus.json'), 'utf8');
  await engine.models.add([{ name: 'campus.json', text }]);
  return {
    engine,
    root,
    dispose: async () => {
      await engine.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
