import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Engine, Rule, RollupFunction, RulesStatus, TraceEntry } from '../../../engine';
import { formatTable, type CliContext, type RunCommand } from '../cli-context';

function summary(rule: Rule): string {
  switch (rule.kind) {
    case 'derive':
      return `${rule.property} = ${rule.expression}`;
    case 'rollup':
      return `${rule.property} = ${rule.function}(${rule.path.join('/')}${rule.filterModel ? ` of ${rule.filterModel}` : ''}${rule.source ? `.${rule.source}` : ''})`;
    case 'alert':
      return `${rule.property}: raise when ${rule.raise}${rule.clear ? `, clear when ${rule.clear}` : ''}`;
    case 'script':
      return `script${rule.on ? ` on ${rule.on.join(', ')}` : ''} (${rule.code.length} characters)`;
    default:
      return `${rule.property} ← ${rule.telemetry}${rule.via ? ` via ${rule.via}` : ''}`;
  }
}

function describeRules(rules: readonly Rule[]): string {
  if (rules.length === 0) return 'No rules.';
  return formatTable(
    ['ID', 'KIND', 'MODEL', 'RULE'],
    rules.map((rule) => [rule.id, rule.kind ?? 'telemetry', 'fromModel' in rule ? rule.fromModel : rule.model, summary(rule)]),
  );
}

function describeStatus(status: RulesStatus): string {
  const head = `${status.rules} rules; ${status.applied} updates applied, ${status.refused} refused, ${status.failed ?? 0} evaluations failed, ${status.depthExceeded ?? 0} stopped by the depth guard.`;
  const rows = (status.perRule ?? []).map((rule) => [rule.id, rule.kind, String(rule.evaluations), String(rule.writes), String(rule.errors), rule.lastError ?? '']);
  return [head, ...(status.lastError ? [`Last error: ${status.lastError}`] : []), ...(rows.length ? [formatTable(['ID', 'KIND', 'EVALUATIONS', 'WRITES', 'ERRORS', 'LAST ERROR'], rows)] : [])].join('\n');
}

function describeTrace(entries: readonly TraceEntry[]): string {
  if (entries.length === 0) return 'No rule has written this twin (since the trace began).';
  return formatTable(
    ['TIME', 'PROPERTY', 'VALUE', 'RULE', 'CAUSE'],
    entries.map((entry) => [entry.time, entry.property, JSON.stringify(entry.value), `${entry.ruleId} (${entry.kind})`, `${entry.cause.kind} ${entry.cause.names.join(',')} of ${entry.cause.twinId}`]),
  );
}

const save = (cli: CliContext, rule: Rule) =>
  cli.withEngine(async (engine: Engine) => {
    const saved = await engine.rules.put(rule);
    cli.print(saved, () => `Saved rule ${saved.id}.`);
  });

const list = (value: string) => value.split(/[,/]/).map((part) => part.trim()).filter(Boolean);

