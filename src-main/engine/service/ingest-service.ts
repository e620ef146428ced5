import {
  EngineError,
  ErrorCode,
  type DeviceBinding,
  type DeviceMessageOptions,
  type GenerateBindingsOptions,
  type GeneratedBindings,
  type IngestReceipt,
  type IngestService,
  type SourceDefinition,
  type SourceStatus,
  type SyntheticOptions,
  type SyntheticStatus,
} from '../../../src-shared/contract';
import { checkDeviceId } from '../ingest/bindings';
import type { DeviceBindings } from '../ingest/device-bindings';
import type { DeviceSources } from '../ingest/sources/device-sources';
import type { SyntheticDevices } from '../ingest/synthetic-devices';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

/** Device bindings and sources; the workspace remembers which sources run, so a long-lived host resumes them. */
export class LocalIngestService implements IngestService {
  constructor(
    private readonly synthetic: SyntheticDevices,
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
    private readonly bindings: DeviceBindings,
    private readonly devices: DeviceSources,
  ) {}

  /** Resumes the sources the workspace says were running (hosts that stay up call this); one that fails is logged and the rest still start. */
  async resume(): Promise<void> {
    const remembered = this.settings.get().ingest?.synthetic;
    if (remembered) await this.synthetic.start(remembered);
    await this.devices.resume((name, error) => console.error(`Could not resume the device source ${name}:`, error instanceof Error ? error.message : error));
  }

  async startSynthetic(options: SyntheticOptions = {}): Promise<SyntheticStatus> {
    const chosen = this.synthetic.check({ intervalMs: options.intervalMs ?? 5_000, seed: options.seed ?? 1, faults: options.faults ?? [] });
    const status = await this.synthetic.start(chosen);
    await this.writes.run(() => this.settings.update((settings) => ({ ...settings, ingest: { ...settings.ingest, synthetic: { intervalMs: chosen.intervalMs, seed: chosen.seed, faults: chosen.faults ?? [] } } })));
    return status;
  }

  async stopSynthetic(): Promise<SyntheticStatus> {
    const status = this.synthetic.stop();
    await this.writes.run(() => this.settings.update((settings) => ({ ...settings, ingest: { ...settings.ingest, synthetic: null } })));
    return status;
  }

  async status(): Promise<SyntheticStatus> {
    return this.synthetic.status();
  }

  async listBindings(): Promise<DeviceBinding[]> {
    return this.bindings.list();
  }

  async getBinding(deviceId: string): Promise<DeviceBinding> {
    return this.bindings.get(deviceId);
  }

  async putBinding(binding: DeviceBinding): Promise<DeviceBinding> {
    return this.bindings.put(binding);
  }

  async deleteBinding(deviceId: string): Promise<void> {
    await this.bindings.delete(deviceId);
  }

  async generateBindings(options: GenerateBindingsOptions = {}): Promise<GeneratedBindings> {
    return this.bindings.generate(options);
  }

  async listSources(): Promise<SourceDefinition[]> {
    return this.devices.list();
  }

  async putSource(source: SourceDefinition): Promise<SourceDefinition> {
    return this.devices.put(source);
  }

  async deleteSource(name: string): Promise<void> {
    await this.devices.delete(name);
  }

  async startSource(name: string): Promise<SourceStatus> {
    return this.devices.start(name);
  }

  async stopSource(name: string): Promise<SourceStatus> {
    return this.devices.stop(name);
  }

  async sources(): Promise<SourceStatus[]> {
    return this.devices.status();
  }

  async receive(deviceId: string, payload: unknown, options: DeviceMessageOptions = {}): Promise<IngestReceipt> {
    const source = this.devices.http(options.source);
    const outcome = await source.receive({
      deviceId: checkDeviceId(deviceId),
      payload,
      ...(options.sourceTime !== undefined ? { sourceTime: options.sourceTime } : {}),
      ...(options.messageId !== undefined ? { messageId: options.messageId } : {}),
    });
    if (outcome.ok) return outcome.receipt;
    throw new EngineError(outcome.reason === 'unknownDevice' ? ErrorCode.NotFound : ErrorCode.InvalidArgument, outcome.message, { deviceId, reason: outcome.reason });
  }
}
