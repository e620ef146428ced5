import type { SourcePosition } from '../errors';

/** One name in a dotted path (`T`, `$metadata`, `[[Group]]`). */
export interface PathSegment {
  readonly name: string;
  readonly escaped: boolean;
  readonly position: SourcePosition;
}

/** `T.a.b`, `$dtId`, `Location`: resolved against collections by the planner. */
export interface PathNode {
  readonly kind: 'path';
  readonly segments: readonly PathSegment[];
  readonly position: SourcePosition;
}

/** A scalar literal. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly position: SourcePosition;
}

/** `['a', 'b']`, the right side of IN / NIN. */
export interface ListNode {
  readonly kind: 'list';
  readonly items: readonly LiteralNode[];
  readonly position: SourcePosition;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface CompareNode {
  readonly kind: 'compare';
  readonly operator: ComparisonOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly position: SourcePosition;
}

/** AND / OR over two or more operands, kept flat so long chains never recurse deeply. */
export interface LogicalNode {
  readonly kind: 'logical';
  readonly operator: 'AND' | 'OR';
  readonly operands: readonly ExpressionNode[];
  readonly position: SourcePosition;
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: ExpressionNode;
  readonly position: SourcePosition;
}

export interface InNode {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly operand: ExpressionNode;
  readonly list: ListNode;
  readonly position: SourcePosition;
}

/** A function call: `IS_OF_MODEL(...)`, `STARTSWITH(...)`, and aggregates in SELECT. */
export interface CallNode {
  readonly kind: 'call';
  /** Upper-cased name. */
  readonly name: string;
  readonly args: readonly ExpressionNode[];
  readonly position: SourcePosition;
}

export type ExpressionNode = PathNode | LiteralNode | ListNode | CompareNode | LogicalNode | NotNode | InNode | CallNode;
export type ExpressionKind = ExpressionNode['kind'];

/** One projected column: a collection, a property or an aggregate, with an optional `AS` name. */
export interface SelectItemNode {
  readonly kind: 'selectItem';
  readonly expression: PathNode | CallNode;
  readonly alias?: string;
  readonly position: SourcePosition;
}

export interface SelectNode {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly top?: { readonly count: number; readonly position: SourcePosition };
  /** `star` for `SELECT *` and for a bare `SELECT TOP(n)`. */
  readonly items: 'star' | readonly SelectItemNode[];
  readonly position: SourcePosition;
}

export interface FromNode {
  readonly kind: 'from';
  readonly collection: 'DIGITALTWINS' | 'RELATIONSHIPS';
  readonly alias?: string;
  readonly position: SourcePosition;
}

/** `JOIN target RELATED source.relationship [relAlias]`, optionally outer (extended mode). */
export interface JoinNode {
  readonly kind: 'join';
  readonly target: string;
  readonly source: string;
  readonly relationship: string;
  readonly relationshipAlias?: string;
  readonly optional: boolean;
  readonly position: SourcePosition;
  readonly relationshipPosition: SourcePosition;
}

/** `(name)` in a MATCH pattern; anonymous when `name` is missing. */
export interface MatchNodeNode {
  readonly kind: 'matchNode';
  readonly name?: string;
  readonly position: SourcePosition;
}

/** The hop count as written: `*n` is `{ exact: n }`, `*n..m` / `*..m` give `upper` and maybe `lower`. */
export interface HopsNode {
  readonly exact?: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly position: SourcePosition;
}

/** `-[r:a|b*n..m]->` between two MATCH nodes. */
export interface MatchEdgeNode {
  readonly kind: 'matchEdge';
  readonly direction: 'out' | 'in' | 'any';
  readonly variable?: string;
  readonly names: readonly string[];
  readonly hops?: HopsNode;
  readonly position: SourcePosition;
}

export interface MatchNode {
  readonly kind: 'match';
  readonly nodes: readonly MatchNodeNode[];
  /** `edges[i]` joins `nodes[i]` and `nodes[i + 1]`. */
  readonly edges: readonly MatchEdgeNode[];
  readonly position: SourcePosition;
}

export interface OrderItemNode {
  readonly kind: 'orderItem';
  readonly expression: PathNode;
  readonly descending: boolean;
  readonly position: SourcePosition;
}

/** A whole query. Clauses beyond ADT's (GROUP BY, ORDER BY, LIMIT, OFFSET) are checked by the planner. */
export interface QueryNode {
  readonly kind: 'query';
  readonly select: SelectNode;
  readonly from: FromNode;
  readonly joins: readonly JoinNode[];
  readonly match?: MatchNode;
  readonly where?: ExpressionNode;
  readonly groupBy: readonly PathNode[];
  readonly orderBy: readonly OrderItemNode[];
  readonly limit?: { readonly count: number; readonly position: SourcePosition };
  readonly offset?: { readonly count: number; readonly position: SourcePosition };
  readonly position: SourcePosition;
}

export type AstNode = ExpressionNode | SelectItemNode | SelectNode | FromNode | JoinNode | MatchNodeNode | MatchEdgeNode | MatchNode | OrderItemNode | QueryNode;
