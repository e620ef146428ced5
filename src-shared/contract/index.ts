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
export type {
  AnalyticsQueryOptions,
  AnalyticsResult,
  AnalyticsService,
  HistoryExportOptions,
  HistoryFileFormat,
  HistoryProgress,
  RetentionPolicy,
  RetentionResult,
  TelemetryColumnMapping,
  TelemetryExportRequest,
  TelemetryFileFormat,
  TelemetryImportRequest,
  TelemetryImportResult,
  TelemetryOptions,
  TelemetryReading,
  TelemetryReceipt,
  TelemetryService,
} from './history';
export type {
  DeviceBinding,
  DeviceMessageOptions,
  FieldBinding,
  GenerateBindingsOptions,
  GeneratedBindings,
  IngestReceipt,
  IngestService,
  RejectReason,
  ReplayFormat,
  SourceDefinition,
  SourceStatus,
  SourceType,
  SyntheticFault,
  SyntheticOptions,
  SyntheticStatus,
} from './ingest';
export type { AlertRule, DeriveRule, RollupFunction, RollupRule, Rule, RuleAlert, RuleCounters, RuleKind, RulesService, RulesStatus, ScriptRule, TelemetryRule, TraceCause, TraceEntry } from './rules';
export { permissions, type AccessDecision, type AccessPolicy, type AccessService, type AccessSettings, type CreatedToken, type Permission, type PolicyEntry, type PolicyResource, type Principal, type TokenInfo } from './access';
export type {
  Intervention,
  KpiDelta,
  RoomTypeDefaults,
  RunComparison,
  RunInfo,
  RunKpis,
  RunProgress,
  RunRequest,
  RunStatus,
  Scenario,
  ScenarioProblem,
  ScenarioStart,
  ScenarioWeather,
  SimMapping,
  SimService,
  SnapshotInfo,
  ZoneDelta,
  ZoneSetting,
} from './sim';
export type {
  GltfImportRequest,
  IfcImportRequest,
  IfcImportResult,
  MeshMapping,
  MeshMappingRule,
  PlanPoint,
  SceneAsset,
  SceneDocument,
  SceneFromTwinsRequest,
  SceneLevel,
  SceneOpening,
  SceneProblem,
  SceneProblemKind,
  SceneSource,
  SceneSpace,
  SceneSummary,
  SceneWall,
  SpatialService,
} from './spatial';
export { queryHistoryLimit, type QueryHistoryEntry, type QueryLanguage, type SavedQueriesService, type SavedQuery } from './saved-queries';
