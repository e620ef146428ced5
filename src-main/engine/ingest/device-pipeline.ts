import { ErrorCode, isEngineError, type IngestReceipt, type RejectReason, type TelemetryOptions, type TelemetryService, type TwinPatch, type TwinsService } from '../../../src-shared/contract';
import type { CompiledBinding } from './bindings';
import { BrokenBinding, type DeviceBindings } from './device-bindings';

/** One message from a device, as a source received it. */
export interface DeviceMessage {
  readonly deviceId: string;
  /** The parsed payload: a JSON object of field → value. */
  readonly payload: unknown;
  readonly sourceTime?: string;
  readonly messageId?: string;
}

/** What became of one message: stored, or refused with a reason. */
export type MessageOutcome = { readonly ok: true; readonly receipt: IngestReceipt } | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

interface Mapped {
  readonly index: number;
  readonly twinId: string;
  readonly component?: string;
  readonly telemetry: Record<string, unknown>;
  readonly properties: Record<string, unknown>;
  readonly ignored: string[];
  readonly options: TelemetryOptions;
}

const refuse = (reason: RejectReason, message: string): MessageOutcome => ({ ok: false, reason, message });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns device messages into readings through their bindings: telemetry goes to history in one
 * batch, properties become one JSON Patch batch on the graph. The returned promise settles when
 * every accepted reading is durable; a bad message is refused with a reason and never stops
 * the others.
 */
export class DevicePipeline {
  constructor(
    private readonly bindings: DeviceBindings,
    private readonly telemetry: TelemetryService,
    private readonly twins: TwinsService,
  ) {}

  /** Applies a batch of messages; one outcome per message, in order. */
  async apply(messages: readonly DeviceMessage[]): Promise<MessageOutcome[]> {
    const outcomes: MessageOutcome[] = new Array(messages.length);
    const mapped: Mapped[] = [];
    const bindings = new Map<string, Awaited<ReturnType<DeviceBindings['resolve']>>>();
    for (const { deviceId } of messages) if (!bindings.has(deviceId)) bindings.set(deviceId, await this.bindings.resolve(deviceId));
    for (let index = 0; index < messages.length; index++) {
      const result = this.map(messages[index]!, index, bindings.get(messages[index]!.deviceId));
      if ('ok' in result) outcomes[index] = result;
      else mapped.push(result);
    }
    await this.storeTelemetry(mapped.filter((m) => Object.keys(m.telemetry).length > 0), outcomes);
    await this.storeProperties(mapped.filter((m) => outcomes[m.index] === undefined && Object.keys(m.properties).length > 0), outcomes);
    for (const m of mapped) {
      outcomes[m.index] ??= { ok: true, receipt: { twinId: m.twinId, telemetry: Object.keys(m.telemetry).length, properties: Object.keys(m.properties).length, ignored: m.ignored } };
    }
    return outcomes;
  }

  private map(message: DeviceMessage, index: number, binding: CompiledBinding | BrokenBinding | undefined): Mapped | MessageOutcome {
    if (binding === undefined) return refuse('unknownDevice', `Device ${message.deviceId} has no binding.`);
    if (binding instanceof BrokenBinding) return refuse('unknownDevice', `Device ${message.deviceId}: ${binding.reason}`);
    if (!isObject(message.payload)) return refuse('malformedPayload', `Device ${message.deviceId}: the payload must be a JSON object of field → value.`);
    const telemetry: Record<string, unknown> = {};
    const properties: Record<string, unknown> = {};
    const ignored: string[] = [];
    for (const [field, value] of Object.entries(message.payload)) {
      const target = binding.fields.get(field);
      if (!target) {
        ignored.push(field);
        continue;
      }
      let converted = value;
      if (target.convert) {
        if (typeof value !== 'number' || !Number.isFinite(value)) return refuse('invalidValue', `Device ${message.deviceId}, field ${field}: ${JSON.stringify(value)} is not a number to convert.`);
        converted = target.convert(value);
      }
      (target.to === 'telemetry' ? telemetry : properties)[target.name] = converted;
    }
    if (Object.keys(telemetry).length === 0 && Object.keys(properties).length === 0) {
      return refuse('unmappedField', `Device ${message.deviceId}: no field of the payload is bound (${ignored.join(', ') || 'it is empty'}).`);
    }
    const options: TelemetryOptions = {
      ...(binding.component !== undefined ? { component: binding.component } : {}),
      ...(message.sourceTime !== undefined ? { sourceTime: message.sourceTime } : {}),
      ...(message.messageId !== undefined ? { messageId: message.messageId } : {}),
    };
    return { index, twinId: binding.twinId, ...(binding.component !== undefined ? { component: binding.component } : {}), telemetry, properties, ignored, options };
  }

  /** Stores every telemetry message in one batch; when the batch is refused, each message alone, so only the bad ones fail. */
  private async storeTelemetry(mapped: readonly Mapped[], outcomes: MessageOutcome[]): Promise<void> {
    if (mapped.length === 0) return;
    const message = (m: Mapped) => ({ twinId: m.twinId, payload: m.telemetry, options: m.options });
    try {
      await this.telemetry.publishBatch(mapped.map(message));
      return;
    } catch (error) {
      if (isTransient(error)) throw error;
    }
    for (const m of mapped) {
      try {
        await this.telemetry.publishBatch([message(m)]);
      } catch (error) {
        if (isTransient(error) || !isEngineError(error)) throw error;
        if (error.code === ErrorCode.TwinNotFound) this.bindings.invalidate();
        outcomes[m.index] = refuse(error.code === ErrorCode.TwinNotFound ? 'unknownDevice' : 'invalidValue', error.message);
      }
    }
  }

  /** Sets properties in one transaction; each refused patch fails only its message. */
  private async storeProperties(mapped: readonly Mapped[], outcomes: MessageOutcome[]): Promise<void> {
    if (mapped.length === 0) return;
    const patches: TwinPatch[] = mapped.map((m) => ({
      id: m.twinId,
      ...(m.component !== undefined ? { component: m.component } : {}),
      patch: Object.entries(m.properties).map(([name, value]) => ({ op: 'add' as const, path: `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, value })),
    }));
    const results = await this.twins.updateMany(patches);
    results.forEach((result, i) => {
      if ('error' in result && result.error) outcomes[mapped[i]!.index] = refuse('invalidValue', result.error.message);
    });
  }
}

/** A store failure that must not be acknowledged: the source should let the device resend. */
export function isTransient(error: unknown): boolean {
  return !isEngineError(error) || error.code === ErrorCode.Internal || error.code === ErrorCode.Unavailable;
}
