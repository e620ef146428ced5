import { InvalidArgumentError, Option, type Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { extname, resolve } from 'node:path';
import { EngineError, ErrorCode, toCsv, toTable, type AnalyticsResult, type Engine, type HistoryProgress, type RetentionPolicy, type TelemetryColumnMapping } from '../../../engine';
import type { CliContext, RunCommand } from '../cli-context';
import { jsonArgument } from '../json-input';
import { withProgressBar } from '../progress-bar';

/** Rows of an analytic result as objects keyed by column name. */
function asObjects(result: AnalyticsResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])));
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Runs a named history task, drawing its progress and cancelling it on Ctrl+C. */
async function withProgress<T>(cli: CliContext, engine: Engine, label: string, work: (taskId: string) => Promise<T>): Promise<T> {
  const taskId = `cli-${randomUUID()}`;
  return withProgressBar(cli, {
    watch: (bar) =>
      engine.analytics.onDidProgress((progress: HistoryProgress) => {
        if (progress.taskId !== taskId) return;
        const fraction = progress.total ? progress.done / progress.total : null;
        bar.update(fraction, `${label}  ${progress.phase}${progress.unit === 'rows' && progress.done ? `  ${plural(progress.done, 'row', 'rows')}` : ''}`);
      }),
    cancel: () => void engine.analytics.cancel(taskId),
    run: () => work(taskId),
  });
}

/** The file format of `--format`, else of the file's extension, else CSV. */
function fileFormat(format: string | undefined, out: string): 'csv' | 'parquet' {
  if (format === 'csv' || format === 'parquet') return format;
  return extname(out).toLowerCase() === '.parquet' ? 'parquet' : 'csv';
}

/** `--map key=column`, repeatable, into a column mapping. */
function mappingOption(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const match = /^(twinId|time|sourceTime|component|messageId|name|value)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('key=column, with key one of twinId, time, sourceTime, component, messageId, name, value.');
  return { ...previous, [match[1]!]: match[2]! };
}

/** `none` or a whole number of 1 or more. */
function countOrNone(value: string): number | null {
  if (value === 'none') return null;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number of 1 or more, or none.');
  return Number(value);
}

function describeRetention(policy: RetentionPolicy): string {
  const raw = policy.rawDays === null ? 'Raw readings are kept forever' : `Raw readings are kept ${plural(policy.rawDays, 'day', 'days')}`;
  const rollup = policy.rollup === null ? ', with no rollups' : `, rolled up per ${policy.rollup} first (rollups kept ${policy.rollupDays === null ? 'forever' : plural(policy.rollupDays, 'day', 'days')})`;
  const every = policy.applyEveryMinutes === null ? '; applied on request.' : `; applied every ${plural(policy.applyEveryMinutes, 'minute', 'minutes')} while a workspace host runs.`;
  return `${raw}${rollup}${every}`;
}

