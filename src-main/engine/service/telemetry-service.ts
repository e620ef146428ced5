import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import {
  EngineError,
  ErrorCode,
  type TelemetryOptions,
  type TelemetryReading,
  type TelemetryReceipt,
  type TelemetryImportRequest,
  type TelemetryImportResult,
  type TelemetryService,
} from '../../../src-shared/contract';
import type { RouteDispatcher } from '../events/route-dispatcher';
import { checkId, type GraphContext } from '../graph/graph-context';
import { requireHistory, type HistoryHandle, type HistoryTasks, type ImportedSeries, type TelemetryRow } from '../history';
import type { Emitter } from '../util/emitter';
import { checkPayload, checkPayloadShape, checkSourceTime, maxFutureSkewMs } from './telemetry-checks';

interface Message {
  readonly twinId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly options?: TelemetryOptions;
}

/**
 * Telemetry: readings of a twin, checked against its model's Telemetry names (unknown names are
 * kept but flagged), stored in history, routed as ADT's `microsoft.iot.telemetry` events and
 * pushed to live views.
 */
export class LocalTelemetryService implements TelemetryService {
  readonly onDidPublish;

  constructor(
    private readonly graph: GraphContext,
    private readonly history: HistoryHandle,
    private readonly dispatcher: RouteDispatcher,
    private readonly eventSource: string,
    private readonly readings: Emitter<readonly TelemetryReading[]>,
    private readonly tasks: HistoryTasks,
    /** Hears every stored batch (the rules): runs after the publish has returned. */
    private readonly afterStore: (messages: readonly { twinId: string; component?: string; payload: Readonly<Record<string, unknown>> }[]) => Promise<void> = async () => undefined,
  ) {
    this.onDidPublish = readings.event;
  }

  async publish(twinId: string, payload: Readonly<Record<string, unknown>>, options: TelemetryOptions = {}): Promise<TelemetryReceipt> {
    return this.publishBatch([{ twinId, payload, options }]);
  }

  async publishBatch(messages: readonly Message[]): Promise<TelemetryReceipt> {
    if (!Array.isArray(messages)) throw new EngineError(ErrorCode.InvalidArgument, 'publishBatch takes an array of { twinId, payload, options } messages.');
    const store = requireHistory(this.history);
    const now = this.graph.now();
    const time = now.toISOString();
    const rows: TelemetryRow[] = [];
    const unknown = new Set<string>();
    const events: Record<string, unknown>[] = [];
    const models = new Map<string, string>();
    // Every message is checked before any is stored: a batch is stored whole or not at all.
    for (const message of messages) {
      if (typeof message !== 'object' || message === null) throw new EngineError(ErrorCode.InvalidArgument, 'Each telemetry message is an object { twinId, payload, options }.');
      const { twinId, payload, options = {} } = message;
      const modelId = await this.check(twinId, payload, options, now, unknown, models);
      const sourceTime = options.sourceTime ?? null;
      const component = options.component ?? null;
      const messageId = options.messageId ?? null;
      for (const name in payload) rows.push({ time, sourceTime, twinId, component, name, value: payload[name], messageId });
      if (this.dispatcher.hasRoutes()) events.push(this.cloudEvent(twinId, payload, options, modelId, time));
    }
    const stored = await store.appendTelemetry(rows);
    for (const event of events) void this.dispatcher.route(event);
    void this.afterStore(messages.map(({ twinId, payload, options }) => ({ twinId, payload, ...(options?.component ? { component: options.component } : {}) })));
    if (this.readings.hasListeners) this.readings.fire(rows.map((row) => ({ time: row.time, twinId: row.twinId, ...(row.component ? { component: row.component } : {}), name: row.name, value: row.value })));
    return { stored, unknown: [...unknown].sort() };
  }

