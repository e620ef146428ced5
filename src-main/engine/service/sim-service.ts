import type { Database } from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import {
  EngineError,
  ErrorCode,
  isEngineError,
  toErrorPayload,
  type RunComparison,
  type RunInfo,
  type RunKpis,
  type RunProgress,
  type RunRequest,
  type Scenario,
  type ScenarioProblem,
  type SimMapping,
  type SimService,
  type ZoneSeries,
  type ZoneSeriesRequest,
  type ZoneValues,
  type ZoneValuesRequest,
  type SnapshotInfo,
} from '../../../src-shared/contract';
import { requireHistory, type HistoryHandle } from '../history';
import { bindGraph } from '../sim/binding/bind-graph';
import type { BoundModel } from '../sim/binding/bound-model';
import { checkMapping } from '../sim/binding/check-mapping';
import { defaultSimMapping } from '../sim/binding/default-mapping';
import { readGraphSnapshot } from '../sim/binding/graph-snapshot';
import { SnapshotStore } from '../sim/binding/saved-snapshot';
import { compareRuns, runKpis } from '../sim/results/kpis';
import { RunStore } from '../sim/results/run-store';
import { runZones, zoneSeries } from '../sim/results/zone-series';
import { zoneValues } from '../sim/results/zone-values';
import { stepCount } from '../sim/runner/step-table';
import { startWorker, type WorkerRun } from '../sim/runner/worker-runner';
import { checkScenario, scenarioSchemaProblems, simIdPattern } from '../sim/scenario/check-scenario';
import { loadWeather } from '../sim/scenario/load-weather';
import type { WeatherSeries } from '../sim/physics';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

interface ActiveRun {
  info: RunInfo;
  readonly worker: WorkerRun;
  readonly done: Promise<RunInfo>;
}

/** A scenario made ready to run: bound to the graph, with its weather. */
interface PreparedRun {
  readonly scenario: Scenario;
  readonly model: BoundModel;
  readonly weather: WeatherSeries;
}

/** What-if simulation: mapping and scenarios in workspace.json, runs in worker threads, results in history.duckdb. */
export class LocalSimService implements SimService {
  readonly onDidProgress;
  private readonly active = new Map<string, ActiveRun>();
  private store: RunStore | null = null;
  private readonly snapshots: SnapshotStore;

  constructor(
    private readonly environment: {
      readonly db: Database;
      readonly settings: SettingsStore;
      readonly writes: SerialQueue;
      readonly history: HistoryHandle;
      readonly assetsDir: string;
      readonly snapshotsDir: string;
      readonly now: () => Date;
    },
    private readonly progress: Emitter<RunProgress>,
  ) {
    this.onDidProgress = progress.event;
    this.snapshots = new SnapshotStore(environment.snapshotsDir);
  }

  /** The run store; runs left `running` by an engine that stopped are marked failed on first use. */
  private async runs(): Promise<RunStore> {
    if (this.store) return this.store;
    const store = new RunStore(requireHistory(this.environment.history));
    await store.markInterrupted(this.environment.now().toISOString());
    this.store = store;
    return store;
  }

  async getMapping(): Promise<SimMapping> {
    return this.environment.settings.get().sim?.mapping ?? defaultSimMapping;
  }

  async putMapping(mapping: SimMapping): Promise<SimMapping> {
    const checked = checkMapping(mapping);
    await this.environment.writes.run(() => this.environment.settings.update((settings) => ({ ...settings, sim: { ...settings.sim, mapping: checked } })));
    return checked;
  }

  async resetMapping(): Promise<SimMapping> {
    await this.environment.writes.run(() =>
      this.environment.settings.update((settings) => {
        const { mapping: _mapping, ...rest } = settings.sim ?? {};
        return { ...settings, sim: rest };
      }),
    );
    return defaultSimMapping;
  }

  async listScenarios(): Promise<Scenario[]> {
    return [...(this.environment.settings.get().sim?.scenarios ?? [])];
  }

  async getScenario(id: string): Promise<Scenario> {
    const found = this.environment.settings.get().sim?.scenarios?.find((scenario) => scenario.id === id);
    if (!found) throw new EngineError(ErrorCode.NotFound, `There is no scenario ${id}.`, { id });
    return found;
  }

