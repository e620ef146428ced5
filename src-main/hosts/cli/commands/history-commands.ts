import { Option, type Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import { toCsv, toTable, type AnalyticsResult } from '../../../engine';
import type { RunCommand } from '../cli-context';
import { jsonArgument } from '../json-input';

/** Rows of an analytic result as objects keyed by column name. */
function asObjects(result: AnalyticsResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])));
}

/** `twinbench sql` and `twinbench telemetry publish`. */
export function registerHistoryCommands(program: Command, run: RunCommand): void {
  program
    .command('sql')
    .description('analytic SQL (DuckDB, read-only) over the history of every property, reading and lifecycle event')
    .argument('<text>', 'e.g. "SELECT name, avg(value) FROM telemetry GROUP BY name"')
    .addOption(new Option('--format <format>', 'output format (default: table, or json with --json)').choices(['table', 'json', 'csv', 'parquet']))
    .option('--limit <rows>', 'the most rows to print', (value) => Number(value), 10_000)
    .option('--out <file>', 'write the whole result to a CSV or Parquet file')
    .action((text: string, options: { format?: string; limit: number; out?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          if (options.out) {
            const format = options.format === 'parquet' ? 'parquet' : 'csv';
            const path = isAbsolute(options.out) ? options.out : resolve(options.out);
            const { rows } = await engine.analytics.export(text, { path, format });
            cli.io.stderr(`Wrote ${rows} ${rows === 1 ? 'row' : 'rows'} to ${options.out}.\n`);
            return;
          }
          const result = await engine.analytics.sql(text, { rowLimit: options.limit });
          const rows = asObjects(result);
          const format = options.format ?? (cli.options.json ? 'json' : 'table');
          const columns = result.columns.map((column) => column.name);
          if (format === 'json') cli.io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
          else if (format === 'csv') cli.io.stdout(toCsv(rows, columns));
          else cli.io.stdout(`${toTable(rows, columns)}\n`);
          if (result.truncated) cli.io.stderr(`Only the first ${rows.length} rows are shown; raise --limit or write the result with --out.\n`);
        }),
      ),
    );

  const telemetry = program.command('telemetry').description('readings of twins');
  telemetry
    .command('publish')
    .argument('<twin>', 'the twin id')
    .argument('<payload>', 'a JSON object of name → value, @file or -')
    .option('--component <name>', 'the component the readings belong to')
    .option('--source-time <time>', 'when the device measured them (ISO 8601)')
    .option('--message-id <id>', "the device's message id")
    .description('publish a telemetry message: stored in history, routed and pushed live')
    .action((twin: string, payload: string, options: { component?: string; sourceTime?: string; messageId?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const receipt = await engine.telemetry.publish(twin, (await jsonArgument(payload, 'telemetry payload')) as Record<string, unknown>, options);
          cli.print(receipt, ({ stored, unknown }) => `Stored ${stored} ${stored === 1 ? 'value' : 'values'}${unknown.length ? `; not declared as telemetry by the model: ${unknown.join(', ')}` : ''}.`);
        }),
      ),
    );
}
