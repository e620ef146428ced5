import { randomUUID } from 'node:crypto';
import {
  EngineError,
  ErrorCode,
  type TelemetryOptions,
  type TelemetryReading,
  type TelemetryReceipt,
  type TelemetryService,
} from '../../../src-shared/contract';
import type { RouteDispatcher } from '../events/route-dispatcher';
import { checkId, type GraphContext } from '../graph/graph-context';
import type { TwinModel } from '../graph/twin-model';
import { requireHistory, type HistoryHandle, type TelemetryRow } from '../history';
import type { Emitter } from '../util/emitter';

/** A twin's model and the part of it one message's telemetry is checked against. */
interface Level {
  readonly modelId: string;
  readonly level: TwinModel | undefined;
}

interface Message {
  readonly twinId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly options?: TelemetryOptions;
}

const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

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
    const time = this.graph.now().toISOString();
    const rows: TelemetryRow[] = [];
    const unknown = new Set<string>();
    const events: Record<string, unknown>[] = [];
    const levels = new Map<string, Level>();
    for (const { twinId, payload, options = {} } of messages) {
      const modelId = await this.check(twinId, payload, options, unknown, levels);
      for (const [name, value] of Object.entries(payload)) {
        rows.push({ time, sourceTime: options.sourceTime ?? null, twinId, component: options.component ?? null, name, value, messageId: options.messageId ?? null });
      }
      events.push({
        specversion: '1.0',
        id: options.messageId ?? randomUUID(),
        type: 'microsoft.iot.telemetry',
        source: this.eventSource,
        subject: options.component ? `${twinId}/components/${options.component}` : twinId,
        time: options.sourceTime ?? time,
        datacontenttype: 'application/json',
        dataschema: modelId,
        data: payload,
      });
    }
    const stored = await store.appendTelemetry(rows);
    for (const event of events) void this.dispatcher.route(event);
    void this.afterStore(messages.map(({ twinId, payload, options }) => ({ twinId, payload, ...(options?.component ? { component: options.component } : {}) })));
    this.readings.fire(rows.map((row) => ({ time: row.time, twinId: row.twinId, ...(row.component ? { component: row.component } : {}), name: row.name, value: row.value })));
    return { stored, unknown: [...unknown].sort() };
  }

  /** Checks one message and collects names its model lacks; returns the twin's model. Twins seen earlier in the batch are not looked up again. */
  private async check(twinId: string, payload: unknown, options: TelemetryOptions, unknown: Set<string>, levels: Map<string, Level>): Promise<string> {
    checkId(twinId, 'twin');
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId} must be a JSON object of name → value.`);
    if (options.sourceTime !== undefined && !dateTimePattern.test(options.sourceTime)) {
      throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId}: the source time must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z.`);
    }
    const key = options.component === undefined ? twinId : `${twinId}\u0000${options.component}`;
    let found = levels.get(key);
    if (!found) {
      found = await this.level(twinId, options.component);
      levels.set(key, found);
    }
    for (const name of Object.keys(payload)) if (found.level?.others.get(name) !== 'Telemetry') unknown.add(name);
    return found.modelId;
  }

  /** The model of a twin and the level (the twin or one component) telemetry is checked against. */
  private async level(twinId: string, component: string | undefined): Promise<Level> {
    const modelId = this.graph.store.twinModel(twinId);
    if (modelId === undefined) throw new EngineError(ErrorCode.TwinNotFound, `There is no twin ${twinId}.`, { id: twinId });
    const model = await this.graph.models.get(modelId);
    const level = component === undefined ? model : model?.components.get(component);
    if (component !== undefined && !level) throw new EngineError(ErrorCode.NotFound, `Twin ${twinId} has no component ${component}.`, { twinId, component });
    return { modelId, level };
  }
}
