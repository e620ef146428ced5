import type { IngestService, SyntheticStatus } from '../../../src-shared/contract';
import type { SyntheticDevices } from '../ingest/synthetic-devices';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

/** Device sources; the workspace remembers which run, so a long-lived host resumes them. */
export class LocalIngestService implements IngestService {
  constructor(
    private readonly synthetic: SyntheticDevices,
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
  ) {}

  /** Resumes the sources the workspace says were running (hosts that stay up call this). */
  async resume(): Promise<void> {
    const remembered = this.settings.get().ingest?.synthetic;
    if (remembered) await this.synthetic.start(remembered);
  }

  async startSynthetic(options: { readonly intervalMs?: number; readonly seed?: number } = {}): Promise<SyntheticStatus> {
    const chosen = { intervalMs: options.intervalMs ?? 5_000, seed: options.seed ?? 1 };
    const status = await this.synthetic.start(chosen);
    await this.writes.run(() => this.settings.update((settings) => ({ ...settings, ingest: { ...settings.ingest, synthetic: chosen } })));
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
}