/** `twinbench sql`, `twinbench telemetry send|import` and `twinbench history export|retention`. */
export function registerHistoryCommands(program: Command, run: RunCommand): void {
  program
    .command('sql')
    .description('analytic SQL (DuckDB, read-only) over the history of every property, reading and lifecycle event')
    .argument('<text>', 'e.g. "SELECT name, avg(value) FROM telemetry GROUP BY name"')
    .addOption(new Option('--format <format>', 'output format (default: table, or json with --json; csv or parquet with --out)').choices(['table', 'json', 'csv', 'parquet']))
    .option('--limit <rows>', 'the most rows to print', (value) => Number(value), 10_000)
    .option('--out <file>', 'write the whole result to a CSV or Parquet file (format from --format or the extension)')
    .option('--force', 'overwrite the --out file if it exists')
    .action((text: string, options: { format?: string; limit: number; out?: string; force?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          if (options.out) {
            const path = resolve(options.out);
            const { rows } = await withProgress(cli, engine, 'Exporting', (taskId) => engine.analytics.export(text, { path, format: fileFormat(options.format, path), force: options.force, taskId }));
            cli.io.stderr(`Wrote ${plural(rows, 'row', 'rows')} to ${options.out}.\n`);
            return;
          }
          const result = await engine.analytics.sql(text, { rowLimit: options.limit });
          const rows = asObjects(result);
          const format = options.format ?? (cli.options.json ? 'json' : 'table');
          const columns = result.columns.map((column) => column.name);
          if (format === 'json') cli.io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
          else if (format === 'csv') cli.io.stdout(toCsv(rows, columns));
          else if (format === 'parquet') throw new EngineError(ErrorCode.InvalidArgument, 'Parquet goes to a file: add --out FILE.');
          else cli.io.stdout(`${toTable(rows, columns)}\n`);
          if (result.truncated) cli.io.stderr(`Only the first ${rows.length} rows are shown; raise --limit or write the result with --out.\n`);
        }),
      ),
    );

  const telemetry = program.command('telemetry').description('readings of twins');
  telemetry
    .command('send')
    .alias('publish')
    .argument('[twin]', 'the twin id (not with --batch)')
    .argument('[payload]', 'a JSON object of name → value, @file or -')
    .option('--component <name>', 'the component the readings belong to')
    .option('--source-time <time>', 'when the device measured them (ISO 8601)')
    .option('--message-id <id>', "the device's message id")
    .option('--batch <messages>', 'a JSON array of { twinId, payload, options } messages, @file or -, stored all or nothing')
    .description('send telemetry: stored in history, routed and pushed live')
    .action((twin: string | undefined, payload: string | undefined, options: { component?: string; sourceTime?: string; messageId?: string; batch?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          let receipt;
          if (options.batch) {
            if (twin !== undefined) throw new EngineError(ErrorCode.InvalidArgument, 'Give either a twin and a payload or --batch, not both.');
            receipt = await engine.telemetry.publishBatch((await jsonArgument(options.batch, 'telemetry batch')) as Parameters<Engine['telemetry']['publishBatch']>[0]);
          } else {
            if (twin === undefined || payload === undefined) throw new EngineError(ErrorCode.InvalidArgument, 'Give a twin id and a payload, or --batch.');
            const { component, sourceTime, messageId } = options;
            receipt = await engine.telemetry.publish(twin, (await jsonArgument(payload, 'telemetry payload')) as Record<string, unknown>, { component, sourceTime, messageId });
          }
          cli.print(receipt, ({ stored, unknown }) => `Stored ${stored} ${stored === 1 ? 'value' : 'values'}${unknown.length ? `; not declared as telemetry by the model: ${unknown.join(', ')}` : ''}.`);
        }),
      ),
    );
  telemetry
    .command('import')
    .argument('<file>', 'a CSV, Parquet or NDJSON file of readings')
    .addOption(new Option('--format <format>', 'the file format (default: from the extension)').choices(['csv', 'parquet', 'ndjson']))
    .option('--map <key=column>', 'which column holds what (twinId, time, sourceTime, component, messageId, name, value); repeatable', mappingOption)
    .option('--values <columns>', 'wide files: comma-separated columns, each a telemetry name')
    .description('import readings, checked like sent ones, all or nothing')
    .action((file: string, options: { format?: 'csv' | 'parquet' | 'ndjson'; map?: Record<string, string>; values?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const mapping: TelemetryColumnMapping = { ...options.map, ...(options.values ? { values: options.values.split(',').map((column) => column.trim()) } : {}) };
          const result = await withProgress(cli, engine, 'Importing', (taskId) => engine.telemetry.import({ path: resolve(file), format: options.format, mapping, taskId }));
          cli.print(result, ({ stored, twins, unknown }) => `Imported ${plural(stored, 'reading', 'readings')} of ${plural(twins, 'twin', 'twins')}${unknown.length ? `; not declared as telemetry by the models: ${unknown.join(', ')}` : ''}.`);
        }),
      ),
    );

  const history = program.command('history').description('the history of telemetry and graph changes');
  history
    .command('export')
    .requiredOption('--out <file>', 'the file to write')
    .option('--twins <query>', 'an ADT query returning the twins whose telemetry to export (default: every twin)')
    .option('--from <time>', 'inclusive start (ISO 8601)')
    .option('--to <time>', 'exclusive end (ISO 8601)')
    .addOption(new Option('--format <format>', 'the file format (default: from the extension, else csv)').choices(['csv', 'parquet']))
    .option('--force', 'overwrite the file if it exists')
    .description('export telemetry of a set of twins over a time range to CSV or Parquet')
    .action((options: { out: string; twins?: string; from?: string; to?: string; format?: string; force?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const path = resolve(options.out);
          const { rows } = await withProgress(cli, engine, 'Exporting', (taskId) =>
            engine.analytics.exportTelemetry({ path, format: fileFormat(options.format, path), twins: options.twins, from: options.from, to: options.to, force: options.force, taskId }),
          );
          cli.print({ rows, path }, () => `Wrote ${plural(rows, 'reading', 'readings')} to ${options.out}.`);
        }),
      ),
    );
  history
    .command('retention')
    .option('--raw-days <days>', 'keep raw readings this many days (or none: forever)', countOrNone)
    .addOption(new Option('--rollup <interval>', 'roll readings up before removing them (or none)').choices(['minute', 'hour', 'day', 'none']))
    .option('--rollup-days <days>', 'keep rollups this many days (or none: forever)', countOrNone)
    .option('--every <minutes>', 'apply automatically every this many minutes while the app or server runs (or none)', countOrNone)
    .option('--apply', 'apply the policy now')
    .description('show or change how long telemetry is kept and how it is downsampled')
    .action((options: { rawDays?: number | null; rollup?: string; rollupDays?: number | null; every?: number | null; apply?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          let policy = await engine.analytics.retention();
          const changed = options.rawDays !== undefined || options.rollup !== undefined || options.rollupDays !== undefined || options.every !== undefined;
          if (changed) {
            policy = await engine.analytics.setRetention({
              rawDays: options.rawDays === undefined ? policy.rawDays : options.rawDays,
              rollup: options.rollup === undefined ? policy.rollup : options.rollup === 'none' ? null : (options.rollup as RetentionPolicy['rollup']),
              rollupDays: options.rollupDays === undefined ? policy.rollupDays : options.rollupDays,
              applyEveryMinutes: options.every === undefined ? policy.applyEveryMinutes : options.every,
            });
          }
          if (!options.apply) {
            cli.print(policy, describeRetention);
            return;
          }
          const result = await withProgress(cli, engine, 'Applying retention', (taskId) => engine.analytics.applyRetention({ taskId }));
          cli.print({ policy, result }, () => `${describeRetention(policy)}\nRolled up into ${plural(result.rolledUp, 'aggregate', 'aggregates')}; removed ${plural(result.removedReadings, 'reading', 'readings')} and ${plural(result.removedRollups, 'rollup', 'rollups')}.`);
        }),
      ),
    );
}
