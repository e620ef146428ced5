import { createEngine } from '../../src-main/engine';
import { engineApiContract } from './engine-api.suite';

engineApiContract('in-process calls', async (workspace) => {
  const engine = await createEngine({ workspace });
  return { api: engine, close: () => engine.close() };
});
