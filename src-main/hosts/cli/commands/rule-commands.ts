import type { Command } from 'commander';
import type { TelemetryRule } from '../../../engine';
import { formatTable, type RunCommand } from '../cli-context';

function describeRules(rules: readonly TelemetryRule[]): string {
  if (rules.length === 0) return 'No rules.';
  return formatTable(
    ['ID', 'FROM MODEL', 'TELEMETRY', 'VIA', 'PROPERTY'],
    rules.map((rule) => [rule.id, rule.fromModel, rule.telemetry, rule.via ?? '(itself)', rule.property]),
  );
}

/** `twinbench rule add|list|delete|status`: readings that become twin state. */
export function registerRuleCommands(program: Command, run: RunCommand): void {
  const rule = program.command('rule').description('rules that turn telemetry into twin properties');
  rule
    .command('add')
    .argument('<id>', 'the rule id')
    .requiredOption('--from-model <dtmi>', 'twins of this model (or one extending it) send the telemetry')
    .requiredOption('--telemetry <name>', 'the telemetry name')
    .requiredOption('--property <name>', 'the property to set')
    .option('--via <relationship>', "set the property on the twins this relationship points at (e.g. a sensor's observes), not on the sender")
    .description('add or replace a rule')
    .action((id: string, options: { fromModel: string; telemetry: string; property: string; via?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const saved = await engine.rules.put({ id, fromModel: options.fromModel, telemetry: options.telemetry, property: options.property, ...(options.via ? { via: options.via } : {}) });
          cli.print(saved, () => `Saved rule ${saved.id}.`);
        }),
      ),
    );
  rule
    .command('list')
    .description('list the rules')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.rules.list(), describeRules))));
  rule
    .command('delete')
    .argument('<id>', 'the rule id')
    .description('delete a rule')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.rules.delete(id);
          cli.print({ deleted: id }, () => `Deleted rule ${id}.`);
        }),
      ),
    );
}
