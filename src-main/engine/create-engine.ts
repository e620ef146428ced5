import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { EngineError, ErrorCode, engineApiSurface, type AccessSettings, type Disposable, type EngineApi, type GraphEvent, type JobInfo, type Principal, type RuleAlert, type RunProgress, type TelemetryReading, type WorkspaceChange } from '../../src-shared/contract';
import { AccessControl } from './access/access-control';
import { deleteAll } from './transfer/delete-all';
import { scopedApi } from './access/scoped-api';
import { LocalAccessService, ownerPrincipal } from './service/access-service';
import { defaultRetryPolicy, type RetryPolicy } from './events/endpoints/webhook-endpoint';
import { RouteDispatcher } from './events/route-dispatcher';
import { openGraph, pushGraphChanges } from './graph/open-graph';
import { HistoryTasks, modelAncestry, openHistory } from './history';
import { DeviceBindings } from './ingest/device-bindings';
import { DevicePipeline } from './ingest/device-pipeline';
import { DeviceSources } from './ingest/sources/device-sources';
import { SyntheticDevices } from './ingest/synthetic-devices';
import type { OutboxSubscriber } from './graph/outbox-drainer';
import { PropertyIndexes } from './graph/property-indexes';
import { ModelCatalog } from './models/model-catalog';
import { ModelStore } from './models/model-store';
import { LocalAnalyticsService, twinIdsOf } from './service/analytics-service';
import { LocalIngestService } from './service/ingest-service';
import { LocalJobsService } from './service/jobs-service';
import { LocalModelsService } from './service/models-service';
import { LocalQueryService, QueryCatalogSource } from './service/query-service';
import { LocalRelationshipsService } from './service/relationships-service';
import { LocalRoutesService } from './service/routes-service';
import { LocalRulesService } from './service/rules-service';
import { LocalSimService } from './service/sim-service';
import { RuleEngine } from './rules/rule-engine';
import { ScriptHost } from './rules/script-host';
import { LocalSpatialService } from './service/spatial-service';
import { LocalSavedQueriesService } from './service/saved-queries-service';
import { LocalTelemetryService } from './service/telemetry-service';
import { LocalTwinsService } from './service/twins-service';
import { LocalWorkspaceService } from './service/workspace-service';
import { Emitter } from './util/emitter';
import { SerialQueue } from './util/serial-queue';
import { openExtraConnection, openGraphDatabase } from './workspace/graph-database';
import { WalCheckpointer } from './workspace/wal-checkpointer';
import { SettingsStore } from './workspace/settings-store';
import { latestSchemaVersion } from './workspace/migrations';
import { loadSettings, prepareFolder, workspacePaths } from './workspace/workspace-folder';

/** Where the engine keeps its state. */
export interface EngineOptions {
  /** The workspace folder; created when missing. */
  readonly workspace: string;
  /** Path of a better-sqlite3 binary built for the running runtime, when it is not Node's (a desktop app run from a checkout). */
  readonly sqliteNativeBinding?: string;
  /** The application's resources folder (sample worlds); each host knows where its own is. */
  readonly resourcesDir?: string;
  /** Run the workspace's device sources (synthetic devices): hosts that stay up, not one-shot commands. */
  readonly runSources?: boolean;
  /** How webhooks are retried before an event is dead-lettered (tests shorten it). */
  readonly retryPolicy?: RetryPolicy;
}

