// The engine's public face: `twinbench/engine`. Hosts and library users import only from here.
export { createEngine, type Engine, type EngineOptions } from './create-engine';
export { ownerPrincipal } from './service/access-service';
export type { OutboxSubscriber } from './graph/outbox-drainer';
export type { RetryPolicy } from './events/endpoints/webhook-endpoint';
export { compileRouteFilter, parseRouteFilter } from './events/filter';
export { defaultWorkspaceDir } from './workspace/default-dir';
export { engineVersion } from './version';
export * from '../../src-shared/contract';
export * from './models/dtdl';
export { validateModelSources, type ValidateSourcesOptions } from './models/validate-sources';
export * as physics from './sim/physics';
export { cellText, columnsOf, csvField, csvLine, toCsv, toTable } from './transfer/row-formats';
export { generateWorld, isSampleWorld, sampleWorldInfo, sampleWorlds, type SampleWorldInfo, type SampleWorldName } from './samples';
