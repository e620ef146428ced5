import { EngineError, ErrorCode, type ReplayFormat, type SourceDefinition, type SourceStatus } from '../../../../src-shared/contract';
import { atField } from '../../util/at-field';
import type { SerialQueue } from '../../util/serial-queue';
import type { SettingsStore } from '../../workspace/settings-store';
import { startHttpSource, type HttpSource } from './http-source';
import { startMqttBroker } from './mqtt-broker-source';
import { checkBrokerUrl, startMqttClient } from './mqtt-client-source';
import { topicPattern } from './mqtt-topics';
import { replayFormat, startReplay } from './replay-source';
import type { RunningSource, SourceContext } from './running-source';

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkTopics(value: unknown, where: string, required: boolean): readonly string[] | undefined {
  if (value === undefined && !required) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw new EngineError(ErrorCode.InvalidArgument, `${where}: "topics" is a non-empty list of topic patterns such as devices/{deviceId}/messages.`, { field: 'topics' });
  return atField('topics', () => value.map((pattern) => topicPattern(pattern).pattern));
}

/** Checks a source definition and returns it in its stored shape; a clear error otherwise. */
export function checkSource(input: unknown): SourceDefinition {
  const fields = (input ?? {}) as Record<string, unknown>;
  if (typeof fields.name !== 'string' || !namePattern.test(fields.name)) {
    throw new EngineError(ErrorCode.InvalidArgument, 'A source name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.', { name: fields.name, field: 'name' });
  }
  const name = fields.name;
  const where = `Source ${name}`;
  const text = (key: string) => (typeof fields[key] === 'string' ? { [key]: fields[key] as string } : {});
  switch (fields.type) {
    case 'http':
      return { name, type: 'http' };
    case 'mqtt-broker': {
      const port = fields.port ?? 1883;
      if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535) throw new EngineError(ErrorCode.InvalidArgument, `${where}: "port" is a whole number from 0 to 65535 (0 picks a free one).`, { field: 'port' });
      const topics = checkTopics(fields.topics, where, false);
      return { name, type: 'mqtt-broker', port: port as number, ...text('host'), ...(topics ? { topics } : {}) };
    }
    case 'mqtt-client':
      return { name, type: 'mqtt-client', url: atField('url', () => checkBrokerUrl(fields.url, where)), topics: checkTopics(fields.topics, where, true)!, ...text('clientId'), ...text('username'), ...text('password') };
    case 'replay': {
      if (typeof fields.path !== 'string' || fields.path === '') throw new EngineError(ErrorCode.InvalidArgument, `${where}: "path" names the CSV, Parquet or NDJSON file to play.`, { field: 'path' });
      const speed = fields.speed ?? 1;
      if (typeof speed !== 'number' || !(speed === 0 || (speed >= 1 && speed <= 1000))) {
        throw new EngineError(ErrorCode.InvalidArgument, `${where}: "speed" is from 1 to 1000 times real time, or 0 for as fast as possible.`, { speed, field: 'speed' });
      }
      const path = fields.path;
      const format = atField('format', () => replayFormat({ path, format: fields.format as ReplayFormat | undefined }));
      return { name, type: 'replay', path, format, speed };
    }
    default:
      throw new EngineError(ErrorCode.InvalidArgument, `${where}: "type" must be "http", "mqtt-broker", "mqtt-client" or "replay".`, { type: fields.type, field: 'type' });
  }
}

/**
 * The workspace's device sources: their definitions (workspace.json), the ones running now with
 * their counters, and which to resume when a long-lived host opens the workspace (replays are
 * never resumed: they are one-off runs).
 */
