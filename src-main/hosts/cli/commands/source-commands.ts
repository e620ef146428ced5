import { InvalidArgumentError, type Command } from 'commander';
import { EngineError, ErrorCode, type Engine, type SourceDefinition, type SourceStatus, type SyntheticFault, type SyntheticStatus } from '../../../engine';
import { formatFields, formatTable, openEngine, type CliContext, type RunCommand } from '../cli-context';
import { ProgressBar } from '../progress-bar';
import { parsePort } from './serve-commands';

const reasonsText = (status: SourceStatus) =>
  Object.entries(status.reasons)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');

function describeSources(statuses: readonly SourceStatus[], definitions: readonly SourceDefinition[]): string {
  if (definitions.length === 0) return 'No device sources.';
  const where = (definition: SourceDefinition, status: SourceStatus | undefined) =>
    status?.address ?? (definition.type === 'mqtt-client' ? definition.url : definition.type === 'replay' ? definition.path : definition.type === 'mqtt-broker' ? `port ${definition.port}` : '/devices/{deviceId}/messages');
  return formatTable(
    ['NAME', 'TYPE', 'STATE', 'MESSAGES', 'MSG/S', 'ERRORS', 'WHERE'],
    definitions.map((definition) => {
      const status = statuses.find((candidate) => candidate.name === definition.name);
      return [definition.name, definition.type, status?.running ? 'running' : 'stopped', String(status?.messages ?? 0), String(status?.messagesPerSecond ?? 0), String(status?.errors ?? 0), where(definition, status)];
    }),
  );
}

function describeStatus(status: SourceStatus): string {
  return formatFields([
    ['Source', `${status.name} (${status.type})`],
    ['State', status.running ? 'running' : 'stopped'],
    ...(status.address ? [['Address', status.address] as const] : []),
    ...(status.connected !== undefined ? [['Connected', `${status.connected ? 'yes' : 'no'}${status.reconnects ? `, ${status.reconnects} reconnects` : ''}`] as const] : []),
    ['Messages', `${status.messages} (${status.messagesPerSecond}/s)`],
    ['Errors', status.errors ? `${status.errors}: ${reasonsText(status)}` : '0'],
    ...(status.lastError ? [['Last error', `${status.lastError} (${status.lastErrorTime})`] as const] : []),
    ...(status.progress ? [['Progress', `${status.progress.done} of ${status.progress.total} rows${status.progress.finished ? ', finished' : ''}`] as const] : []),
  ]);
}

function parseSpeed(value: string): number {
  if (value === 'max') return 0;
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed < 1 || speed > 1000) throw new InvalidArgumentError('the speed is from 1 to 1000, or max.');
  return speed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a started source in the foreground until it ends or Ctrl+C stops it; returns its last status. */
