import { EngineError, ErrorCode, type Rule, type RuleAlert, type RulesService, type RulesStatus, type TraceEntry } from '../../../src-shared/contract';
import { checkId } from '../graph/graph-context';
import { compileRule, type CompiledRule, type ModelLookup } from '../rules/rule-compile';
import type { RuleEngine } from '../rules/rule-engine';
import { orderRules, type ModelsMeet } from '../rules/rule-order';
import { checkRuleShape } from '../rules/rule-shape';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

/** Rules kept in workspace.json, checked against the models when defined and run by the rule engine. */
export class LocalRulesService implements RulesService {
  readonly onDidAlert;
  /** Stored rules that no longer compile (a model was deleted or changed), with the reason. */
  private broken = new Map<string, string>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
    private readonly engine: RuleEngine,
    private readonly lookup: ModelLookup,
    alerts: Emitter<RuleAlert>,
  ) {
    this.onDidAlert = alerts.event;
  }

  private readonly meet: ModelsMeet = (a, b) => a === '*' || b === '*' || this.lookup.isOfModel(a, b) || this.lookup.isOfModel(b, a);

  private stored(): readonly Rule[] {
    return this.settings.get().rules ?? [];
  }

  /** Compiles the stored rules again (at start and when models change) and hands them to the engine. */
  async reload(): Promise<void> {
    const compiled: CompiledRule[] = [];
    const broken = new Map<string, string>();
    for (const rule of this.stored()) {
      try {
        compiled.push(await compileRule(rule, this.lookup));
      } catch (error) {
        broken.set(rule.id, error instanceof Error ? error.message : String(error));
      }
    }
    this.broken = broken;
    try {
      this.engine.configure(orderRules(compiled, this.meet));
    } catch (error) {
      // A cycle can only appear here when models changed under stored rules: run none of the cycle's rules.
      const cycle = new Set(((error as EngineError).details as { cycle?: string[] } | undefined)?.cycle ?? []);
      for (const id of cycle) broken.set(id, (error as Error).message);
      this.engine.configure(orderRules(compiled.filter((rule) => !cycle.has(rule.id)), this.meet));
    }
  }

  /** Checks `rules` against the models and the rules they join; returns the new list. */
  private async checked(rules: readonly Rule[]): Promise<Rule[]> {
    const shaped = rules.map((rule) => checkRuleShape(rule));
    const ids = new Set(shaped.map((rule) => rule.id));
    const next = [...this.stored().filter((rule) => !ids.has(rule.id)), ...shaped];
    const compiled: CompiledRule[] = [];
    for (const rule of next) {
      if (!ids.has(rule.id) && this.broken.has(rule.id)) continue;
      compiled.push(await compileRule(rule, this.lookup));
    }
    orderRules(compiled, this.meet);
    return next;
  }

  async list(): Promise<Rule[]> {
    return [...this.stored()];
  }

  async get(id: string): Promise<Rule> {
    const rule = this.stored().find((candidate) => candidate.id === id);
    if (!rule) throw new EngineError(ErrorCode.NotFound, `There is no rule ${String(id)}.`, { id });
    return rule;
  }

  async put(rule: Rule): Promise<Rule> {
    await this.writes.run(async () => {
      const next = await this.checked([rule]);
      await this.settings.update((settings) => ({ ...settings, rules: next }));
    });
    await this.reload();
    return this.get(rule.id);
  }

  /** Adds rules without going through the write queue: for callers already inside it (a sample job). */
  async addFromWithin(rules: readonly Rule[]): Promise<void> {
    const next = await this.checked(rules);
    await this.settings.update((settings) => ({ ...settings, rules: next }));
    await this.reload();
  }

  async delete(id: string): Promise<void> {
    await this.writes.run(() =>
      this.settings.update((settings) => {
        if (!(settings.rules ?? []).some((rule) => rule.id === id)) throw new EngineError(ErrorCode.NotFound, `There is no rule ${String(id)}.`, { id });
        return { ...settings, rules: (settings.rules ?? []).filter((rule) => rule.id !== id) };
      }),
    );
    await this.reload();
  }

  async status(): Promise<RulesStatus> {
    const status = this.engine.status();
    if (this.broken.size === 0) return status;
    const [first] = this.broken;
    return { ...status, lastError: status.lastError ?? `Rule ${first![0]} is not running: ${first![1]}` };
  }

  async trace(twinId: string, property?: string): Promise<TraceEntry[]> {
    checkId(twinId, 'twin');
    if (property !== undefined && (typeof property !== 'string' || property === '')) throw new EngineError(ErrorCode.InvalidArgument, 'A trace property must be a non-empty name.');
    return this.engine.trace.of(twinId, property);
  }
}