  async import(request: TelemetryImportRequest): Promise<TelemetryImportResult> {
    const store = requireHistory(this.history);
    if (typeof request !== 'object' || request === null || typeof request.path !== 'string' || !isAbsolute(request.path)) {
      throw new EngineError(ErrorCode.InvalidArgument, 'A telemetry import needs "path", the absolute path of a CSV, Parquet or NDJSON file.', { path: request?.path });
    }
    const unknown = new Set<string>();
    const now = this.graph.now();
    return this.tasks.run(request.taskId, 'import', async (task) => {
      const { stored, twins } = await store.importTelemetry(request, (series, latest) => this.checkImport(request.path, series, latest, now, unknown), task);
      return { stored, twins, unknown: [...unknown].sort() };
    });
  }

  /** Checks an import's series against the graph and models, as `publish` checks a message. */
  private async checkImport(path: string, series: readonly ImportedSeries[], latest: { time: string | null; sourceTime: string | null }, now: Date, unknown: Set<string>): Promise<void> {
    for (const [what, time] of [['time', latest.time], ['source time', latest.sourceTime]] as const) {
      if (time !== null && Date.parse(time) - now.getTime() > maxFutureSkewMs) {
        throw new EngineError(ErrorCode.InvalidArgument, `${path}: a reading's ${what} (${time}) is more than a day ahead of the clock; nothing was imported.`, { path, [what === 'time' ? 'time' : 'sourceTime']: time });
      }
    }
    const missing = [...new Set(series.map((entry) => entry.twinId))].filter((id) => this.graph.store.twinModel(id) === undefined);
    if (missing.length > 0) {
      throw new EngineError(ErrorCode.TwinNotFound, `${path} names ${missing.length} twin${missing.length === 1 ? '' : 's'} that do${missing.length === 1 ? 'es' : ''} not exist: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}; nothing was imported.`, { path, ids: missing.slice(0, 100) });
    }
    for (const entry of series) {
      const model = await this.graph.models.get(this.graph.store.twinModel(entry.twinId)!);
      const level = entry.component === null ? model : model?.components.get(entry.component);
      if (entry.component !== null && !level) throw new EngineError(ErrorCode.NotFound, `${path}: twin ${entry.twinId} has no component ${entry.component}; nothing was imported.`, { path, twinId: entry.twinId, component: entry.component });
      const payload = { [entry.name]: entry.numeric ? 0 : entry.sample };
      try {
        for (const name of checkPayload(entry.twinId, level, payload)) unknown.add(name);
      } catch (error) {
        if (error instanceof EngineError) throw new EngineError(error.code, `${path}: ${error.message} Nothing was imported.`, { path, ...(error.details as object) });
        throw error;
      }
    }
  }

  /** ADT's `microsoft.iot.telemetry` CloudEvent of one message. */
  private cloudEvent(twinId: string, payload: Readonly<Record<string, unknown>>, options: TelemetryOptions, modelId: string, time: string): Record<string, unknown> {
    return {
      specversion: '1.0',
      id: options.messageId ?? randomUUID(),
      type: 'microsoft.iot.telemetry',
      source: this.eventSource,
      subject: options.component ? `${twinId}/components/${options.component}` : twinId,
      time: options.sourceTime ?? time,
      datacontenttype: 'application/json',
      dataschema: modelId,
      data: payload,
    };
  }

  /** Checks one message and collects names its model lacks; returns the twin's model (cached per batch in `models`). */
  private async check(twinId: string, payload: unknown, options: TelemetryOptions, now: Date, unknown: Set<string>, models: Map<string, string>): Promise<string> {
    let modelId = models.get(twinId);
    if (modelId === undefined) {
      checkId(twinId, 'twin');
      modelId = this.graph.store.twinModel(twinId);
      if (modelId === undefined) throw new EngineError(ErrorCode.TwinNotFound, `There is no twin ${twinId}.`, { id: twinId });
      models.set(twinId, modelId);
    }
    checkPayloadShape(twinId, payload);
    if (options.sourceTime !== undefined) checkSourceTime(twinId, options.sourceTime, now);
    const model = await this.graph.models.get(modelId);
    const level = options.component === undefined ? model : model?.components.get(options.component);
    if (options.component !== undefined && !level) throw new EngineError(ErrorCode.NotFound, `Twin ${twinId} has no component ${options.component}.`, { twinId, component: options.component });
    for (const name of checkPayload(twinId, level, payload)) unknown.add(name);
    return modelId;
  }
}
