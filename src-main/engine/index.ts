// The engine's public face: `twinbench/engine`. Hosts and library users import only from here.
export { createEngine, type Engine, type EngineOptions } from './create-engine';
export { defaultWorkspaceDir } from './workspace/default-dir';
export { engineVersion } from './version';
export * from '../../src-shared/contract';
