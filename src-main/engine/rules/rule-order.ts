import { EngineError, ErrorCode } from '../../../src-shared/contract';
import type { CompiledRule } from './rule-compile';

/** Decides whether twins of one model may be twins of another (either extends the other; '*' is any). */
export type ModelsMeet = (a: string, b: string) => boolean;

/** True when rule `from`'s output may be an input of rule `to`. */
function feeds(from: CompiledRule, to: CompiledRule, meet: ModelsMeet): boolean {
  if (!from.output || to.kind === 'telemetry') return false;
  if (to.kind === 'script' && to.rule.on === undefined) return false;
  return to.inputs.properties.has(from.output.property) && meet(from.output.model, to.inputs.model);
}

/**
 * Orders rules so that each runs after the rules whose outputs it reads (telemetry rules first),
 * or throws InvalidArgument naming the cycle: one pass in this order settles every chain.
 */
export function orderRules(rules: readonly CompiledRule[], meet: ModelsMeet): CompiledRule[] {
  const next = new Map<CompiledRule, CompiledRule[]>(rules.map((rule) => [rule, rules.filter((other) => feeds(rule, other, meet))]));
  const state = new Map<CompiledRule, 'open' | 'done'>();
  const ordered: CompiledRule[] = [];
  const stack: CompiledRule[] = [];
  const visit = (rule: CompiledRule) => {
    if (state.get(rule) === 'done') return;
    if (state.get(rule) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(rule)), rule].map((entry) => entry.id);
      throw new EngineError(ErrorCode.InvalidArgument, `The rules would form a cycle: ${cycle.join(' → ')} (each writes a property the next one reads).`, { cycle });
    }
    state.set(rule, 'open');
    stack.push(rule);
    for (const successor of next.get(rule)!) visit(successor);
    stack.pop();
    state.set(rule, 'done');
    ordered.push(rule);
  };
  // Telemetry rules are visited last so that, reversed, they come first.
  for (const rule of [...rules.filter((rule) => rule.kind !== 'telemetry'), ...rules.filter((rule) => rule.kind === 'telemetry')]) visit(rule);
  return ordered.reverse();
}
