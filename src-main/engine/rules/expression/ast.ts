/** Binary operators, as written (the equality spellings are normalized to `=` and `!=`). */
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '^' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** A literal: a number, string, boolean or null. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: number | string | boolean | null;
  readonly offset: number;
}

/** A name: a property (`temperature`), a component's property (`envelope.windowArea`) or a telemetry. */
export interface ReferenceNode {
  readonly kind: 'reference';
  readonly path: readonly string[];
  readonly offset: number;
}

/** A prefix operator: arithmetic negation or logical `not`. */
export interface UnaryNode {
  readonly kind: 'unary';
  readonly operator: '-' | 'not';
  readonly operand: ExpressionNode;
  readonly offset: number;
}

/** An infix operator. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly offset: number;
}

/** A function call: `if`, `min`, `clamp`, `convert`, … */
export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ExpressionNode[];
  readonly offset: number;
}

/** A value stated in a unit: `75 [degreeFahrenheit]`. */
export interface UnitNode {
  readonly kind: 'unit';
  readonly operand: ExpressionNode;
  readonly unit: string;
  readonly offset: number;
}

/** Any node of a rule expression. */
export type ExpressionNode = LiteralNode | ReferenceNode | UnaryNode | BinaryNode | CallNode | UnitNode;

/** The node kinds, for visitors that must handle each. */
export type ExpressionKind = ExpressionNode['kind'];
