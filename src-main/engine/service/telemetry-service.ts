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
import type { TwinModel } from '../graph/twin-model';
import { requireHistory, TelemetryBatch, type HistoryHandle, type HistoryStore, type HistoryTasks, type ImportedSeries } from '../history';
import type { Emitter } from '../util/emitter';
import { checkPayload, checkPayloadShape, checkSourceTime, maxFutureSkewMs, notANumber, telemetryKind } from './telemetry-checks';

/** Batches kept for reuse, and the largest kept (rows): a rare huge batch's buffers are let go. */
const maxIdleBatches = 2;
const maxIdleBatchRows = 1 << 18;

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
  /** Emptied batches kept for the next publishes: a batch's buffers outlive it instead of being grown again each time. */
  private readonly idleBatches: TelemetryBatch[] = [];

  constructor(
    private readonly graph: GraphContext,
    private readonly history: HistoryHandle,
    private readonly dispatcher: RouteDispatcher,
    private readonly eventSource: string,
    private readonly readings: Emitter<readonly TelemetryReading[]>,
    private readonly tasks: HistoryTasks,
    /**
     * Hears every checked batch (the rules) with the promise of its storage, so the rules evaluate it
     * while it is being stored and commit once it is; the publish returns when both the storage and
     * this resolve, which the rules delay only while they are a pass behind.
     */
    private readonly onChecked: (messages: readonly { twinId: string; component?: string; payload: Readonly<Record<string, unknown>> }[], stored: Promise<number>) => Promise<void> = async () => undefined,
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
    const batch = this.idleBatches.pop() ?? new TelemetryBatch();
    try {
      return await this.storeBatch(messages, store, now, batch);
    } finally {
      batch.clear();
      if (batch.rowCapacity <= maxIdleBatchRows && this.idleBatches.length < maxIdleBatches) this.idleBatches.push(batch);
    }
  }

  /** Checks and converts every message into `batch`, stores it, then routes, shows and hands the readings to the rules. */
  private async storeBatch(messages: readonly Message[], store: HistoryStore, now: Date, batch: TelemetryBatch): Promise<TelemetryReceipt> {
    const time = now.toISOString();
    const unknown = new Set<string>();
    const routed = this.dispatcher.hasRoutes();
    const events: Record<string, unknown>[] = [];
    const twins = new Map<string, TwinOfBatch>();
    let checkedSourceTime: string | undefined;
    // Every message is checked and converted before any is stored: a batch is stored whole or not at all.
    for (const message of messages) {
      if (typeof message !== 'object' || message === null) throw new EngineError(ErrorCode.InvalidArgument, 'Each telemetry message is an object { twinId, payload, options }.');
      const { twinId, payload, options = {} } = message;
      const twin = twins.get(twinId) ?? (await this.twinOfBatch(twinId, twins));
      checkPayloadShape(twinId, payload);
      if (options.sourceTime !== undefined && options.sourceTime !== checkedSourceTime) {
        checkSourceTime(twinId, options.sourceTime, now);
        checkedSourceTime = options.sourceTime;
      }
      if (options.messageId !== undefined && typeof options.messageId !== 'string') throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId}: the message id must be a string.`, { twinId });
      const level = options.component === undefined ? twin.model : twin.model?.components.get(options.component);
      if (options.component !== undefined && !level) throw new EngineError(ErrorCode.NotFound, `Twin ${twinId} has no component ${options.component}.`, { twinId, component: options.component });
      batch.message({ time, sourceTime: options.sourceTime, twinId, component: options.component, messageId: options.messageId });
      for (const name in payload) {
        const value = payload[name];
        const kind = telemetryKind(level, name);
        if (kind === 'unknown') unknown.add(name);
        else if (kind === 'numeric' && (typeof value !== 'number' || !Number.isFinite(value))) throw notANumber(twinId, level!, name, value);
        batch.reading(name, value);
      }
      if (routed) events.push(this.cloudEvent(twinId, payload, options, twin.modelId, time));
    }
    const storing = store.appendTelemetry(batch);
    const ruled = this.onChecked(
      messages.map(({ twinId, payload, options }) => (options?.component ? { twinId, payload, component: options.component } : { twinId, payload })),
      storing,
    );
    let stored: number;
    try {
      stored = await storing;
    } catch (error) {
      await ruled;
      throw error;
    }
    for (const event of events) void this.dispatcher.route(event);
    if (this.readings.hasListeners) this.readings.fire(readingsOf(messages, time));
    await ruled;
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

  /** The twin's model, checked once per batch (the twin may be gone since the last one). */
  private async twinOfBatch(twinId: string, twins: Map<string, TwinOfBatch>): Promise<TwinOfBatch> {
    checkId(twinId, 'twin');
    const modelId = this.graph.store.twinModel(twinId);
    if (modelId === undefined) throw new EngineError(ErrorCode.TwinNotFound, `There is no twin ${twinId}.`, { id: twinId });
    const twin = { modelId, model: await this.graph.models.get(modelId) };
    twins.set(twinId, twin);
    return twin;
  }
}

/** A twin as a batch checks its messages: its model id and model view. */
interface TwinOfBatch {
  readonly modelId: string;
  readonly model: TwinModel | undefined;
}

/** The readings of a stored batch, as live views receive them. */
function readingsOf(messages: readonly Message[], time: string): TelemetryReading[] {
  return messages.flatMap(({ twinId, payload, options }) => Object.keys(payload).map((name) => ({ time, twinId, ...(options?.component ? { component: options.component } : {}), name, value: payload[name] })));
}