async function follow(cli: CliContext, engine: Engine, name: string, progress: boolean): Promise<SourceStatus> {
  const bar = new ProgressBar(cli.io.stderr, process.stderr.isTTY === true && !cli.options.json);
  let interrupted = false;
  const onInterrupt = () => (interrupted = true);
  process.once('SIGINT', onInterrupt);
  try {
    for (;;) {
      const status = (await engine.ingest.sources()).find((candidate) => candidate.name === name)!;
      const fraction = status.progress && status.progress.total > 0 ? status.progress.done / status.progress.total : null;
      bar.update(progress ? fraction : null, `${name}  ${status.messages} messages  ${status.messagesPerSecond}/s  ${status.errors} errors`);
      if (!status.running || interrupted) return interrupted ? engine.ingest.stopSource(name) : status;
      await sleep(250);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    bar.done();
  }
}

function sourceFromOptions(name: string, options: SourceOptions): SourceDefinition {
  const kinds = [options.http, options.mqttBroker, options.mqttClient, options.replay].filter(Boolean).length;
  if (kinds !== 1) throw new EngineError(ErrorCode.InvalidArgument, 'Give exactly one of --http, --mqtt-broker, --mqtt-client <url> or --replay <file>.');
  if (options.http) return { name, type: 'http' };
  if (options.mqttBroker) return { name, type: 'mqtt-broker', port: options.port ?? 1883, ...(options.host ? { host: options.host } : {}), ...(options.topic ? { topics: options.topic } : {}) };
  if (options.mqttClient) return { name, type: 'mqtt-client', url: options.mqttClient, topics: options.topic ?? ['devices/{deviceId}/messages'], ...(options.username ? { username: options.username } : {}), ...(options.password ? { password: options.password } : {}) };
  return { name, type: 'replay', path: options.replay!, speed: options.speed ?? 1, ...(options.format ? { format: options.format } : {}) };
}

interface SourceOptions {
  http?: boolean;
  mqttBroker?: boolean;
  mqttClient?: string;
  replay?: string;
  port?: number;
  host?: string;
  topic?: string[];
  username?: string;
  password?: string;
  speed?: number;
  format?: 'csv' | 'parquet' | 'ndjson';
}

function faultsFromOptions(options: { stuck?: string[]; failedAhu?: string[]; from?: string; until?: string }): SyntheticFault[] {
  const window = { ...(options.from ? { from: options.from } : {}), ...(options.until ? { until: options.until } : {}) };
  const stuck = (options.stuck ?? []).map((text): SyntheticFault => {
    const [twinId, telemetry] = text.split(':');
    return { kind: 'stuckSensor', twinId: twinId!, ...(telemetry ? { telemetry } : {}), ...window };
  });
  return [...stuck, ...(options.failedAhu ?? []).map((twinId): SyntheticFault => ({ kind: 'failedAhu', twinId, ...window }))];
}

function describeSynthetic(status: SyntheticStatus): string {
  const faults = status.faults.map((fault) => `${fault.kind} ${fault.twinId}${fault.kind === 'stuckSensor' && fault.telemetry ? `:${fault.telemetry}` : ''} from ${fault.from}${fault.until ? ` until ${fault.until}` : ''}`);
  return formatFields([
    ['Synthetic devices', status.running ? `running, ${status.devices} devices` : 'stopped'],
    ['Every', `${status.intervalMs} ms, seed ${status.seed}`],
    ['Messages', `${status.messages} (${status.errors} failed ticks)`],
    ['Faults', faults.length ? faults.join('; ') : 'none'],
  ]);
}

/** `twinbench source …`, `twinbench replay` and `twinbench synthetic …`: where device messages come from. */
export function registerSourceCommands(program: Command, run: RunCommand): void {
  const source = program.command('source').description('device sources: HTTP, an embedded MQTT broker, an external MQTT broker, file replay');
  source
    .command('list')
    .description('list the sources with their counters')
    .action((_options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const [definitions, statuses] = [await engine.ingest.listSources(), await engine.ingest.sources()];
          cli.print(statuses, () => describeSources(statuses, definitions));
        }),
      ),
    );
  source
    .command('add')
    .argument('<name>', 'the source name')
    .option('--http', 'devices POST to /devices/{deviceId}/messages on the server')
    .option('--mqtt-broker', 'an embedded MQTT broker for devices')
    .option('--mqtt-client <url>', 'subscribe to an external broker (mqtt://host:port)')
    .option('--replay <file>', 'play back a CSV, Parquet or NDJSON file')
    .option('-p, --port <port>', 'the embedded broker’s port (0 picks a free one)', parsePort)
    .option('--host <host>', 'the embedded broker’s interface', '127.0.0.1')
    .option('--topic <pattern...>', 'MQTT topic patterns with a {deviceId} level (default devices/{deviceId}/messages)')
    .option('--username <name>', 'MQTT user name')
    .option('--password <secret>', 'MQTT password')
    .option('--speed <speed>', 'replay speed: 1 to 1000 times real time, or max', parseSpeed)
    .option('--format <format>', 'replay file format when the extension does not say: csv, parquet or ndjson')
    .description('add or replace a source')
    .action((name: string, options: SourceOptions, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.ingest.putSource(sourceFromOptions(name, options)), (saved) => `Saved the ${saved.type} source ${saved.name}.`))),
    );
  source
    .command('delete')
    .argument('<name>', 'the source name')
    .description('delete a source')
    .action((name: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.ingest.deleteSource(name);
          cli.print({ deleted: name }, () => `Deleted the source ${name}.`);
        }),
      ),
    );
  source
    .command('start')
    .argument('<name>', 'the source name')
    .description('mark a source as running: the app and `twinbench serve` run it while they have the workspace open')
    .action((name: string, _options, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.ingest.startSource(name), (status) => `Source ${status.name} runs whenever the workspace is open in the app or \`twinbench serve\`.`))),
    );
  source
    .command('stop')
    .argument('<name>', 'the source name')
    .description('mark a source as stopped')
    .action((name: string, _options, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.ingest.stopSource(name), (status) => `Source ${status.name} is stopped.`))),
    );
  source
    .command('run')
    .argument('<name>', 'the source name')
    .description('run a source in the foreground with live counters until it ends or Ctrl+C stops it')
    .action((name: string, _options, command: Command) =>
      run(command, async (cli) => {
        const engine = await openEngine(cli.options.workspace);
        try {
          const started = await engine.ingest.startSource(name);
          if (started.address) cli.io.stderr(`Source ${name} listens at ${started.address} (Ctrl+C stops it).\n`);
          const status = await follow(cli, engine, name, started.type === 'replay');
          if (started.type !== 'replay') await engine.ingest.stopSource(name);
          cli.print(status, describeStatus);
        } finally {
          await engine.close();
        }
      }),
    );

  program
    .command('replay')
    .argument('<file>', 'a CSV, Parquet or NDJSON file with time, deviceId and one column per field')
    .option('--speed <speed>', '1 to 1000 times real time, or max', parseSpeed, 1)
    .option('--format <format>', 'csv, parquet or ndjson when the extension does not say')
    .option('--name <name>', 'the replay source’s name', 'replay')
    .description('play a recorded file back through the device bindings, with progress (Ctrl+C cancels)')
    .action((file: string, options: { speed: number; format?: 'csv' | 'parquet' | 'ndjson'; name: string }, command: Command) =>
      run(command, async (cli) => {
        const engine = await openEngine(cli.options.workspace);
        try {
          await engine.ingest.putSource({ name: options.name, type: 'replay', path: file, speed: options.speed, ...(options.format ? { format: options.format } : {}) });
          await engine.ingest.startSource(options.name);
          const status = await follow(cli, engine, options.name, true);
          cli.print(status, describeStatus);
          return status.errors > 0 ? 1 : 0;
        } finally {
          await engine.close();
        }
      }),
    );

  const synthetic = program.command('synthetic').description('synthetic devices for every twin with telemetry, with injected faults');
  synthetic
    .command('start')
    .option('--interval <ms>', 'milliseconds between readings', (value) => Number(value), 5_000)
    .option('--seed <n>', 'the seed: the same seed replays the same readings', (value) => Number(value), 1)
    .option('--stuck <twin[:telemetry]...>', 'a sensor that repeats its last reading')
    .option('--failed-ahu <twin...>', 'an air-handling unit that stops; the rooms it serves warm up')
    .option('--from <time>', 'when the faults begin (ISO 8601; default now)')
    .option('--until <time>', 'when the faults end (ISO 8601; default never)')
    .description('start the synthetic devices: the app and `twinbench serve` run them while they have the workspace open')
    .action((options: { interval: number; seed: number; stuck?: string[]; failedAhu?: string[]; from?: string; until?: string }, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.ingest.startSynthetic({ intervalMs: options.interval, seed: options.seed, faults: faultsFromOptions(options) }), describeSynthetic))),
    );
  synthetic
    .command('stop')
    .description('stop the synthetic devices')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.ingest.stopSynthetic(), describeSynthetic))));
}
