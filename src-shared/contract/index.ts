export { ErrorCode, EngineError, isEngineError, isErrorCode, toErrorPayload, type ErrorPayload } from './errors';
export type { Disposable, Event } from './event';
export { engineApiSurface, type ApiSurface, type EngineApi, type MemberKind } from './engine-api';
export { maxWorkspaceNameLength, type WorkspaceChange, type WorkspaceInfo, type WorkspaceService } from './workspace';
export type { ModelSummary, ModelsService } from './models';
