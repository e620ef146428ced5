import { Option, type Command } from 'commander';
import { columnsOf, EngineError, ErrorCode, toCsv, toTable, type Engine, type RowFileFormat } from '../../../engine';
import type { CliContext, RunCommand } from '../cli-context';

/** How rows are printed: a file format, or an aligned table for people. */
type RowFormat = RowFileFormat | 'table';

const rowFormats: readonly RowFormat[] = ['table', 'json', 'ndjson', 'csv', 'parquet'];

interface QueryOptions {
  readonly strict?: boolean;
  readonly format?: RowFormat;
  readonly out?: string;
}

/** Every row of a query, following continuation tokens page by page. */
async function* allRows(engine: Engine, text: string, strict: boolean): AsyncGenerator<readonly unknown[]> {
  let page = await engine.query.run(text, { strict });
  yield page.items;
  while (page.continuationToken) {
    page = await engine.query.run(text, { strict, continuationToken: page.continuationToken });
    yield page.items;
  }
}

async function printRows(cli: CliContext, engine: Engine, text: string, strict: boolean, format: RowFormat): Promise<void> {
  if (format === 'ndjson') {
    for await (const page of allRows(engine, text, strict)) for (const item of page) cli.io.stdout(`${JSON.stringify(item)}\n`);
    return;
  }
  const items: unknown[] = [];
  for await (const page of allRows(engine, text, strict)) items.push(...page);
  if (format === 'json') cli.io.stdout(`${JSON.stringify(items, null, 2)}\n`);
  else if (format === 'csv') cli.io.stdout(toCsv(items, columnsOf(items)));
  else cli.io.stdout(`${toTable(items, columnsOf(items))}\n`);
}

async function query(cli: CliContext, text: string, options: QueryOptions): Promise<void> {
  const format = options.format ?? (cli.options.json ? 'json' : 'table');
  const strict = options.strict === true;
  if (format === 'parquet' && !options.out) throw new EngineError(ErrorCode.InvalidArgument, 'Parquet is a file format: give --out <file>.');
  if (options.out && format === 'table') throw new EngineError(ErrorCode.InvalidArgument, 'A table is for the terminal: choose --format json, ndjson, csv or parquet with --out.');
  await cli.withEngine(async (engine) => {
    if (!options.out) return printRows(cli, engine, text, strict, format);
    const { rows } = await engine.query.export(text, { path: options.out, format: format as RowFileFormat, strict });
    cli.io.stderr(`Wrote ${rows} ${rows === 1 ? 'row' : 'rows'} to ${options.out}.\n`);
  });
}

/** `twinbench index list|add|remove`: the twin properties the store indexes for queries. */
function registerIndexCommands(program: Command, run: RunCommand): void {
  const index = program.command('index').description('index twin property values, so queries that compare them seek instead of reading every twin');
  index
    .command('list', { isDefault: true })
    .description('list the indexed properties')
    .action((_options: unknown, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.query.indexes(), (indexes) => (indexes.length === 0 ? 'No property is indexed.' : indexes.map((entry) => entry.property).join('\n'))))),
    );
  index
    .command('add')
    .description('index a property of every twin (reads every twin once)')
    .argument('<property>', 'a property name, or a path through components and object fields, e.g. temperature or thermostat.setpoint')
    .action((property: string, _options: unknown, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const started = performance.now();
          const result = await engine.query.addIndex(property);
          cli.print(result, ({ created }) => (created ? `Indexed ${property} in ${((performance.now() - started) / 1000).toFixed(1)} s.` : `${property} was already indexed.`));
        }),
      ),
    );
  index
    .command('remove')
    .description("drop a property's index (queries answer the same, reading the twins instead)")
    .argument('<property>', 'the indexed property')
    .action((property: string, _options: unknown, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const removed = await engine.query.removeIndex(property);
          cli.print({ removed }, () => (removed ? `Dropped the index of ${property}.` : `${property} is not indexed.`));
        }),
      ),
    );
}

/** `twinbench query`, `twinbench explain` and `twinbench index`. */
export function registerQueryCommands(program: Command, run: RunCommand): void {
  program
    .command('query')
    .description('run an ADT query over the twin graph (extended dialect unless --strict)')
    .argument('<text>', 'the query, e.g. "SELECT * FROM DIGITALTWINS T WHERE T.area > 20"')
    .option('--strict', "accept exactly Azure Digital Twins' dialect and limits")
    .addOption(new Option('--format <format>', 'output format (default: table, or json with --json; parquet needs --out)').choices(rowFormats))
    .option('--out <file>', 'write the rows to a file instead of standard output')
    .action((text: string, options: QueryOptions, command: Command) => run(command, (cli) => query(cli, text, options)));
  program
    .command('explain')
    .description('show how a query runs: its plan and the SQL it compiles to')
    .argument('<text>', 'the query')
    .option('--strict', "accept exactly Azure Digital Twins' dialect and limits")
    .action((text: string, options: { strict?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) =>
          cli.print(await engine.query.explain(text, { strict: options.strict === true }), (plan) =>
            [...plan.plan, '', plan.sql, '', `Parameters: ${JSON.stringify(plan.parameters)}`].join('\n'),
          ),
        ),
      ),
    );
  registerIndexCommands(program, run);
}