/** The EngineApi of one open workspace, plus what only its host may do. */
export interface Engine extends EngineApi {
  /** Waits until every committed change has reached every outbox subscriber. */
  settled(): Promise<void>;
  /** Attaches a consumer of the graph's events (see OutboxSubscriber for delivery guarantees). */
  subscribeToOutbox(subscriber: OutboxSubscriber): Promise<Disposable>;
  /** The principal a bearer token stands for; `Unauthorized`, saying why, when it is malformed, unknown, expired or revoked. */
  authenticate(token: string): Promise<Principal>;
  /** The EngineApi as a principal may use it (policies enforced); the owner gets the engine's own. */
  scoped(principal: Principal): EngineApi;
  /** Access settings and whether any token could be used (a server beyond loopback needs one). */
  accessState(): Promise<AccessSettings & { readonly usableTokens: boolean }>;
  /** Closes the workspace; afterwards every call fails with `Unavailable`. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Wraps each service so that a call after `close()` fails with a typed error
 * instead of touching a closed database.
 */
function guardClosed(api: EngineApi, isClosed: () => boolean): EngineApi {
  const guarded: Record<string, Record<string, unknown>> = {};
  for (const [service, members] of Object.entries(engineApiSurface)) {
    const target = api[service as keyof EngineApi] as unknown as Record<string, (...args: unknown[]) => unknown>;
    const face: Record<string, unknown> = {};
    for (const [member, kind] of Object.entries(members)) {
      const original = target[member]!.bind(target);
      face[member] =
        kind === 'call'
          ? async (...args: unknown[]) => {
              if (isClosed()) throw new EngineError(ErrorCode.Unavailable, 'The workspace is closed.');
              return original(...args);
            }
          : original;
    }
    guarded[service] = Object.freeze(face);
  }
  return guarded as unknown as EngineApi;
}

/** Opens the workspace at `options.workspace` and returns its engine: the only door into it. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const paths = workspacePaths(options.workspace);
  await prepareFolder(paths.root);
  const settings = new SettingsStore(paths, await loadSettings(paths));
  const db = await openGraphDatabase(paths.graph, { nativeBinding: options.sqliteNativeBinding });
  const checkpointer = new WalCheckpointer(db, paths.graph, options.sqliteNativeBinding);
  const workspaceChanges = new Emitter<WorkspaceChange>();
  const graphChanges = new Emitter<readonly GraphEvent[]>();
  const writes = new SerialQueue();
  const modelStore = new ModelStore(db);
  const catalog = new ModelCatalog(modelStore);
  const eventSource = `twinbench://${encodeURIComponent(basename(paths.root))}`;
  const graph = openGraph({ db, catalog, modelStore, eventSource });
  const jobChanges = new Emitter<JobInfo>();
  const queryCatalog = new QueryCatalogSource(() => catalog.interfaces());
  const history = await openHistory(paths.history);
  const historyModels = async () => history.store?.setModels(modelAncestry(db));
  await historyModels();
  let reloadRules: () => Promise<void> = async () => undefined;
  workspaceChanges.event((change) => {
    if (change.kind === 'modelsCreated' || change.kind === 'modelDeleted') {
      graph.context.models.clear();
      queryCatalog.clear();
      historyModels().catch((error: unknown) => console.error('Could not update the models in history:', error));
      reloadRules().catch((error: unknown) => console.error('Could not recompile the rules:', error));
    }
  });
  const live = await pushGraphChanges(graph, graphChanges);
  const dispatcher = new RouteDispatcher({ retry: options.retryPolicy ?? defaultRetryPolicy, root: paths.root, deadLetterDir: join(paths.root, 'deadletters'), now: graph.context.now });
  const routes = new LocalRoutesService(settings, writes, dispatcher);
  const routing = await graph.context.drainer.subscribe(dispatcher);
  const recording = history.store ? await graph.context.drainer.subscribe(history.store) : null;
  const readings = new Emitter<readonly TelemetryReading[]>();
  const historyTasks = new HistoryTasks();
  const alerts = new Emitter<RuleAlert>();
  const routeEvent = (event: Record<string, unknown>) => void dispatcher.route({ specversion: '1.0', id: randomUUID(), source: eventSource, datacontenttype: 'application/json', ...event });
  // The rule engine writes through its own twins service: its writes are evaluated within its pass, not fed back.
  const ruleWrites = new LocalTwinsService(graph.twins, writes, graphChanges);
  const ruleEngine = new RuleEngine(graph.context, (patches) => ruleWrites.updateMany(patches), alerts, routeEvent, join(paths.root, 'rule-trace.json'));
  await ruleEngine.trace.load();
  const twins = new LocalTwinsService(graph.twins, writes, graphChanges, (changes) => {
    for (const change of changes) if (change.deleted) ruleEngine.forget(change.twinId);
    ruleEngine.onPropertyChanges(changes.filter((change) => !change.deleted).map((change) => ({ twinId: change.twinId, names: change.names, kind: 'property', depth: 0 })));
  });
  const scripts = new ScriptHost({
    get: async (id) => graph.twins.get(id),
    patch: async (id, patch, depth) => {
      await writes.run(() => graph.twins.update(id, patch));
      ruleEngine.onPropertyChanges([{ twinId: id, names: [...new Set(patch.map((operation) => operation.path.split('/')[1] ?? ''))].filter(Boolean), kind: 'script', depth }]);
    },
    query: async (text) => [...(await services.query.run(text, { pageSize: 1000 })).items],
    publish: (ruleId, twinId, type, data) => routeEvent({ type, subject: twinId, time: graph.context.now().toISOString(), data: { ruleId, data } }),
    failed: (ruleId, twinId, reason) => ruleEngine.scriptFailed(ruleId, twinId, reason),
    log: (ruleId, text) => console.log(`[rule ${ruleId}] ${text}`),
  });
  ruleEngine.attachScripts(scripts);
  const rules = new LocalRulesService(settings, writes, ruleEngine, { model: (id) => graph.context.models.get(id), isOfModel: graph.context.isOfModel }, alerts);
  reloadRules = () => rules.reload();
  await rules.reload();
  const telemetry = new LocalTelemetryService(graph.context, history, dispatcher, eventSource, readings, historyTasks, async (messages, stored) => ruleEngine.onTelemetry(messages, stored));
  const queryStore = { indexes: new PropertyIndexes(db), writes, openReader: () => openExtraConnection(paths.graph, options.sqliteNativeBinding) };
  const query = new LocalQueryService(db, queryCatalog, queryStore, historyTasks);
  const analytics = new LocalAnalyticsService({ history, tasks: historyTasks, settings, writes, now: graph.context.now, resolveTwins: async (text) => twinIdsOf(await query.allRows(text), text) });
  analytics.scheduleRetention();
  const synthetic = new SyntheticDevices(graph.context, telemetry);
  const bindings = new DeviceBindings(graph.context, settings, writes);
  workspaceChanges.event((change) => {
    if (change.kind === 'modelsCreated' || change.kind === 'modelDeleted') bindings.invalidate();
  });
  const pipeline = new DevicePipeline(bindings, telemetry, twins);
  const deviceSources = new DeviceSources(settings, writes, { apply: (messages) => pipeline.apply(messages), root: paths.root });
  const ingest = new LocalIngestService(synthetic, settings, writes, bindings, deviceSources);
  const control = new AccessControl(
    { get: () => settings.get().access ?? {}, update: async (change) => void (await settings.update((current) => ({ ...current, access: change(current.access ?? {}) }))) },
    db,
    () => openExtraConnection(paths.graph, options.sqliteNativeBinding),
  );
  const accessWatch = graphChanges.event((events) => control.observe(events));
  const modelExists = (id: string) => modelStore.get(id) !== undefined;
  const accessFor = (principal: Principal) => new LocalAccessService(principal, control, writes, db, modelExists);
  const runProgress = new Emitter<RunProgress>();
  const sim = new LocalSimService({ db, settings, writes, history, assetsDir: paths.assets, snapshotsDir: paths.snapshots, now: graph.context.now }, runProgress);
  const models = new LocalModelsService(catalog, writes, workspaceChanges);
  const relationships = new LocalRelationshipsService(graph.relationships, writes);
  const spatial = new LocalSpatialService({ root: paths.root, assetsDir: paths.assets, resourcesDir: options.resourcesDir, allRows: (text) => query.allRows(text), twins, relationships, models }, writes);
  const services: EngineApi = {
    workspace: new LocalWorkspaceService(paths, settings, latestSchemaVersion, workspaceChanges, writes),
    models,
    twins,
    rules,
    sim,
    relationships,
    query,
    spatial,
    routes,
    telemetry,
    ingest,
    analytics,
    access: accessFor(ownerPrincipal),
    savedQueries: new LocalSavedQueriesService(settings, writes),
    jobs: new LocalJobsService(
      {
        catalog,
        graph: graph.context,
        eventSource,
        jobsDir: paths.jobs,
        resourcesDir: options.resourcesDir,
        addRules: (sample) => rules.addFromWithin(sample),
        addScene: async (world) => {
          // A world whose twins have footprints (the campus) gets its floorplan; the others have none.
          const scene = await spatial.fromTwins({ id: world, name: `Sample ${world}` });
          if (scene.spaces === 0) await spatial.delete(world);
        },
        deleteAll: (signal, onProgress) =>
          deleteAll({ db, twins: graph.twins, relationships: graph.relationships, catalog, onModelDeleted: (id) => workspaceChanges.fire({ kind: 'modelDeleted', id }) }, signal, onProgress),
        openConnection: () => openExtraConnection(paths.graph, options.sqliteNativeBinding),
        onBulkWrite: () => checkpointer.start(),
      },
      writes,
      jobChanges,
    ),
  };
  if (options.runSources) await ingest.resume();
  let closed = false;
  const guarded = guardClosed(services, () => closed);
  return {
    ...guarded,
    authenticate: async (token) => {
      if (closed) throw new EngineError(ErrorCode.Unavailable, 'The workspace is closed.');
      return control.tokens.authenticate(token);
    },
    scoped: (principal) => (principal.owner ? guarded : scopedApi(principal, { api: guarded, control, queryCatalog, queryStore, accessFor, analyticsFor: (scope) => analytics.narrowed(scope) })),
    accessState: async () => ({ ...control.settings(), usableTokens: control.tokens.hasUsable() }),
    settled: () => graph.context.drainer.drained(),
    subscribeToOutbox: (subscriber) => graph.context.drainer.subscribe(subscriber),
    close: async () => {
      if (closed) return;
      closed = true;
      synthetic.stop();
      analytics.dispose();
      historyTasks.dispose();
      await sim.close();
      await ruleEngine.idle();
      await scripts.close();
      await ruleEngine.trace.flush();
      await deviceSources.closeAll();
      await writes.run(async () => undefined);
      await graph.context.drainer.drained();
      live.dispose();
      accessWatch.dispose();
      control.close();
      routing.dispose();
      dispatcher.close();
      recording?.dispose();
      await history.store?.close();
      readings.dispose();
      alerts.dispose();
      workspaceChanges.dispose();
      graphChanges.dispose();
      jobChanges.dispose();
      runProgress.dispose();
      await checkpointer.close();
      db.close();
    },
  };
}
