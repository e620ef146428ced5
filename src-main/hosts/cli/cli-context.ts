import type { Command } from 'commander';
import { createEngine, type Engine } from '../../engine';
import { defaultResourcesDir } from '../server';

/** What a command may touch: its output streams and the environment, injected so tests can run the CLI in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Options every command understands. */
export interface GlobalOptions {
  readonly workspace: string;
  readonly json?: boolean;
}

/** A command's view of the CLI: its IO, the global options and a way to print data. */
export interface CliContext {
  readonly io: CliIo;
  readonly options: GlobalOptions;
  /** Prints `data` as JSON with --json, otherwise as `text(data)`. */
  print<T>(data: T, text: (data: T) => string): void;
  /** Opens the workspace, runs `work` on its engine and closes it, whatever happens. */
  withEngine<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
}

/** Builds the context a command runs in. */
export function cliContext(io: CliIo, options: GlobalOptions): CliContext {
  return {
    io,
    options,
    print: (data, text) => io.stdout(options.json ? `${JSON.stringify(data, null, 2)}\n` : `${text(data)}\n`),
    withEngine: async (work) => {
      const engine = await openEngine(options.workspace);
      try {
        return await work(engine);
      } finally {
        await engine.close();
      }
    },
  };
}

/** Lays out label/value pairs in two aligned columns. */
export function formatFields(fields: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

/** Lays out rows under a header in aligned columns. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Runs a command's work in its context; the work may return an exit code other than 0. */
export type RunCommand = (command: Command, work: (cli: CliContext) => Promise<number | void>) => Promise<void>;

/** Opens the engine on a workspace, with the application's resources; `runSources` for hosts that stay up. */
export function openEngine(workspace: string, runSources = false): Promise<Engine> {
  return createEngine({ workspace, resourcesDir: defaultResourcesDir(), runSources });
}
