// The route filter syntax tree: readonly nodes, each tagged with `kind` and its source offset.

/** The CloudEvents attributes a filter can name directly (case-sensitive, as ADT's payloads). */
export const eventAttributes = ['type', 'source', 'subject', 'id', 'dataschema', 'specversion', 'time', 'datacontenttype'] as const;

/** One of the CloudEvents attributes a filter can compare. */
export type EventAttribute = (typeof eventAttributes)[number];

/** The comparison operators ADT documents for route filters. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The string functions ADT documents for route filters. */
export type FilterFunction = 'STARTS_WITH' | 'ENDS_WITH' | 'CONTAINS';

/** A literal value: string, number, boolean or null. */
export type LiteralValue = string | number | boolean | null;

/** A CloudEvents attribute such as `type`. */
export interface AttributeOperand {
  readonly kind: 'attribute';
  readonly name: EventAttribute;
  readonly position: number;
}

/** `$body.a.b`: a path into the event's `data` (an empty path is `data` itself). */
export interface BodyOperand {
  readonly kind: 'body';
  readonly path: readonly string[];
  readonly position: number;
}

/** A literal in the filter text. */
export interface LiteralOperand {
  readonly kind: 'literal';
  readonly value: LiteralValue;
  readonly position: number;
}

/** A value a comparison reads. */
export type Operand = AttributeOperand | BodyOperand | LiteralOperand;

/** A value a function can test: an attribute or a `$body` path. */
export type Reference = AttributeOperand | BodyOperand;

/** `true` or `false` as a whole term. */
export interface ConstantNode {
  readonly kind: 'constant';
  readonly value: boolean;
  readonly position: number;
}

/** `left <op> right`. */
export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: Operand;
  readonly right: Operand;
  readonly position: number;
}

/** `STARTS_WITH(target, 'argument')` and its siblings. */
export interface CallNode {
  readonly kind: 'call';
  readonly name: FilterFunction;
  readonly target: Reference;
  readonly argument: string;
  readonly position: number;
}

/** `NOT operand`. */
export interface NotNode {
  readonly kind: 'not';
  readonly operand: FilterExpression;
  readonly position: number;
}

/** `a AND b AND …` (two or more operands). */
export interface AndNode {
  readonly kind: 'and';
  readonly operands: readonly FilterExpression[];
  readonly position: number;
}

/** `a OR b OR …` (two or more operands). */
export interface OrNode {
  readonly kind: 'or';
  readonly operands: readonly FilterExpression[];
  readonly position: number;
}

/** Any boolean expression of the filter language. */
export type FilterExpression = ConstantNode | ComparisonNode | CallNode | NotNode | AndNode | OrNode;

/** The kinds of boolean expression node. */
export type FilterExpressionKind = FilterExpression['kind'];

/** A parsed route filter: its text, its tree, and its size. */
export interface RouteFilter {
  readonly text: string;
  readonly expression: FilterExpression;
  /** Comparisons, function calls and constants in the filter. */
  readonly terms: number;
  /** The deepest nesting of parentheses and NOTs. */
  readonly depth: number;
}

/** The event shape a filter reads: CloudEvents attributes and `data` (a GraphEvent fits). */
export type RouteFilterEvent = Readonly<Partial<Record<EventAttribute, unknown>>> & { readonly data?: unknown };
