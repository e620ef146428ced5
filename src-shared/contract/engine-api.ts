import type { AccessService } from './access';
import type { Event } from './event';
import type { AnalyticsService, TelemetryService } from './history';
import type { IngestService } from './ingest';
import type { JobsService } from './jobs';
import type { ModelsService } from './models';
import type { QueryService } from './query';
import type { RoutesService } from './routes';
import type { RulesService } from './rules';
import type { SimService } from './sim';
import type { SpatialService } from './spatial';
import type { SavedQueriesService } from './saved-queries';
import type { RelationshipsService, TwinsService } from './twins';
import type { WorkspaceService } from './workspace';

/** The one contract: every call a UI, CLI or server makes is a method of one of these services. */
export interface EngineApi {
  readonly workspace: WorkspaceService;
  readonly models: ModelsService;
  readonly twins: TwinsService;
  readonly relationships: RelationshipsService;
  readonly query: QueryService;
  readonly jobs: JobsService;
  readonly routes: RoutesService;
  readonly telemetry: TelemetryService;
  readonly analytics: AnalyticsService;
  readonly ingest: IngestService;
  readonly rules: RulesService;
  readonly access: AccessService;
  readonly sim: SimService;
  readonly spatial: SpatialService;
  readonly savedQueries: SavedQueriesService;
}

/** How a member crosses a transport: a call answered once, or an event pushed many times. */
export type MemberKind<Member> = Member extends Event<unknown> ? 'event' : 'call';

/** A runtime description of an API: for each service, each member and its kind. */
export type ApiSurface<Api> = {
  readonly [Service in keyof Api]: { readonly [Member in keyof Api[Service]]: MemberKind<Api[Service][Member]> };
};

/**
 * The EngineApi's members at run time. The type makes it exhaustive: a member added to a
 * service without a line here, or a line here without a member, does not compile.
 */
export const engineApiSurface = {
  workspace: { info: 'call', rename: 'call', onDidChange: 'event' },
  models: { list: 'call', get: 'call', validate: 'call', add: 'call', decommission: 'call', delete: 'call' },
  twins: { get: 'call', upsert: 'call', update: 'call', updateMany: 'call', delete: 'call', getComponent: 'call', updateComponent: 'call', count: 'call', onDidChange: 'event' },
  relationships: { get: 'call', upsert: 'call', update: 'call', delete: 'call', list: 'call', listIncoming: 'call' },
  query: { run: 'call', export: 'call', explain: 'call', cancel: 'call', indexes: 'call', addIndex: 'call', removeIndex: 'call' },
  routes: { listEndpoints: 'call', putEndpoint: 'call', deleteEndpoint: 'call', list: 'call', get: 'call', put: 'call', delete: 'call', deliveries: 'call', onDidFail: 'event' },
  telemetry: { publish: 'call', publishBatch: 'call', import: 'call', onDidPublish: 'event' },
  analytics: {
    sql: 'call',
    nextPage: 'call',
    closePages: 'call',
    export: 'call',
    exportTelemetry: 'call',
    cancel: 'call',
    onDidProgress: 'event',
    retention: 'call',
    setRetention: 'call',
    applyRetention: 'call',
  },
  ingest: {
    startSynthetic: 'call',
    stopSynthetic: 'call',
    status: 'call',
    listBindings: 'call',
    getBinding: 'call',
    putBinding: 'call',
    deleteBinding: 'call',
    generateBindings: 'call',
    listSources: 'call',
    putSource: 'call',
    deleteSource: 'call',
    startSource: 'call',
    stopSource: 'call',
    sources: 'call',
    receive: 'call',
  },
  rules: { list: 'call', get: 'call', put: 'call', delete: 'call', status: 'call', trace: 'call', onDidAlert: 'event' },
  access: { whoami: 'call', createToken: 'call', listTokens: 'call', revokeToken: 'call', listPolicies: 'call', getPolicy: 'call', putPolicy: 'call', deletePolicy: 'call', check: 'call', settings: 'call', updateSettings: 'call' },
  savedQueries: { list: 'call', save: 'call', delete: 'call', history: 'call', record: 'call', clearHistory: 'call' },
  jobs: { startImport: 'call', startExport: 'call', startSample: 'call', startDelete: 'call', get: 'call', list: 'call', wait: 'call', cancel: 'call', delete: 'call', log: 'call', onDidChange: 'event' },
  sim: {
    getMapping: 'call',
    putMapping: 'call',
    resetMapping: 'call',
    listScenarios: 'call',
    getScenario: 'call',
    validateScenario: 'call',
    putScenario: 'call',
    deleteScenario: 'call',
    startRun: 'call',
    waitRun: 'call',
    cancelRun: 'call',
    getRun: 'call',
    listRuns: 'call',
    deleteRun: 'call',
    kpis: 'call',
    compareRuns: 'call',
    runZones: 'call',
    zoneSeries: 'call',
    zoneValues: 'call',
    exportRun: 'call',
    saveSnapshot: 'call',
    listSnapshots: 'call',
    deleteSnapshot: 'call',
    onDidProgress: 'event',
  },
  spatial: { list: 'call', get: 'call', put: 'call', delete: 'call', fromTwins: 'call', importGltf: 'call', importIfc: 'call', assetFiles: 'call' },
} as const satisfies ApiSurface<EngineApi>;
