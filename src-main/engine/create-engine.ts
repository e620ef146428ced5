import { basename, join } from 'node:path';
import { EngineError, ErrorCode, engineApiSurface, type Disposable, type EngineApi, type GraphEvent, type JobInfo, type TelemetryReading, type WorkspaceChange } from '../../src-shared/contract';
import { defaultRetryPolicy, type RetryPolicy } from './events/endpoints/webhook-endpoint';
import { RouteDispatcher } from './events/route-dispatcher';
import { openGraph, pushGraphChanges } from './graph/open-graph';
import { modelAncestry, openHistory } from './history';
import { SyntheticDevices } from './ingest/synthetic-devices';
import type { OutboxSubscriber } from './graph/outbox-drainer';
import { ModelCatalog } from './models/model-catalog';
import { ModelStore } from './models/model-store';
import { LocalAnalyticsService } from './service/analytics-service';
import { LocalIngestService } from './service/ingest-service';
import { LocalJobsService } from './service/jobs-service';
import { LocalModelsService } from './service/models-service';
import { LocalQueryService, QueryCatalogSource } from './service/query-service';
import { LocalRelationshipsService } from './service/relationships-service';
import { LocalRoutesService } from './service/routes-service';
import { LocalRulesService } from './service/rules-service';
import { LocalSavedQueriesService } from './service/saved-queries-service';
import { TelemetryRules } from './rules/telemetry-rules';
import { LocalTelemetryService } from './service/telemetry-service';
import { LocalTwinsService } from './service/twins-service';
import { LocalWorkspaceService } from './service/workspace-service';
import { Emitter } from './util/emitter';
import { SerialQueue } from './util/serial-queue';
import { openExtraConnection, openGraphDatabase } from './workspace/graph-database';
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
  workspaceChanges.event((change) => {
    if (change.kind === 'modelsCreated' || change.kind === 'modelDeleted') {
      graph.context.models.clear();
      queryCatalog.clear();
      historyModels().catch((error: unknown) => console.error('Could not update the models in history:', error));
    }
  });
  const live = await pushGraphChanges(graph, graphChanges);
  const dispatcher = new RouteDispatcher({ retry: options.retryPolicy ?? defaultRetryPolicy, root: paths.root, deadLetterDir: join(paths.root, 'deadletters'), now: graph.context.now });
  const routes = new LocalRoutesService(settings, writes, dispatcher);
  const routing = await graph.context.drainer.subscribe(dispatcher);
  const recording = history.store ? await graph.context.drainer.subscribe(history.store) : null;
  const readings = new Emitter<readonly TelemetryReading[]>();
  const twins = new LocalTwinsService(graph.twins, writes, graphChanges);
  const telemetryRules = new TelemetryRules(graph.context, twins);
  const rules = new LocalRulesService(settings, writes, telemetryRules);
  const telemetry = new LocalTelemetryService(graph.context, history, dispatcher, eventSource, readings, (messages) => telemetryRules.apply(messages));
  const synthetic = new SyntheticDevices(graph.context, telemetry);
  const ingest = new LocalIngestService(synthetic, settings, writes);
  const services: EngineApi = {
    workspace: new LocalWorkspaceService(paths, settings, latestSchemaVersion, workspaceChanges, writes),
    models: new LocalModelsService(catalog, writes, workspaceChanges),
    twins,
    rules,
    relationships: new LocalRelationshipsService(graph.relationships, writes),
    query: new LocalQueryService(db, queryCatalog),
    routes,
    telemetry,
    ingest,
    analytics: new LocalAnalyticsService(history),
    savedQueries: new LocalSavedQueriesService(settings, writes),
    jobs: new LocalJobsService(
      {
        catalog,
        graph: graph.context,
        eventSource,
        jobsDir: paths.jobs,
        resourcesDir: options.resourcesDir,
        addRules: (sample) => rules.addFromWithin(sample),
        openConnection: () => openExtraConnection(paths.graph, options.sqliteNativeBinding),
      },
      writes,
      jobChanges,
    ),
  };
  if (options.runSources) await ingest.resume();
  let closed = false;
  return {
    ...guardClosed(services, () => closed),
    settled: () => graph.context.drainer.drained(),
    subscribeToOutbox: (subscriber) => graph.context.drainer.subscribe(subscriber),
    close: async () => {
      if (closed) return;
      closed = true;
      synthetic.stop();
      await writes.run(async () => undefined);
      await graph.context.drainer.drained();
      live.dispose();
      routing.dispose();
      recording?.dispose();
      await history.store?.close();
      readings.dispose();
      workspaceChanges.dispose();
      graphChanges.dispose();
      jobChanges.dispose();
      db.close();
    },
  };
}
