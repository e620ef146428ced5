import type { Statement } from 'better-sqlite3';
import type { RulesStatus, TelemetryRule, TwinPatch, TwinsService } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';

/** A telemetry message as the rules see it. */
export interface RuleInput {
  readonly twinId: string;
  readonly component?: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Applies telemetry rules: readings become properties of the twins the reading twin points at.
 * One batch of messages becomes one batch of patches (`twins.updateMany`), so a tick of a whole
 * campus is one transaction. Property writes never trigger these rules again, so they cannot loop.
 */
export class TelemetryRules {
  private rules: readonly TelemetryRule[] = [];
  private counts = { applied: 0, refused: 0 };
  private lastError: string | undefined;
  private readonly targets: Statement<[string, string], { target: string }>;

  constructor(
    private readonly graph: GraphContext,
    private readonly twins: Pick<TwinsService, 'updateMany'>,
  ) {
    this.targets = graph.db.prepare('SELECT target FROM relationships WHERE source = ? AND name = ? ORDER BY target');
  }

  configure(rules: readonly TelemetryRule[]): void {
    this.rules = rules;
  }

  status(): RulesStatus {
    return { rules: this.rules.length, ...this.counts, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  /** The patches the rules make of a batch of messages: the latest value wins per twin and property. */
  patchesFor(messages: readonly RuleInput[]): TwinPatch[] {
    if (this.rules.length === 0) return [];
    const values = new Map<string, Map<string, unknown>>();
    for (const message of messages) {
      if (message.component !== undefined) continue;
      const model = this.graph.store.twinModel(message.twinId);
      if (model === undefined) continue;
      for (const rule of this.rules) {
        if (!(rule.telemetry in message.payload) || !this.graph.isOfModel(model, rule.fromModel)) continue;
        const targets = rule.via ? this.targets.all(message.twinId, rule.via).map((row) => row.target) : [message.twinId];
        for (const target of targets) (values.get(target) ?? values.set(target, new Map()).get(target)!).set(rule.property, message.payload[rule.telemetry]);
      }
    }
    return [...values].map(([id, properties]) => ({ id, patch: [...properties].map(([property, value]) => ({ op: 'add' as const, path: `/${escape(property)}`, value })) }));
  }

  /** Applies the rules to a batch of messages. */
  async apply(messages: readonly RuleInput[]): Promise<void> {
    const patches = this.patchesFor(messages);
    if (patches.length === 0) return;
    try {
      const results = await this.twins.updateMany(patches);
      for (const result of results) {
        if ('error' in result) {
          this.counts.refused++;
          this.lastError = `${result.id}: ${result.error.message}`;
        } else this.counts.applied++;
      }
    } catch (error) {
      this.counts.refused += patches.length;
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }
}
