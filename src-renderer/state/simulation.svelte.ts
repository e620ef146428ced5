import type { EngineApi, RunInfo, RunProgress, Scenario, ScenarioProblem } from '../../src-shared/contract';
import { freeScenarioId, newScenario, parseScenarioJson, scenarioJson } from '../features/simulation/scenario-form';
import { ExportState } from './export.svelte';
import { describeError } from './workspace.svelte';

/** How long the editor waits after the last change before asking the engine to check the scenario. */
const validateDelayMs = 300;

/**
 * The simulation area: the scenario being edited (one value behind both the form and the JSON
 * view), the engine's problems with it, the stored scenarios, and the runs with their progress.
 */
export class SimulationState {
  scenarios = $state.raw<Scenario[]>([]);
  /** The scenario the editor shows; the form and the JSON view both change only this. */
  scenario = $state.raw<Scenario>(newScenario());
  /** The JSON view's text: rewritten from `scenario` after a form edit, kept as typed otherwise. */
  jsonText = $state(scenarioJson(newScenario()));
  jsonError = $state<string | null>(null);
  problems = $state.raw<ScenarioProblem[]>([]);
  checking = $state(false);
  runs = $state.raw<RunInfo[]>([]);
  baseline = $state(false);
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** The run whose results the export form writes. */
  exportRunId = $state<string | null>(null);
  readonly exporter: ExportState;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private validation = 0;

  constructor(
    private readonly api: EngineApi,
    workspaceFolder: () => string | undefined,
  ) {
    api.sim.onDidProgress((progress) => this.progressed(progress));
    this.exporter = new ExportState(['csv', 'parquet'], workspaceFolder, async (format, path) => {
      if (!this.exportRunId) throw new Error('Choose a run to export.');
      return (await api.sim.exportRun(this.exportRunId, { path, format: format as 'csv' | 'parquet' })).rows;
    });
  }

  async load(): Promise<void> {
    try {
      [this.scenarios, this.runs] = await Promise.all([this.api.sim.listScenarios(), this.api.sim.listRuns()]);
      this.error = null;
      this.check();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** A change from the form: the JSON view follows. */
  edit(next: Scenario): void {
    this.scenario = next;
    this.jsonText = scenarioJson(next);
    this.jsonError = null;
    this.check();
  }

  /** A change in the JSON view: the form follows when the text is a scenario-shaped object. */
  editJson(text: string): void {
    this.jsonText = text;
    const parsed = parseScenarioJson(text);
    if ('error' in parsed) {
      this.jsonError = parsed.error;
      return;
    }
    this.jsonError = null;
    this.scenario = parsed.scenario;
    this.check();
  }

  /** Opens a stored scenario, or a new one. */
  open(scenario: Scenario | null): void {
    this.message = null;
    this.edit(scenario ?? newScenario(freeScenarioId(this.scenarios.map((stored) => stored.id))));
  }

  /** Asks the engine for the scenario's problems, shortly after the last change. */
  private check(): void {
    clearTimeout(this.validateTimer);
    this.checking = true;
    const asked = ++this.validation;
    this.validateTimer = setTimeout(async () => {
      try {
        const problems = await this.api.sim.validateScenario(this.scenario);
        if (asked === this.validation) this.problems = problems;
      } catch (error) {
        if (asked === this.validation) this.problems = [{ path: '$', message: describeError(error) }];
      } finally {
        if (asked === this.validation) this.checking = false;
      }
    }, validateDelayMs);
  }

  get canRun(): boolean {
    return !this.checking && this.problems.length === 0 && this.jsonError === null && !this.busy;
  }

  async save(): Promise<void> {
    await this.act(async () => {
      const saved = await this.api.sim.putScenario(this.scenario);
      this.scenarios = await this.api.sim.listScenarios();
      this.message = `Saved scenario ${saved.id}.`;
    });
  }

  async remove(id: string): Promise<void> {
    await this.act(async () => {
      await this.api.sim.deleteScenario(id);
      this.scenarios = await this.api.sim.listScenarios();
      this.message = `Deleted scenario ${id}.`;
    });
  }

  /** Starts a run of the edited scenario (as it is now, saved or not). */
  async run(): Promise<void> {
    await this.act(async () => {
      const started = await this.api.sim.startRun(this.scenario, { baseline: this.baseline });
      this.runs = [started, ...this.runs.filter((run) => run.id !== started.id)];
      this.message = `Run ${started.id} started: ${started.zones.toLocaleString('en')} zones, ${started.steps.toLocaleString('en')} steps.`;
    });
  }

  async cancel(runId: string): Promise<void> {
    await this.act(async () => void (await this.api.sim.cancelRun(runId)));
  }

  async deleteRun(runId: string): Promise<void> {
    await this.act(async () => {
      await this.api.sim.deleteRun(runId);
      this.runs = this.runs.filter((run) => run.id !== runId);
      if (this.exportRunId === runId) this.exportRunId = null;
      this.message = `Deleted run ${runId} and its results.`;
    });
  }

  showExport(runId: string): void {
    this.exportRunId = runId;
    this.exporter.show();
    this.exporter.path = this.exporter.path.replace(/results-[^/]*$/, `${runId}.${this.exporter.format}`);
  }

  private progressed(progress: RunProgress): void {
    const known = this.runs.some((run) => run.id === progress.runId);
    if (!known) {
      void this.refreshRuns();
      return;
    }
    this.runs = this.runs.map((run) => (run.id === progress.runId ? { ...run, status: progress.status, stepsDone: progress.stepsDone, steps: progress.steps } : run));
    // A finished run gets its end time and any error from the engine.
    if (progress.status !== 'running') void this.refreshRuns();
  }

  private async refreshRuns(): Promise<void> {
    try {
      this.runs = await this.api.sim.listRuns();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.message = null;
    try {
      await work();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }
}
