import { Option, type Command } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EngineError, ErrorCode, type Engine, type RunComparison, type RunInfo, type RunKpis, type Scenario, type SimMapping } from '../../../engine';
import { formatFields, formatTable, type CliContext, type RunCommand } from '../cli-context';
import { jsonArgument } from '../json-input';
import { withProgressBar } from '../progress-bar';

type FileFormat = 'csv' | 'parquet';

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

/** A scenario argument: a JSON file, or the id of a stored scenario. */
async function scenarioArgument(argument: string): Promise<Scenario | string> {
  const isFile = await stat(argument).then(
    (info) => info.isFile(),
    () => false,
  );
  if (isFile) return (await jsonArgument(`@${argument}`, 'scenario')) as Scenario;
  if (argument.endsWith('.json')) throw new EngineError(ErrorCode.NotFound, `There is no scenario file ${argument}.`, { path: argument });
  return argument;
}

/** The format asked for, or the one the file name says (Parquet unless it ends in .csv). */
function formatOf(path: string, format: FileFormat | undefined): FileFormat {
  return format ?? (path.toLowerCase().endsWith('.csv') ? 'csv' : 'parquet');
}

function describeKpis(kpis: RunKpis): string {
  const e = kpis.energyKwh;
  const p = kpis.ppdHours;
  return formatFields([
    ['Energy (kWh)', `${fixed(e.total)} total: heating ${fixed(e.heating)}, cooling ${fixed(e.cooling)}, fans ${fixed(e.fans)}, lighting ${fixed(e.lighting)}, equipment ${fixed(e.equipment)}`],
    ['Outside comfort', `${fixed(kpis.hoursOutsideComfort)} of ${fixed(kpis.occupiedHours)} occupied zone-hours`],
    ['Peak temperature', kpis.peakTemperature ? `${fixed(kpis.peakTemperature.value, 2)} °C in ${kpis.peakTemperature.zone} at ${kpis.peakTemperature.time}` : '–'],
    ['CO2 over 1,000 ppm', `${fixed(kpis.co2PpmHoursOver1000, 0)} ppm·h`],
    ['PPD (zone-hours)', `<10 %: ${fixed(p.below10)}  10–15 %: ${fixed(p.from10to15)}  15–25 %: ${fixed(p.from15to25)}  ≥25 %: ${fixed(p.atLeast25)}  outside ISO 7730: ${fixed(p.invalid)}`],
  ]);
}

function describeRuns(runs: readonly RunInfo[]): string {
  if (runs.length === 0) return 'No runs.';
  return formatTable(
    ['RUN', 'SCENARIO', 'STATUS', 'ZONES', 'STEPS', 'STARTED'],
    runs.map((run) => [`${run.id}${run.baseline ? ' (baseline)' : ''}`, run.scenarioId, run.status, String(run.zones), `${run.stepsDone}/${run.steps}`, run.startedAt]),
  );
}

function describeComparison(comparison: RunComparison): string {
  const kpis = formatTable(
    ['KPI', 'UNIT', comparison.a, comparison.b, 'DELTA'],
    comparison.kpis.map((line) => [line.kpi, line.unit, fixed(line.a, 2), fixed(line.b, 2), `${line.delta > 0 ? '+' : ''}${fixed(line.delta, 2)}`]),
  );
  const changed = [...comparison.zones].sort((x, y) => (y.maxTemperatureDifference || 0) - (x.maxTemperatureDifference || 0)).slice(0, 10);
  const zones = formatTable(
    ['ZONE', 'kWh A', 'kWh B', 'OUT A', 'OUT B', 'PEAK A', 'PEAK B', 'MAX |Δθ|'],
    changed.map((z) => [z.zone, fixed(z.energyKwhA), fixed(z.energyKwhB), fixed(z.hoursOutsideComfortA), fixed(z.hoursOutsideComfortB), fixed(z.peakTemperatureA, 2), fixed(z.peakTemperatureB, 2), fixed(z.maxTemperatureDifference, 2)]),
  );
  return `${kpis}\n\nZones that differ most (${comparison.zones.length} in all):\n${zones}`;
}

