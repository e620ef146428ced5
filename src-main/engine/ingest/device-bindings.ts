import { EngineError, ErrorCode, type DeviceBinding, type GenerateBindingsOptions, type GeneratedBindings } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';
import { bindingsFromRelationships, checkDeviceId, compileBinding, type CompiledBinding } from './bindings';

/** Why a stored binding cannot be used now (its twin was deleted, its model changed). */
export class BrokenBinding {
  constructor(readonly reason: string) {}
}

/**
 * The workspace's device bindings (workspace.json), and their compiled form for the hot path.
 * A binding is compiled on first use and again after any change to bindings or models.
 */
export class DeviceBindings {
  private readonly compiled = new Map<string, CompiledBinding | BrokenBinding>();

  constructor(
    private readonly graph: GraphContext,
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
  ) {}

  /** Every stored binding, by device id. */
  list(): DeviceBinding[] {
    return [...(this.settings.get().ingest?.bindings ?? [])].sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  }

  /** One binding, or NotFound. */
  get(deviceId: string): DeviceBinding {
    const binding = this.settings.get().ingest?.bindings?.find((candidate) => candidate.deviceId === deviceId);
    if (!binding) throw new EngineError(ErrorCode.NotFound, `There is no binding for device ${deviceId}.`, { deviceId });
    return binding;
  }

  /** Checks and stores a binding (replacing the device's previous one). */
  async put(input: DeviceBinding): Promise<DeviceBinding> {
    const { binding } = await compileBinding(this.graph, input);
    await this.save((bindings) => [...bindings.filter((existing) => existing.deviceId !== binding.deviceId), binding]);
    return binding;
  }

  /** Deletes a device's binding. */
  async delete(deviceId: string): Promise<void> {
    checkDeviceId(deviceId);
    await this.save((bindings) => {
      if (!bindings.some((binding) => binding.deviceId === deviceId)) throw new EngineError(ErrorCode.NotFound, `There is no binding for device ${deviceId}.`, { deviceId });
      return bindings.filter((binding) => binding.deviceId !== deviceId);
    });
  }

  /** Generates bindings from a relationship (`observes` unless given), keeping existing ones unless asked to replace them. */
  async generate(options: GenerateBindingsOptions = {}): Promise<GeneratedBindings> {
    const relationship = options.relationship ?? 'observes';
    const target = options.target ?? 'self';
    if (typeof relationship !== 'string' || relationship === '') throw new EngineError(ErrorCode.InvalidArgument, 'The relationship name must be a non-empty string.');
    if (target !== 'self' && target !== 'observed') throw new EngineError(ErrorCode.InvalidArgument, 'The target is "self" or "observed".', { target });
    const generated = await bindingsFromRelationships(this.graph, relationship, target);
    const existing = new Set(this.list().map((binding) => binding.deviceId));
    const created = generated.filter((binding) => options.replace === true || !existing.has(binding.deviceId));
    const kept = generated.filter((binding) => options.replace !== true && existing.has(binding.deviceId)).map((binding) => binding.deviceId);
    const replaced = new Set(created.map((binding) => binding.deviceId));
    await this.save((bindings) => [...bindings.filter((binding) => !replaced.has(binding.deviceId)), ...created]);
    return { created, kept };
  }

  /** The compiled binding of a device; undefined for an unknown device, a BrokenBinding when it no longer fits the graph. */
  async resolve(deviceId: string): Promise<CompiledBinding | BrokenBinding | undefined> {
    const cached = this.compiled.get(deviceId);
    if (cached) return cached;
    const binding = this.settings.get().ingest?.bindings?.find((candidate) => candidate.deviceId === deviceId);
    if (!binding) return undefined;
    let result: CompiledBinding | BrokenBinding;
    try {
      result = (await compileBinding(this.graph, binding)).compiled;
    } catch (error) {
      result = new BrokenBinding((error as Error).message);
    }
    this.compiled.set(deviceId, result);
    return result;
  }

  /** Forgets compiled bindings (models or twins changed under them). */
  invalidate(): void {
    this.compiled.clear();
  }

  private async save(change: (bindings: readonly DeviceBinding[]) => readonly DeviceBinding[]): Promise<void> {
    await this.writes.run(async () => {
      await this.settings.update((settings) => ({ ...settings, ingest: { ...settings.ingest, bindings: change(settings.ingest?.bindings ?? []) } }));
      this.invalidate();
    });
  }
}
