import type { ExpressionNode, OrderItemNode, PathNode, SelectItemNode } from '../ast/nodes';
import type { Collection, Scope } from './scope';

/** One step of the FROM side: where rows come from and how collections connect. */
export type PlanStep =
  | { readonly op: 'scan'; readonly collection: Collection }
  | {
      /** One relationship between two twins (JOIN, or a single-hop MATCH edge). */
      readonly op: 'hop';
      readonly from: Collection;
      readonly relationship: Collection;
      readonly to: Collection;
      /** False when `to` already appeared (a MATCH cycle): the step only checks it. */
      readonly toIsNew: boolean;
      readonly direction: 'out' | 'in' | 'any';
      readonly names: readonly string[];
      readonly optional: boolean;
    }
  | {
      /** A path of `minHops..maxHops` relationships (MATCH `*`): one row per twin pair. */
      readonly op: 'reach';
      readonly from: Collection;
      readonly to: Collection;
      readonly toIsNew: boolean;
      readonly direction: 'out' | 'in' | 'any';
      readonly names: readonly string[];
      readonly minHops: number;
      readonly maxHops: number;
    };

/** A `$dtId = '...'` or `$dtId IN [...]` condition at the top of WHERE: where traversal starts. */
export interface Anchor {
  readonly collection: Collection;
  readonly ids: readonly string[];
}

/** Everything the SQL stage needs, resolved and checked. */
export interface LogicalPlan {
  readonly scope: Scope;
  readonly steps: readonly PlanStep[];
  /** Relationship collections of MATCH that must be pairwise different (a relationship is used once per path). */
  readonly distinctRelationships: readonly Collection[];
  readonly where?: ExpressionNode;
  readonly anchor?: Anchor;
  /** `star` projects the single collection's documents, or every named collection with JOIN/MATCH. */
  readonly select: 'star' | readonly SelectItemNode[];
  readonly distinct: boolean;
  readonly groupBy: readonly PathNode[];
  readonly orderBy: readonly OrderItemNode[];
  /** TOP(n) or LIMIT n: the most rows the query returns over all pages. */
  readonly limit?: number;
  readonly offset?: number;
}