/** Runs a scenario to its end with a progress bar on a terminal; Ctrl+C cancels the run. */
async function follow(cli: CliContext, engine: Engine, started: RunInfo): Promise<RunInfo> {
  const finished = await withProgressBar(cli, {
    watch: (bar) =>
      engine.sim.onDidProgress((progress) => {
        if (progress.runId === started.id) bar.update(progress.stepsDone / progress.steps, `Simulating ${started.zones} zones  step ${progress.stepsDone}/${progress.steps}`);
      }),
    cancel: () => void engine.sim.cancelRun(started.id),
    run: () => engine.sim.waitRun(started.id),
  });
  if (finished.error) throw EngineError.fromPayload(finished.error);
  return finished;
}

/** `twinbench simulate`, `twinbench runs …`, `twinbench scenario …`, `twinbench snapshot …` and `twinbench sim-mapping …`. */
export function registerSimCommands(program: Command, run: RunCommand): void {
  program
    .command('simulate')
    .description('run a what-if scenario (a JSON file or a stored scenario id) on the graph and print its KPIs')
    .argument('<scenario>', 'scenario.json, or the id of a stored scenario')
    .option('--baseline', 'mark the run as a baseline')
    .option('--run-id <id>', 'the run id (default: the scenario id and the time)')
    .option('--out <file>', 'also write the results per zone per step to this file')
    .addOption(new Option('--format <format>', 'format of --out (default: from the file name, else parquet)').choices(['parquet', 'csv']))
    .option('--force', 'overwrite --out when it exists')
    .action((scenario: string, options: { baseline?: boolean; runId?: string; out?: string; format?: FileFormat; force?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const out = options.out ? resolve(options.out) : undefined;
          if (out && options.force !== true && (await stat(out).then(() => true, () => false))) throw new EngineError(ErrorCode.Conflict, `${out} already exists; pass --force to overwrite it.`, { path: out });
          const began = Date.now();
          const started = await engine.sim.startRun(await scenarioArgument(scenario), { baseline: options.baseline === true, ...(options.runId ? { runId: options.runId } : {}) });
          const finished = await follow(cli, engine, started);
          const kpis = await engine.sim.kpis(finished.id);
          const exported = out ? await engine.sim.exportRun(finished.id, { path: out, format: formatOf(out, options.format), force: options.force === true }) : undefined;
          const seconds = ((Date.now() - began) / 1000).toFixed(1);
          cli.print({ run: finished, kpis, ...(exported ? { exported: { path: out, rows: exported.rows } } : {}) }, () =>
            [`Run ${finished.id}: ${finished.zones} zones × ${finished.steps} steps in ${seconds} s.`, describeKpis(kpis), ...(exported ? [`Wrote ${exported.rows} rows to ${out}.`] : [])].join('\n'),
          );
        }),
      ),
    );

  const runs = program.command('runs').description('simulation runs: list, show, compare, export, delete');
  runs
    .command('list')
    .description('list the runs, newest first')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.sim.listRuns(), describeRuns))));
  runs
    .command('show')
    .argument('<run>', 'the run id')
    .description('show a run and its KPIs')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const info = await engine.sim.getRun(id);
          const kpis = info.status === 'running' ? null : await engine.sim.kpis(id);
          cli.print({ run: info, kpis }, () => [describeRuns([info]), ...(info.error ? [`Error: ${info.error.message}`] : []), ...(kpis ? ['', describeKpis(kpis)] : [])].join('\n'));
        }),
      ),
    );
  runs
    .command('compare')
    .argument('<a>', 'the first run (the reference)')
    .argument('<b>', 'the second run')
    .description('compare two runs: KPIs with deltas (b − a) and per-zone differences')
    .action((a: string, b: string, _options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.sim.compareRuns(a, b), describeComparison))));
  runs
    .command('export')
    .argument('<run>', 'the run id')
    .argument('<file>', 'the file to write')
    .addOption(new Option('--format <format>', 'default: from the file name, else parquet (zstd)').choices(['parquet', 'csv']))
    .option('--force', 'overwrite the file when it exists')
    .description('write a run’s results per zone per step to CSV or Parquet')
    .action((id: string, file: string, options: { format?: FileFormat; force?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const path = resolve(file);
          const result = await engine.sim.exportRun(id, { path, format: formatOf(path, options.format), force: options.force === true });
          cli.print({ path, ...result }, () => `Wrote ${result.rows} rows to ${path}.`);
        }),
      ),
    );
  runs
    .command('delete')
    .argument('<run>', 'the run id')
    .description('delete a run and its results')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.sim.deleteRun(id);
          cli.print({ deleted: id }, () => `Deleted run ${id}.`);
        }),
      ),
    );

  const scenario = program.command('scenario').description('what-if scenarios stored in the workspace');
  scenario
    .command('list')
    .description('list the stored scenarios')
    .action((_options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const list = await engine.sim.listScenarios();
          cli.print(list, () => (list.length === 0 ? 'No scenarios.' : formatTable(['ID', 'HORIZON (h)', 'WEATHER', 'INTERVENTIONS'], list.map((s) => [s.id, String(s.horizonHours), s.weather.kind, String(s.interventions?.length ?? 0)]))));
        }),
      ),
    );
  scenario
    .command('show')
    .argument('<id>', 'the scenario id')
    .description('print a stored scenario as JSON')
    .action((id: string, _options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.io.stdout(`${JSON.stringify(await engine.sim.getScenario(id), null, 2)}\n`))));
  scenario
    .command('put')
    .argument('<json>', 'the scenario: inline JSON, @file or - for standard input')
    .description('add or replace a scenario')
    .action((json: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const saved = await engine.sim.putScenario((await jsonArgument(json, 'scenario')) as Scenario);
          cli.print(saved, () => `Saved scenario ${saved.id}.`);
        }),
      ),
    );
  scenario
    .command('validate')
    .argument('<json>', 'the scenario: inline JSON, @file or - for standard input')
    .description('check a scenario against the schema, the graph and its weather file; exit code 1 when it has problems')
    .action((json: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const problems = await engine.sim.validateScenario((await jsonArgument(json, 'scenario')) as Scenario);
          cli.print(problems, () => (problems.length === 0 ? 'The scenario is valid.' : problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n')));
          return problems.length === 0 ? 0 : 1;
        }),
      ),
    );
  scenario
    .command('delete')
    .argument('<id>', 'the scenario id')
    .description('delete a stored scenario')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.sim.deleteScenario(id);
          cli.print({ deleted: id }, () => `Deleted scenario ${id}.`);
        }),
      ),
    );

  const snapshot = program.command('snapshot').description('saved copies of the graph that scenarios start from ("from": { "snapshot": "<name>" })');
  snapshot
    .command('save')
    .argument('<name>', 'the snapshot name')
    .option('--replace', 'overwrite a snapshot of that name')
    .description('save the live graph’s simulation-relevant state (twins, the mapping’s relationships, the site) under a name')
    .action((name: string, options: { replace?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const saved = await engine.sim.saveSnapshot(name, { replace: options.replace === true });
          cli.print(saved, () => `Saved snapshot ${saved.name}: ${saved.twins} twins, ${saved.relationships} relationships.`);
        }),
      ),
    );
  snapshot
    .command('list')
    .description('list the saved snapshots')
    .action((_options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const list = await engine.sim.listSnapshots();
          cli.print(list, () => (list.length === 0 ? 'No snapshots.' : formatTable(['NAME', 'SAVED', 'TWINS', 'RELATIONSHIPS'], list.map((s) => [s.name, s.createdAt, String(s.twins), String(s.relationships)]))));
        }),
      ),
    );
  snapshot
    .command('delete')
    .argument('<name>', 'the snapshot name')
    .description('delete a saved snapshot')
    .action((name: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.sim.deleteSnapshot(name);
          cli.print({ deleted: name }, () => `Deleted snapshot ${name}.`);
        }),
      ),
    );

  const mapping = program.command('sim-mapping').description('how twins become simulation zones and plant (workspace data)');
  mapping
    .command('show')
    .description('print the mapping in use as JSON')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.io.stdout(`${JSON.stringify(await engine.sim.getMapping(), null, 2)}\n`))));
  mapping
    .command('set')
    .argument('<json>', 'the mapping: inline JSON, @file or - for standard input')
    .description('replace the mapping after checking it')
    .action((json: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.sim.putMapping((await jsonArgument(json, "mapping")) as SimMapping);
          cli.print({ saved: true }, () => 'Saved the simulation mapping.');
        }),
      ),
    );
  mapping
    .command('reset')
    .description('go back to the default mapping (the sample campus models)')
    .action((_options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.sim.resetMapping();
          cli.print({ reset: true }, () => 'The default simulation mapping applies again.');
        }),
      ),
    );
}
