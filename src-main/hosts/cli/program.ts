import { Command, CommanderError, Option } from 'commander';
import { defaultWorkspaceDir, engineVersion, toErrorPayload } from '../../engine';
import { cliContext, type CliIo, type GlobalOptions, type RunCommand } from './cli-context';
import { registerAccessCommands } from './commands/access-commands';
import { registerBindingCommands } from './commands/binding-commands';
import { registerHistoryCommands } from './commands/history-commands';
import { registerModelsCommands } from './commands/models-commands';
import { registerQueryCommands } from './commands/query-commands';
import { registerRouteCommands } from './commands/route-commands';
import { registerRuleCommands } from './commands/rule-commands';
import { registerSimCommands } from './commands/sim-commands';
import { registerSceneCommands } from './commands/scene-commands';
import { registerServeCommands } from './commands/serve-commands';
import { registerSourceCommands } from './commands/source-commands';
import { registerTransferCommands } from './commands/transfer-commands';
import { registerTwinCommands } from './commands/twin-commands';
import { registerWorkspaceCommands } from './commands/workspace-commands';
import { ExitCode, exitCodeOf } from './exit-codes';

/** Carries a command's failure out of commander, so runCli maps it to an exit code once. */
class CommandFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('command failed');
  }
}

function buildProgram(io: CliIo, exit: { code: number }): Command {
  const program = new Command('twinbench')
    .description('Twinbench: an offline digital-twin workbench. Models, twin graphs, live data, queries and simulations on your own machine.')
    .version(engineVersion, '-v, --version', 'print the version')
    .addOption(
      new Option('-w, --workspace <dir>', 'the workspace folder (env TWINBENCH_WORKSPACE)').default(io.env.TWINBENCH_WORKSPACE || defaultWorkspaceDir(io.env)),
    )
    .option('--json', 'print data as JSON')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const run: RunCommand = async (command, work) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    try {
      const code = await work(cliContext(io, options));
      if (typeof code === 'number') exit.code = code;
    } catch (error) {
      throw new CommandFailed(error);
    }
  };
  registerWorkspaceCommands(program, run);
  registerModelsCommands(program, run);
  registerTwinCommands(program, run);
  registerQueryCommands(program, run);
  registerTransferCommands(program, run);
  registerRouteCommands(program, run);
  registerHistoryCommands(program, run);
  registerRuleCommands(program, run);
  registerAccessCommands(program, run);
  registerSimCommands(program, run);
  registerBindingCommands(program, run);
  registerSourceCommands(program, run);
  registerSceneCommands(program, run);
  registerServeCommands(program, run);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError();
  return program;
}

function reportFailure(io: CliIo, error: unknown, json: boolean): ExitCode {
  const payload = toErrorPayload(error);
  io.stderr(json ? `${JSON.stringify({ error: payload }, null, 2)}\n` : `twinbench: ${payload.message}\n`);
  return exitCodeOf[payload.code];
}

/** Runs the CLI on `argv` (without the node and script entries) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const exit = { code: ExitCode.Ok as number };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommandFailed) return reportFailure(io, error.cause, argv.includes('--json'));
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    return reportFailure(io, error, argv.includes('--json'));
  }
}