  async validateScenario(scenario: Scenario): Promise<ScenarioProblem[]> {
    const problems = scenarioSchemaProblems(scenario);
    if (problems.length > 0) return problems;
    try {
      await this.prepare(scenario);
      return [];
    } catch (error) {
      if (!isEngineError(error)) throw error;
      const details = error.details as { problems?: ScenarioProblem[]; path?: string } | undefined;
      if (details?.problems) return details.problems;
      return [{ path: details?.path ?? '$', message: error.message }];
    }
  }

  async putScenario(scenario: Scenario): Promise<Scenario> {
    const checked = checkScenario(scenario);
    await this.environment.writes.run(() =>
      this.environment.settings.update((settings) => ({
        ...settings,
        sim: { ...settings.sim, scenarios: [...(settings.sim?.scenarios ?? []).filter((existing) => existing.id !== checked.id), checked] },
      })),
    );
    return checked;
  }

  async deleteScenario(id: string): Promise<void> {
    await this.environment.writes.run(() =>
      this.environment.settings.update((settings) => {
        if (!(settings.sim?.scenarios ?? []).some((scenario) => scenario.id === id)) throw new EngineError(ErrorCode.NotFound, `There is no scenario ${id}.`, { id });
        return { ...settings, sim: { ...settings.sim, scenarios: (settings.sim?.scenarios ?? []).filter((scenario) => scenario.id !== id) } };
      }),
    );
  }

  /** Checks the scenario, binds the graph and loads the weather: every input error surfaces here, before a run. */
  private async prepare(value: Scenario): Promise<PreparedRun> {
    const scenario = checkScenario(value);
    const mapping = await this.getMapping();
    const relationships = [mapping.servesRelationship, mapping.containsRelationship];
    const snapshot = scenario.from ? await this.snapshots.graph(scenario.from.snapshot) : readGraphSnapshot(this.environment.db, relationships);
    const model = bindGraph(snapshot, mapping, scenario);
    const weather = await loadWeather(scenario, this.environment.assetsDir, model.site);
    return { scenario, model, weather };
  }

  async startRun(scenario: string | Scenario, request: RunRequest = {}): Promise<RunInfo> {
    const prepared = await this.prepare(typeof scenario === 'string' ? await this.getScenario(scenario) : scenario);
    const store = await this.runs();
    const now = this.environment.now();
    const runId = request.runId ?? `${prepared.scenario.id}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${Math.random().toString(36).slice(2, 6)}`;
    if (!simIdPattern.test(runId)) throw new EngineError(ErrorCode.InvalidArgument, 'A run id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.', { runId });
    if (this.active.has(runId)) throw new EngineError(ErrorCode.Conflict, `Run ${runId} is already running.`, { runId });
    const info: RunInfo = {
      id: runId,
      scenarioId: prepared.scenario.id,
      status: 'running',
      baseline: request.baseline === true,
      seed: prepared.scenario.seed ?? 1,
      zones: prepared.model.zones.length,
      steps: stepCount(prepared.scenario),
      stepsDone: 0,
      startedAt: now.toISOString(),
    };
    await store.create(info, prepared.scenario, prepared.model.zones);
    this.launch(store, info, prepared);
    return info;
  }

  private launch(store: RunStore, info: RunInfo, prepared: PreparedRun): void {
    const worker = startWorker({ model: prepared.model, scenario: prepared.scenario, weather: prepared.weather }, async (chunk) => {
      await store.append(info.id, chunk);
      this.update(run, { stepsDone: chunk.firstStep + chunk.steps });
    });
    const finish = async (status: RunInfo['status'], error?: unknown) => {
      const finishedAt = this.environment.now().toISOString();
      const payload = error === undefined ? undefined : toErrorPayload(error);
      await store.finish(info.id, status, finishedAt, payload).catch((failure: unknown) => console.error(`Could not record the end of run ${info.id}:`, failure));
      this.update(run, { status, finishedAt, ...(payload ? { error: payload } : {}) });
      this.active.delete(info.id);
      return run.info;
    };
    const run: ActiveRun = {
      info,
      worker,
      done: worker.done.then(
        () => finish('succeeded'),
        (error: unknown) => finish(isEngineError(error) && error.code === ErrorCode.Cancelled ? 'cancelled' : 'failed', error),
      ),
    };
    this.active.set(info.id, run);
  }

