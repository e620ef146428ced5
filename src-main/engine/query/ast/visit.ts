import type { ExpressionKind, ExpressionNode } from './nodes';

/** One handler per expression kind: adding a kind without a handler is a compile error. */
export type ExpressionVisitor<R> = { readonly [K in ExpressionKind]: (node: Extract<ExpressionNode, { kind: K }>) => R };

/** Dispatches `node` to the visitor's handler for its kind. */
export function visitExpression<R>(node: ExpressionNode, visitor: ExpressionVisitor<R>): R {
  const handler = visitor[node.kind] as (node: ExpressionNode) => R;
  return handler(node);
}
