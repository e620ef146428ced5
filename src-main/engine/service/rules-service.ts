import { EngineError, ErrorCode, type RulesService, type RulesStatus, type TelemetryRule } from '../../../src-shared/contract';
import type { TelemetryRules } from '../rules/telemetry-rules';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkRule(rule: unknown): TelemetryRule {
  const fields = (rule ?? {}) as Record<string, unknown>;
  if (typeof fields.id !== 'string' || !idPattern.test(fields.id)) throw new EngineError(ErrorCode.InvalidArgument, 'A rule id is 1 to 64 letters, digits, dots, dashes or underscores.');
  for (const name of ['fromModel', 'telemetry', 'property'] as const) {
    if (typeof fields[name] !== 'string' || fields[name] === '') throw new EngineError(ErrorCode.InvalidArgument, `Rule ${fields.id}: "${name}" is required.`);
  }
  if (fields.via !== undefined && (typeof fields.via !== 'string' || fields.via === '')) throw new EngineError(ErrorCode.InvalidArgument, `Rule ${fields.id}: "via" names a relationship.`);
  const { id, fromModel, telemetry, via, property } = fields as unknown as TelemetryRule;
  return { id, fromModel, telemetry, ...(via ? { via } : {}), property };
}

/** Rules kept in workspace.json, applied to telemetry as it arrives. */
export class LocalRulesService implements RulesService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
    private readonly engine: TelemetryRules,
  ) {
    engine.configure(settings.get().rules ?? []);
  }

  async list(): Promise<TelemetryRule[]> {
    return [...(this.settings.get().rules ?? [])];
  }

  async put(rule: TelemetryRule): Promise<TelemetryRule> {
    const checked = checkRule(rule);
    await this.writes.run(() => this.settings.update((settings) => ({ ...settings, rules: [...(settings.rules ?? []).filter((existing) => existing.id !== checked.id), checked] })));
    this.engine.configure(this.settings.get().rules ?? []);
    return checked;
  }

  /** Adds rules without going through the write queue: for callers already inside it (a sample job). */
  async addFromWithin(rules: readonly TelemetryRule[]): Promise<void> {
    const checked = rules.map(checkRule);
    const ids = new Set(checked.map((rule) => rule.id));
    await this.settings.update((settings) => ({ ...settings, rules: [...(settings.rules ?? []).filter((rule) => !ids.has(rule.id)), ...checked] }));
    this.engine.configure(this.settings.get().rules ?? []);
  }

  async delete(id: string): Promise<void> {
    await this.writes.run(() =>
      this.settings.update((settings) => {
        if (!(settings.rules ?? []).some((rule) => rule.id === id)) throw new EngineError(ErrorCode.NotFound, `There is no rule ${id}.`, { id });
        return { ...settings, rules: (settings.rules ?? []).filter((rule) => rule.id !== id) };
      }),
    );
    this.engine.configure(this.settings.get().rules ?? []);
  }

  async status(): Promise<RulesStatus> {
    return this.engine.status();
  }
}
