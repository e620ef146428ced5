import { Option, type Command } from 'commander';
import { createWriteStream } from 'node:fs';
import type { Engine } from '../../../engine';
import type { CliContext, RunCommand } from '../cli-context';
import { columnsOf, rowFormats, toCsv, toTable, type RowFormat } from '../row-formats';

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

/** Where output goes: standard output, or a file that is complete when this resolves. */
function sink(cli: CliContext, out: string | undefined) {
  if (!out) return { write: (text: string) => cli.io.stdout(text), close: async () => undefined };
  const stream = createWriteStream(out);
  return {
    write: (text: string) => void stream.write(text),
    close: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
  };
}

async function query(cli: CliContext, text: string, options: QueryOptions): Promise<void> {
  const format = options.format ?? (cli.options.json ? 'json' : 'table');
  await cli.withEngine(async (engine) => {
    const output = sink(cli, options.out);
    let count = 0;
    if (format === 'ndjson') {
      for await (const page of allRows(engine, text, options.strict === true)) {
        for (const item of page) output.write(`${JSON.stringify(item)}\n`);
        count += page.length;
      }
    } else {
      const items: unknown[] = [];
      for await (const page of allRows(engine, text, options.strict === true)) items.push(...page);
      count = items.length;
      if (format === 'json') output.write(`${JSON.stringify(items, null, 2)}\n`);
      else if (format === 'csv') output.write(toCsv(items, columnsOf(items)));
      else output.write(`${toTable(items, columnsOf(items))}\n`);
    }
    await output.close();
    if (options.out) cli.io.stderr(`Wrote ${count} ${count === 1 ? 'row' : 'rows'} to ${options.out}.\n`);
  });
}

/** `twinbench query` and `twinbench explain`. */
export function registerQueryCommands(program: Command, run: RunCommand): void {
  program
    .command('query')
    .description('run an ADT query over the twin graph (extended dialect unless --strict)')
    .argument('<text>', 'the query, e.g. "SELECT * FROM DIGITALTWINS T WHERE T.area > 20"')
    .option('--strict', "accept exactly Azure Digital Twins' dialect and limits")
    .addOption(new Option('--format <format>', 'output format (default: table, or json with --json)').choices(rowFormats))
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
}
