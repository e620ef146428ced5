import type { Command } from 'commander';
import { schemaViewText, validateModelSources, type CloudWarning, type ContentView, type ModelData, type ModelDetail, type ModelProblem } from '../../../engine';
import { formatFields, formatTable, type CliContext, type RunCommand } from '../cli-context';
import { ExitCode } from '../exit-codes';
import { readModelSources } from '../model-files';

const nameOf = (names: Readonly<Record<string, string>>) => names.en ?? Object.values(names)[0] ?? '';

function describeList(models: readonly ModelData[]): string {
  if (models.length === 0) return 'No models in this workspace.';
  return formatTable(
    ['ID', 'DISPLAY NAME', 'UPLOADED', 'STATE'],
    models.map((model) => [model.id, nameOf(model.displayName), model.uploadTime, model.decommissioned ? 'decommissioned' : 'active']),
  );
}

/** `file:line: <kind>: message`, the form editors and CI logs understand. */
export function formatProblem(problem: ModelProblem): string {
  const where = [problem.source ?? '(models)', problem.line, problem.line !== undefined ? problem.column : undefined].filter((part) => part !== undefined).join(':');
  const kind = problem.validationId.split(':').at(-1);
  return `${where}: ${kind}: ${problem.message}`;
}

function formatWarning(warning: CloudWarning): string {
  return `${warning.source ?? '(models)'}: warning: ${warning.limit}: ${warning.message}`;
}

function contentType(content: ContentView): string {
  if (content.kind === 'Relationship') return content.target ? `→ ${content.target}` : '→ any';
  if (content.kind === 'Component') return content.componentSchema ?? '';
  if (content.kind === 'Command') return content.request ? `(${schemaViewText(content.request.schema)})` : '()';
  return [schemaViewText(content.schema), content.unit ? `[${content.unit}]` : '', content.writable ? 'writable' : ''].filter(Boolean).join(' ');
}

function describeModel(model: ModelDetail): string {
  const head = formatFields([
    ['Model', model.id],
    ['Display name', nameOf(model.displayName)],
    ['Extends', model.extends.join(', ') || '—'],
    ['Uploaded', model.uploadTime],
    ['State', model.decommissioned ? 'decommissioned' : 'active'],
  ]);
  if (model.contents.length === 0) return `${head}\n\nNo contents.`;
  const rows = model.contents.map((content) => [content.name, content.kind, contentType(content), content.inherited ? content.declaredIn : '']);
  return `${head}\n\n${formatTable(['NAME', 'KIND', 'SCHEMA', 'INHERITED FROM'], rows)}`;
}

async function validate(cli: CliContext, paths: readonly string[], cloud: boolean): Promise<number> {
  const sources = await readModelSources(paths);
  const { ok, interfaceCount, errors, warnings } = await validateModelSources(sources, { cloudCompatible: cloud });
  if (cli.options.json) cli.io.stdout(`${JSON.stringify({ ok, interfaceCount, files: sources.length, errors, warnings }, null, 2)}\n`);
  else {
    for (const problem of errors) cli.io.stdout(`${formatProblem(problem)}\n`);
    for (const warning of warnings) cli.io.stdout(`${formatWarning(warning)}\n`);
    const files = `${sources.length} ${sources.length === 1 ? 'file' : 'files'}`;
    cli.io.stdout(ok ? `Valid: ${interfaceCount} interfaces in ${files}.\n` : `Invalid: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'} in ${files}.\n`);
  }
  return ok ? ExitCode.Ok : ExitCode.InvalidInput;
}

async function add(cli: CliContext, paths: readonly string[]): Promise<void> {
  const sources = await readModelSources(paths);
  await cli.withEngine(async (engine) => {
    const added = await engine.models.add(sources);
    cli.print(added, (models) => `Added ${models.length} ${models.length === 1 ? 'model' : 'models'} from ${sources.length} ${sources.length === 1 ? 'file' : 'files'}.`);
  });
}

/** `twinbench models validate|add|list|show|decommission|delete`. */
export function registerModelsCommands(program: Command, run: RunCommand): void {
  const models = program.command('models').description('validate, add, list and manage DTDL models');
  models
    .command('validate')
    .description('validate DTDL files and folders as one set (exit 0 valid, 1 invalid); needs no workspace')
    .argument('<paths...>', 'model files or folders (searched for .json, .jsonld, .dtdl)')
    .option('--cloud', "also check Azure Digital Twins' limits, as warnings")
    .action((paths: string[], options: { cloud?: boolean }, command: Command) => run(command, (cli) => validate(cli, paths, options.cloud === true)));
  models
    .command('add')
    .description('validate models with those in the workspace and add them, all or nothing')
    .argument('<paths...>', 'model files or folders')
    .action((paths: string[], _options, command: Command) => run(command, (cli) => add(cli, paths)));
  models
    .command('list')
    .description('list the models in the workspace')
    .option('--dependencies-for <dtmi...>', 'only these models and what they depend on')
    .option('--definitions', 'include each definition (with --json)')
    .action((options: { dependenciesFor?: string[]; definitions?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) =>
          cli.print(await engine.models.list({ dependenciesFor: options.dependenciesFor, includeModelDefinition: options.definitions === true }), describeList),
        ),
      ),
    );
  models
    .command('show')
    .description('show a model and its contents')
    .argument('<dtmi>', 'the model id')
    .option('--flat', 'include inherited contents')
    .action((id: string, options: { flat?: boolean }, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.models.get(id, { flat: options.flat === true }), describeModel))),
    );
  models
    .command('decommission')
    .description('decommission a model: its twins stay, new twins cannot use it')
    .argument('<dtmi>', 'the model id')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.models.decommission(id), (model) => `Decommissioned ${model.id}.`))),
    );
  models
    .command('delete')
    .description('delete a model no other model or twin uses')
    .argument('<dtmi>', 'the model id')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.models.delete(id);
          cli.print({ deleted: id }, () => `Deleted ${id}.`);
        }),
      ),
    );
}
