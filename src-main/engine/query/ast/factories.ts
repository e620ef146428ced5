import type { SourcePosition } from '../errors';
import type {
  CallNode, CompareNode, ComparisonOperator, ExpressionNode, InNode, ListNode, LiteralNode, LogicalNode, NotNode, PathNode, PathSegment,
} from './nodes';

/** A path node from its segments; its position is the first segment's. */
export function pathNode(segments: readonly PathSegment[]): PathNode {
  return { kind: 'path', segments, position: segments[0].position };
}

/** A literal node. */
export function literalNode(value: LiteralNode['value'], position: SourcePosition): LiteralNode {
  return { kind: 'literal', value, position };
}

/** A list literal node. */
export function listNode(items: readonly LiteralNode[], position: SourcePosition): ListNode {
  return { kind: 'list', items, position };
}

/** A comparison node. */
export function compareNode(operator: ComparisonOperator, left: ExpressionNode, right: ExpressionNode, position: SourcePosition): CompareNode {
  return { kind: 'compare', operator, left, right, position };
}

/** An AND/OR node, or the operand itself when there is only one. */
export function logicalNode(operator: 'AND' | 'OR', operands: readonly ExpressionNode[], position: SourcePosition): ExpressionNode {
  if (operands.length === 1) return operands[0];
  const node: LogicalNode = { kind: 'logical', operator, operands, position };
  return node;
}

/** A NOT node. */
export function notNode(operand: ExpressionNode, position: SourcePosition): NotNode {
  return { kind: 'not', operand, position };
}

/** An IN / NIN node. */
export function inNode(operand: ExpressionNode, list: ListNode, negated: boolean, position: SourcePosition): InNode {
  return { kind: 'in', operand, list, negated, position };
}

/** A function call node; the name is upper-cased because function names are case-insensitive. */
export function callNode(name: string, args: readonly ExpressionNode[], position: SourcePosition): CallNode {
  return { kind: 'call', name: name.toUpperCase(), args, position };
}
