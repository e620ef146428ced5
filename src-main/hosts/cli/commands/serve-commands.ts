import { InvalidArgumentError, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { EngineError, ErrorCode, isEngineError, type Engine } from '../../../engine';
import { defaultRendererDir, packageRoot, startServer, type RunningServer } from '../../server';
import { openEngine, type CliContext, type RunCommand } from '../cli-context';
import { electronVersionOf, prepareElectronSqlite } from '../electron-native';
import { findElectron, openInBrowser, runElectron } from '../launch';
import { createSample } from './transfer-commands';

/** Parses a TCP port option (0 picks a free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

function waitForShutdown(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function serveUntilStopped(cli: CliContext, engine: Engine, server: RunningServer): Promise<void> {
  await waitForShutdown();
  cli.io.stderr('Stopping the server…\n');
  await server.close();
  await engine.close();
}

/** A new, empty workspace gets the sample campus, so the workbench opens on a world that moves. */
async function seedNewWorkspace(cli: CliContext): Promise<void> {
  await cli.withEngine(async (engine) => {
    if ((await engine.models.list()).length > 0 || (await engine.twins.count()) > 0) return;
    cli.io.stdout('This workspace is empty: creating the sample campus with synthetic devices (use --empty to skip).\n');
    await createSample(cli, engine, 'campus', 1, 1);
    await engine.ingest.startSynthetic();
  });
}

/** The certificate and key files of --tls-cert and --tls-key, both or neither. */
async function readTls(certPath: string | undefined, keyPath: string | undefined): Promise<{ cert: string; key: string } | undefined> {
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new EngineError(ErrorCode.InvalidArgument, 'HTTPS needs both --tls-cert and --tls-key.');
  const read = (path: string) =>
    readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new EngineError(ErrorCode.NotFound, `Cannot read ${path}: ${error.code === 'ENOENT' ? 'it does not exist' : error.message}.`, { path });
    });
  return { cert: await read(certPath), key: await read(keyPath) };
}

/** Electron and an Electron build of the SQLite module, or why the desktop app cannot run. */
async function desktopApp(cli: CliContext): Promise<{ found: true; path: string; sqliteBinding: string } | { found: false; reason: string }> {
  const electron = findElectron(cli.io.env);
  if (!electron.found) return electron;
  const appDir = packageRoot();
  const binding = await prepareElectronSqlite(appDir, electronVersionOf(appDir));
  return binding.ok ? { found: true, path: electron.path, sqliteBinding: binding.path } : { found: false, reason: binding.reason };
}

function withToken(url: string, token: string | undefined): string {
  return token ? `${url}?token=${encodeURIComponent(token)}` : url;
}

/** `twinbench serve` and `twinbench start`. */
export function registerServeCommands(program: Command, run: RunCommand): void {
  program
    .command('serve')
    .description('serve the workbench UI and the engine API over HTTP until stopped (Ctrl+C)')
    .option('--host <host>', 'interface to listen on; beyond loopback every client needs a token (see `twinbench token create`)', '127.0.0.1')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', parsePort, 8750)
    .option('--token <secret>', "an admin secret for this run: it acts as the workspace's owner, and every client then needs a token (env TWINBENCH_TOKEN)")
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .action((options: { host: string; port: number; token?: string; tlsCert?: string; tlsKey?: string }, command: Command) =>
      run(command, async (cli) => {
        const token = options.token ?? (cli.io.env.TWINBENCH_TOKEN || undefined);
        const tls = await readTls(options.tlsCert, options.tlsKey);
        const engine = await openEngine(cli.options.workspace, true);
        let server: RunningServer;
        try {
          server = await startServer({ engine, host: options.host, port: options.port, token, tls, rendererDir: defaultRendererDir() });
        } catch (error) {
          await engine.close();
          throw error;
        }
        const url = withToken(server.url, token);
        cli.print({ url, workspace: cli.options.workspace }, () => `Twinbench is serving ${cli.options.workspace} at ${url} (Ctrl+C stops it).`);
        await serveUntilStopped(cli, engine, server);
      }),
    );

  program
    .command('start')
    .description('open the workbench: the desktop app where Electron is installed, otherwise the server in a browser')
    .option('-p, --port <port>', 'port for the server when Electron is not available (taken: a free one)', parsePort, 8750)
    .option('--no-open', 'do not open a browser')
    .option('--empty', 'do not create the sample campus in a new, empty workspace')
    .action((options: { port: number; open: boolean; empty?: boolean }, command: Command) =>
      run(command, async (cli) => {
        if (!options.empty) await seedNewWorkspace(cli);
        const electron = await desktopApp(cli);
        if (electron.found) {
          cli.io.stdout(`Opening Twinbench in Electron on ${cli.options.workspace}.\n`);
          const code = await runElectron(electron.path, packageRoot(), [`--workspace=${cli.options.workspace}`], { TWINBENCH_SQLITE_BINDING: electron.sqliteBinding });
          return code;
        }
        const engine = await openEngine(cli.options.workspace, true);
        const server = await startServer({ engine, port: options.port, rendererDir: defaultRendererDir() })
          .catch((error: unknown) => {
            if (isEngineError(error) && error.code === ErrorCode.Unavailable) return startServer({ engine, port: 0, rendererDir: defaultRendererDir() });
            throw error;
          })
          .catch(async (error: unknown) => {
            await engine.close();
            throw error;
          });
        const opened = options.open && openInBrowser(server.url, cli.io.env);
        const how = opened ? 'opened in your browser' : 'open it in a browser';
        cli.io.stdout(`Electron is not available (${electron.reason}), so Twinbench serves the workbench at ${server.url} (${how}; Ctrl+C stops it).\n`);
        await serveUntilStopped(cli, engine, server);
      }),
    );
}