  private update(run: ActiveRun, change: Partial<RunInfo>): void {
    run.info = { ...run.info, ...change };
    this.progress.fire({ runId: run.info.id, status: run.info.status, stepsDone: run.info.stepsDone, steps: run.info.steps });
  }

  async waitRun(runId: string): Promise<RunInfo> {
    const run = this.active.get(runId);
    if (run) return run.done;
    return this.getRun(runId);
  }

  async cancelRun(runId: string): Promise<RunInfo> {
    const run = this.active.get(runId);
    if (!run) return this.getRun(runId);
    run.worker.cancel();
    return run.info;
  }

  async getRun(runId: string): Promise<RunInfo> {
    const active = this.active.get(runId);
    if (active) return active.info;
    const { stepMinutes: _step, comfortBand: _band, ...info } = await (await this.runs()).get(runId);
    return info;
  }

  async listRuns(): Promise<RunInfo[]> {
    const stored = await (await this.runs()).list();
    return stored.map(({ stepMinutes: _step, comfortBand: _band, ...info }) => this.active.get(info.id)?.info ?? info);
  }

  async deleteRun(runId: string): Promise<void> {
    if (this.active.has(runId)) throw new EngineError(ErrorCode.Conflict, `Run ${runId} is still running; cancel it first.`, { runId });
    await (await this.runs()).delete(runId);
  }

  /** The run, refusing one still going on (its figures would be partial). */
  private async finished(runId: string): Promise<void> {
    if (this.active.has(runId)) throw new EngineError(ErrorCode.Conflict, `Run ${runId} is still running; wait for it to finish.`, { runId });
    await (await this.runs()).get(runId);
  }

  async kpis(runId: string): Promise<RunKpis> {
    await this.finished(runId);
    return runKpis(await this.runs(), runId);
  }

  async compareRuns(a: string, b: string): Promise<RunComparison> {
    await this.finished(a);
    await this.finished(b);
    return compareRuns(await this.runs(), a, b);
  }

  async runZones(runId: string): Promise<string[]> {
    return runZones(await this.runs(), runId);
  }

  async zoneSeries(runId: string, request: ZoneSeriesRequest): Promise<ZoneSeries> {
    await this.finished(runId);
    return zoneSeries(await this.runs(), runId, request);
  }

  async zoneValues(runId: string, request: ZoneValuesRequest): Promise<ZoneValues> {
    await this.finished(runId);
    return zoneValues(await this.runs(), runId, request);
  }

  async exportRun(runId: string, options: { readonly path: string; readonly format: 'csv' | 'parquet'; readonly force?: boolean }): Promise<{ readonly rows: number }> {
    await this.finished(runId);
    const path = options?.path;
    if (typeof path !== 'string' || !isAbsolute(path)) throw new EngineError(ErrorCode.InvalidArgument, `The export path must be absolute; got ${JSON.stringify(path)}.`, { path });
    if (options.format !== 'csv' && options.format !== 'parquet') throw new EngineError(ErrorCode.InvalidArgument, `Unknown export format ${JSON.stringify(options.format)}; use csv or parquet.`, { format: options.format });
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists && options.force !== true) throw new EngineError(ErrorCode.Conflict, `${path} already exists; pass force to overwrite it.`, { path });
    // The run id matched simIdPattern when it was stored, so it is safe as a literal.
    const sql = `SELECT r.* FROM sim_results r JOIN sim_zones z ON z.run_id = r.run_id AND z.zone_id = r.zone_id WHERE r.run_id = '${runId.replace(/'/g, "''")}' ORDER BY r.step, z.zone_index`;
    return requireHistory(this.environment.history).analytics.exportSql(sql, path, options.format, { force: true, timeoutMs: 600_000 });
  }

  async saveSnapshot(name: string, options: { readonly replace?: boolean } = {}): Promise<SnapshotInfo> {
    const mapping = await this.getMapping();
    return this.environment.writes.run(() =>
      this.snapshots.save(this.environment.db, name, [mapping.servesRelationship, mapping.containsRelationship], this.environment.now().toISOString(), options?.replace === true),
    );
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    return this.snapshots.list();
  }

  async deleteSnapshot(name: string): Promise<void> {
    await this.environment.writes.run(() => this.snapshots.delete(name));
  }

  /** Cancels the runs still going on and waits for them, so the history closes cleanly. */
  async close(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.worker.cancel();
    await Promise.all(runs.map((run) => run.done.catch(() => undefined)));
  }
}
