import type { ExpressionNode, QueryNode } from '../ast/nodes';
import { queryError, type SourcePosition } from '../errors';
import type { LogicalPlan } from './plan-types';

/** The bounds a mode enforces. Strict mode's are ADT's; extended mode's only keep SQLite and the stack safe. */
export interface QueryLimits {
  readonly maxLength: number;
  readonly maxJoins: number;
  readonly maxHops: number;
  readonly maxLogicalTerms: number;
  readonly maxInItems: number;
}

/** ADT's documented query limits. */
export const strictLimits: QueryLimits = { maxLength: 8_000, maxJoins: 5, maxHops: 10, maxLogicalTerms: 50, maxInItems: 100 };

/** Extended mode's limits: generous, but every query still compiles and runs in bounded time. */
export const extendedLimits: QueryLimits = { maxLength: 100_000, maxJoins: 32, maxHops: 30, maxLogicalTerms: 2_000, maxInItems: 10_000 };

interface Tally {
  logicalTerms: number;
  logicalAt?: SourcePosition;
  inItems: number;
  inAt?: SourcePosition;
}

function tally(root: ExpressionNode | undefined, result: Tally): void {
  // An explicit stack: conditions are depth-bounded by the parser, but this walk needs no recursion at all.
  const stack: ExpressionNode[] = root ? [root] : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    switch (node.kind) {
      case 'logical':
        result.logicalTerms += node.operands.length - 1;
        if (result.logicalTerms > 0 && !result.logicalAt) result.logicalAt = node.position;
        stack.push(...node.operands);
        break;
      case 'not':
        stack.push(node.operand);
        break;
      case 'compare':
        stack.push(node.left, node.right);
        break;
      case 'in':
        if (node.list.items.length > result.inItems) {
          result.inItems = node.list.items.length;
          result.inAt = node.list.position;
        }
        stack.push(node.operand);
        break;
      case 'call':
        stack.push(...node.args);
        break;
      default:
        break;
    }
  }
}

/** Throws a `Limit` error when the query goes past the mode's bounds. */
export function checkLimits(query: QueryNode, plan: LogicalPlan, limits: QueryLimits, strict: boolean): void {
  const mode = strict ? 'strict mode (ADT\'s limit)' : 'extended mode';
  const more = strict ? ' Extended mode allows more.' : '';
  if (query.joins.length > limits.maxJoins) {
    throw queryError('Limit', `a query can have at most ${limits.maxJoins} JOINs in ${mode}; this one has ${query.joins.length}.${more}`, query.joins[limits.maxJoins].position);
  }
  let hops = 0;
  for (const edge of query.match?.edges ?? []) {
    const hop = edge.hops;
    hops += hop === undefined ? 1 : hop.exact ?? hop.upper ?? 1;
    if (hops > limits.maxHops) {
      throw queryError('Limit', `a MATCH can span at most ${limits.maxHops} hops in ${mode}.${more}`, hop?.position ?? edge.position);
    }
  }
  const counts: Tally = { logicalTerms: 0, inItems: 0 };
  tally(plan.where, counts);
  if (counts.logicalTerms > limits.maxLogicalTerms) {
    throw queryError('Limit', `a query can have at most ${limits.maxLogicalTerms} AND/OR operators in ${mode}; this one has ${counts.logicalTerms}.${more}`, counts.logicalAt ?? query.position);
  }
  if (counts.inItems > limits.maxInItems) {
    throw queryError('Limit', `an IN/NIN list can have at most ${limits.maxInItems} values in ${mode}; this one has ${counts.inItems}.${more}`, counts.inAt ?? query.position);
  }
}
