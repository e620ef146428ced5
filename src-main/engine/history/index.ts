export { HistoryStore, type HistoryStoreOptions, type ModelAncestry } from './history-store';
export { HistoryAnalytics, defaultRowLimit, defaultTimeoutMs, type AnalyticsOptions, type AnalyticsResult, type ExportFormat, type ExportOptions, type TelemetrySelection } from './analytics';
export { HistoryTasks, type HistoryTask } from './history-tasks';
export { checkRetention, keepEverything } from './retention';
export type { ImportChecks, ImportedSeries } from './telemetry-import';
export type { AnalyticsColumn } from './json-values';
export type { TelemetryRow } from './telemetry';
export { modelAncestry, openHistory, requireHistory, type HistoryHandle } from './open-history';
export type { PropertyEventRow, TwinLifecycleRow, RelationshipLifecycleRow } from './event-rows';
