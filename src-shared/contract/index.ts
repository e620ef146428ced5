export { ErrorCode, EngineError, isEngineError, isErrorCode, toErrorPayload, type ErrorPayload } from './errors';
export type { Disposable, Event } from './event';
export { engineApiSurface, type ApiSurface, type EngineApi, type MemberKind } from './engine-api';
export { maxWorkspaceNameLength, type WorkspaceChange, type WorkspaceInfo, type WorkspaceService } from './workspace';
export { schemaViewText } from './models';
export type {
  CloudWarning,
  ContentView,
  ModelData,
  ModelDetail,
  ModelListOptions,
  ModelProblem,
  ModelSource,
  ModelValidation,
  ModelsService,
  SchemaView,
} from './models';
export type {
  BasicRelationship,
  DigitalTwin,
  GraphEvent,
  GraphEventType,
  IncomingRelationship,
  JsonPatchOperation,
  PropertyMetadata,
  RelationshipsService,
  TwinMetadata,
  TwinPatch,
  TwinPatchResult,
  TwinsService,
  WriteConditions,
} from './twins';
export type { QueryExplanation, QueryOptions, QueryPage, QueryService, RowFileFormat } from './query';
export type { ExportFormat, ExportJobRequest, ImportFormat, ImportJobRequest, JobInfo, JobProgress, JobStatus, JobsService, SampleJobRequest } from './jobs';
export type { EndpointDefinition, EventRoute, RoutesService } from './routes';
export type { AnalyticsResult, AnalyticsService, TelemetryOptions, TelemetryReading, TelemetryReceipt, TelemetryService } from './history';
export type { IngestService, SyntheticStatus } from './ingest';
export type { RulesService, RulesStatus, TelemetryRule } from './rules';
export { queryHistoryLimit, type QueryHistoryEntry, type QueryLanguage, type SavedQueriesService, type SavedQuery } from './saved-queries';
