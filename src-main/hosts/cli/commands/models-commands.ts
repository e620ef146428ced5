import type { Command } from 'commander';
import type { ModelSummary } from '../../../engine';
import { formatTable, type RunCommand } from '../cli-context';

function describe(models: readonly ModelSummary[]): string {
  if (models.length === 0) return 'No models in this workspace.';
  return formatTable(
    ['ID', 'DISPLAY NAME', 'UPLOADED', 'STATE'],
    models.map((model) => [model.id, model.displayName.en ?? Object.values(model.displayName)[0] ?? '', model.uploadTime, model.decommissioned ? 'decommissioned' : 'active']),
  );
}

/** `twinbench models list`. */
export function registerModelsCommands(program: Command, run: RunCommand): void {
  const models = program.command('models').description('list and manage DTDL models');
  models
    .command('list')
    .description('list the models in the workspace')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.models.list(), describe))));
}
