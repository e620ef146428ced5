import { InvalidArgumentError, Option, type Command } from 'commander';
import { EngineError, sampleWorlds, type Engine, type ExportFormat, type ImportFormat, type JobInfo } from '../../../engine';
import type { CliContext, RunCommand } from '../cli-context';
import { withProgressBar } from '../progress-bar';

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number of 1 or more.');
  return Number(value);
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Runs a job to its end, drawing its progress, and returns its final state (or throws its error). */
export async function follow(cli: CliContext, engine: Engine, started: JobInfo, label: string): Promise<JobInfo> {
  const finished = await withProgressBar(cli, {
    watch: (bar) =>
      engine.jobs.onDidChange((job) => {
        if (job.id !== started.id) return;
        const { bytesRead, totalBytes, twins, relationships, rejected, totalEntities } = job.progress;
        const fraction = totalEntities ? (twins + relationships) / totalEntities : job.type === 'import' && totalBytes > 0 ? bytesRead / totalBytes : null;
        bar.update(fraction, `${label}  ${count(twins, 'twin', 'twins')}  ${count(relationships, 'relationship', 'relationships')}${rejected ? `  ${count(rejected, 'refused', 'refused')}` : ''}`);
      }),
    cancel: () => void engine.jobs.cancel(started.id),
    run: () => engine.jobs.wait(started.id),
  });
  if (finished.error) throw EngineError.fromPayload(finished.error);
  return finished;
}

/** Creates a sample world as a job, following its progress; returns its final state. */
export async function createSample(cli: CliContext, engine: Engine, world: string, scale: number, seed: number): Promise<JobInfo> {
  const started = await engine.jobs.startSample(`sample-${world}-${Date.now()}`, { world, scale, seed });
  return follow(cli, engine, started, `Creating the ${world}`);
}

/** `twinbench import`, `twinbench export` and `twinbench sample`. */
export function registerTransferCommands(program: Command, run: RunCommand): void {
  program
    .command('import')
    .description('import a graph: ADT import-job NDJSON, ADT Explorer JSON or Excel, or CSV (all or nothing by default)')
    .argument('<file>', 'the file to import')
    .addOption(new Option('--format <format>', 'the file format (detected when absent)').choices(['jobs', 'explorer', 'xlsx', 'csv']))
    .option('--best-effort', 'apply what is valid and log every refused record')
    .option('--log <file>', "where the job log goes (ADT's NDJSON shape); the workspace's jobs folder by default")
    .option('--id <id>', 'the job id', `import-${Date.now()}`)
    .action((file: string, options: { format?: ImportFormat; bestEffort?: boolean; log?: string; id: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const began = Date.now();
          const started = await engine.jobs.startImport(options.id, { inputPath: file, format: options.format, bestEffort: options.bestEffort === true, outputPath: options.log });
          const job = await follow(cli, engine, started, `Importing ${file}`).catch((error: unknown) => {
            if (error instanceof EngineError) error.message += ` (log: ${started.outputPath})`;
            throw error;
          });
          const { models, twins, relationships, rejected } = job.progress;
          const seconds = ((Date.now() - began) / 1000).toFixed(1);
          cli.print(job, () =>
            [
              `Imported ${count(models, 'model', 'models')}, ${count(twins, 'twin', 'twins')} and ${count(relationships, 'relationship', 'relationships')} from ${file} in ${seconds} s.`,
              ...(rejected ? [`${count(rejected, 'record was', 'records were')} refused: see ${job.outputPath}.`] : []),
            ].join('\n'),
          );
        }),
      ),
    );
  program
    .command('sample')
    .description(`create a sample world in the workspace: ${sampleWorlds.join(', ')} (models, twins, relationships)`)
    .argument('<world>', sampleWorlds.join(' | '))
    .option('--scale <n>', 'campus: buildings; factory: factories; grid: regions', positiveInteger, 1)
    .option('--seed <n>', 'the same world, scale and seed give the same graph', positiveInteger, 1)
    .action((world: string, options: { scale: number; seed: number }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const began = Date.now();
          const job = await createSample(cli, engine, world, options.scale, options.seed);
          const { models, twins, relationships } = job.progress;
          const seconds = ((Date.now() - began) / 1000).toFixed(1);
          cli.print(job, () => `Created the ${world}: ${count(models, 'model', 'models')}, ${count(twins, 'twin', 'twins')} and ${count(relationships, 'relationship', 'relationships')} in ${seconds} s.`);
        }),
      ),
    );
  program
    .command('export')
    .description('export the whole graph (models, twins, relationships) to a file that re-imports to the same graph')
    .argument('<file>', 'the file to write')
    .addOption(new Option('--format <format>', 'ADT Explorer JSON or ADT import-job NDJSON').choices(['explorer', 'jobs']).default('explorer'))
    .option('--id <id>', 'the job id', `export-${Date.now()}`)
    .action((file: string, options: { format: ExportFormat; id: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const started = await engine.jobs.startExport(options.id, { outputPath: file, format: options.format });
          const job = await follow(cli, engine, started, `Exporting to ${file}`);
          const { models, twins, relationships } = job.progress;
          cli.print(job, () => `Exported ${count(models, 'model', 'models')}, ${count(twins, 'twin', 'twins')} and ${count(relationships, 'relationship', 'relationships')} to ${file}.`);
        }),
      ),
    );
}
