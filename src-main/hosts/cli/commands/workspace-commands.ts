import type { Command } from 'commander';
import type { WorkspaceInfo } from '../../../engine';
import { formatFields, type RunCommand } from '../cli-context';

function describe(info: WorkspaceInfo): string {
  return formatFields([
    ['Name', info.name],
    ['Path', info.path],
    ['Schema version', String(info.schemaVersion)],
    ['Engine', info.engineVersion],
    ['Created', info.createdAt],
  ]);
}

/** `twinbench workspace info|rename`. */
export function registerWorkspaceCommands(program: Command, run: RunCommand): void {
  const workspace = program.command('workspace').description('inspect and name the workspace');
  workspace
    .command('info')
    .description('show the workspace: name, path, schema and engine versions')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.workspace.info(), describe))));
  workspace
    .command('rename')
    .description('give the workspace a new display name')
    .argument('<name>', 'the new name, 1 to 100 characters')
    .action((name: string, _options, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.workspace.rename(name), describe))),
    );
}