export class DeviceSources {
  private readonly running = new Map<string, RunningSource>();
  private readonly starting = new Map<string, Promise<RunningSource>>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
    private readonly context: SourceContext,
  ) {}

  list(): SourceDefinition[] {
    return [...(this.settings.get().ingest?.sources ?? [])];
  }

  /** Adds or replaces a source; a running one is stopped first. */
  async put(input: SourceDefinition): Promise<SourceDefinition> {
    const source = checkSource(input);
    await this.halt(source.name);
    await this.save((sources, running) => ({ sources: [...sources.filter((s) => s.name !== source.name), source], running: running.filter((n) => n !== source.name) }));
    return source;
  }

  async delete(name: string): Promise<void> {
    this.definition(name);
    await this.halt(name);
    await this.save((sources, running) => ({ sources: sources.filter((s) => s.name !== name), running: running.filter((n) => n !== name) }));
  }

  /** Starts a source (a running one is left as it is) and remembers it unless it is a replay. */
  async start(name: string): Promise<SourceStatus> {
    const definition = this.definition(name);
    if (!this.running.get(name)?.isRunning()) {
      await this.halt(name);
      await this.launch(definition);
    }
    if (definition.type !== 'replay') await this.save((sources, running) => ({ sources, running: [...running.filter((n) => n !== name), name] }));
    return this.statusOf(definition);
  }

  /** Stops a source and forgets that it runs; its last counters stay readable. */
  async stop(name: string): Promise<SourceStatus> {
    const definition = this.definition(name);
    await this.running.get(name)?.stop();
    await this.save((sources, running) => ({ sources, running: running.filter((n) => n !== name) }));
    return this.statusOf(definition);
  }

  status(): SourceStatus[] {
    return this.list().map((definition) => this.statusOf(definition));
  }

  /** The running HTTP source named `name`, or the first one running. */
  http(name: string | undefined): HttpSource {
    const candidates = this.list().filter((s) => s.type === 'http' && (name === undefined || s.name === name));
    for (const candidate of candidates) {
      const source = this.running.get(candidate.name) as HttpSource | undefined;
      if (source?.isRunning()) return source;
    }
    const which = name === undefined ? 'No HTTP device source runs' : `The HTTP device source ${name} does not run`;
    throw new EngineError(ErrorCode.Unavailable, `${which}; add one with type "http" and start it.`, { source: name });
  }

  /** Starts the sources the workspace says were running; one that cannot start is reported and the others still start. */
  async resume(report: (name: string, error: unknown) => void): Promise<void> {
    for (const name of this.settings.get().ingest?.running ?? []) {
      const definition = this.list().find((s) => s.name === name);
      if (!definition) continue;
      try {
        await this.launch(definition);
      } catch (error) {
        report(name, error);
      }
    }
  }

  /** Stops every running source (the engine is closing); the workspace still remembers them. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((source) => source.stop()));
  }

  private definition(name: string): SourceDefinition {
    const definition = this.list().find((s) => s.name === name);
    if (!definition) throw new EngineError(ErrorCode.NotFound, `There is no device source ${name}.`, { name });
    return definition;
  }

  private async launch(definition: SourceDefinition): Promise<RunningSource> {
    const pending = this.starting.get(definition.name);
    if (pending) return pending;
    const starting = this.open(definition);
    this.starting.set(definition.name, starting);
    try {
      const source = await starting;
      this.running.set(definition.name, source);
      return source;
    } finally {
      this.starting.delete(definition.name);
    }
  }

  private open(definition: SourceDefinition): Promise<RunningSource> {
    switch (definition.type) {
      case 'http':
        return Promise.resolve(startHttpSource(this.context));
      case 'mqtt-broker':
        return startMqttBroker(definition, this.context);
      case 'mqtt-client':
        return startMqttClient(definition, this.context);
      case 'replay':
        return startReplay(definition, this.context);
    }
  }

  private async halt(name: string): Promise<void> {
    const source = this.running.get(name);
    if (!source) return;
    await source.stop();
    this.running.delete(name);
  }

  private statusOf(definition: SourceDefinition): SourceStatus {
    const source = this.running.get(definition.name);
    if (!source) return { name: definition.name, type: definition.type, running: false, messages: 0, messagesPerSecond: 0, errors: 0, reasons: {} };
    const running = source.isRunning();
    return { name: definition.name, type: definition.type, running, ...source.counters.snapshot(), ...(running ? {} : { messagesPerSecond: 0 }), ...source.details() };
  }

  private async save(change: (sources: readonly SourceDefinition[], running: readonly string[]) => { sources: readonly SourceDefinition[]; running: readonly string[] }): Promise<void> {
    await this.writes.run(async () => {
      await this.settings.update((settings) => {
        const next = change(settings.ingest?.sources ?? [], settings.ingest?.running ?? []);
        return { ...settings, ingest: { ...settings.ingest, sources: next.sources, running: next.running } };
      });
    });
  }
}