/** `twinbench rule add|derive|rollup|alert|script|put|get|list|delete|status|trace`: rules that turn readings into twin state. */
export function registerRuleCommands(program: Command, run: RunCommand): void {
  const rule = program.command('rule').description('rules that derive, roll up and alert on twin state (docs/rules.md)');
  rule
    .command('add')
    .argument('<id>', 'the rule id')
    .requiredOption('--from-model <dtmi>', 'twins of this model (or one extending it) send the telemetry')
    .requiredOption('--telemetry <name>', 'the telemetry name')
    .requiredOption('--property <name>', 'the property to set')
    .option('--via <relationship>', "set the property on the twins this relationship points at (e.g. a sensor's observes), not on the sender")
    .description('add or replace a telemetry rule')
    .action((id: string, options: { fromModel: string; telemetry: string; property: string; via?: string }, command: Command) =>
      run(command, (cli) => save(cli, { id, fromModel: options.fromModel, telemetry: options.telemetry, property: options.property, ...(options.via ? { via: options.via } : {}) })),
    );
  rule
    .command('derive')
    .argument('<id>', 'the rule id')
    .requiredOption('--model <dtmi>', 'the twins whose property is derived')
    .requiredOption('--property <name>', 'the property to set')
    .requiredOption('--expression <text>', "the expression, e.g. 'clamp(100 - abs(temperature - 21.5) * 10, 0, 100)'")
    .description('add or replace a derive rule')
    .action((id: string, options: { model: string; property: string; expression: string }, command: Command) => run(command, (cli) => save(cli, { id, kind: 'derive', ...options })));
  rule
    .command('rollup')
    .argument('<id>', 'the rule id')
    .requiredOption('--model <dtmi>', 'the twins that receive the roll-up')
    .requiredOption('--property <name>', 'the property to set')
    .requiredOption('--path <relationships>', 'relationship names to follow, separated by / (e.g. contains/contains)')
    .requiredOption('--function <fn>', 'avg, sum, min, max or count')
    .option('--source <property>', 'the property read on the related twins (count may leave it out)')
    .option('--filter-model <dtmi>', 'only related twins of this model')
    .description('add or replace a roll-up rule')
    .action((id: string, options: { model: string; property: string; path: string; function: string; source?: string; filterModel?: string }, command: Command) =>
      run(command, (cli) =>
        save(cli, {
          id,
          kind: 'rollup',
          model: options.model,
          property: options.property,
          path: list(options.path),
          function: options.function as RollupFunction,
          ...(options.source ? { source: options.source } : {}),
          ...(options.filterModel ? { filterModel: options.filterModel } : {}),
        }),
      ),
    );
  rule
    .command('alert')
    .argument('<id>', 'the rule id')
    .requiredOption('--model <dtmi>', 'the twins watched')
    .requiredOption('--property <name>', 'a boolean property that mirrors the alert')
    .requiredOption('--raise <condition>', "raise when this becomes true, e.g. 'co2 > 1200'")
    .option('--clear <condition>', "clear when this becomes true, e.g. 'co2 < 1000' (default: not raise)")
    .option('--severity <level>', 'info, warning or critical', 'warning')
    .option('--message <text>', 'the alert text')
    .description('add or replace an alert rule')
    .action((id: string, options: { model: string; property: string; raise: string; clear?: string; severity: 'info' | 'warning' | 'critical'; message?: string }, command: Command) =>
      run(command, (cli) => save(cli, { id, kind: 'alert', ...options })),
    );
  rule
    .command('script')
    .argument('<id>', 'the rule id')
    .requiredOption('--model <dtmi>', 'the twins whose changes run the script')
    .requiredOption('--file <path>', 'the JavaScript: the body of async function (event, twins)')
    .option('--on <names>', 'property or telemetry names that trigger it, comma-separated (default: any change)')
    .option('--timeout <ms>', 'time limit per event in milliseconds', (value) => Number(value))
    .description('add or replace a script rule')
    .action((id: string, options: { model: string; file: string; on?: string; timeout?: number }, command: Command) =>
      run(command, async (cli) =>
        save(cli, { id, kind: 'script', model: options.model, code: await readFile(options.file, 'utf8'), ...(options.on ? { on: list(options.on) } : {}), ...(options.timeout !== undefined ? { timeoutMs: options.timeout } : {}) }),
      ),
    );
  rule
    .command('put')
    .argument('<file>', 'a JSON file holding one rule')
    .description('add or replace a rule of any kind from JSON')
    .action((file: string, _options, command: Command) => run(command, async (cli) => save(cli, JSON.parse(await readFile(file, 'utf8')) as Rule)));
  rule
    .command('get')
    .argument('<id>', 'the rule id')
    .description('show a rule as JSON')
    .action((id: string, _options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.rules.get(id), (found) => JSON.stringify(found, null, 2)))));
  rule
    .command('list')
    .description('list the rules')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.rules.list(), describeRules))));
  rule
    .command('status')
    .description('counters of the rules: evaluations, writes, errors and their reasons')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.rules.status(), describeStatus))));
  rule
    .command('trace')
    .argument('<twinId>', 'the twin')
    .argument('[property]', 'one property of it')
    .description('which rule set a twin property, when, and what caused it')
    .action((twinId: string, property: string | undefined, _options, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.rules.trace(twinId, property), describeTrace))),
    );
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
