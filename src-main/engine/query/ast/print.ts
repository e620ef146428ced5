import type { ExpressionNode, PathNode } from './nodes';
import { visitExpression, type ExpressionVisitor } from './visit';

const plain = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A path as the query language writes it, escaping names that need it. */
export function printPath(path: PathNode): string {
  return path.segments.map((s) => (s.escaped || !plain.test(s.name) ? `[[${s.name}]]` : s.name)).join('.');
}

function printLiteral(value: string | number | boolean | null): string {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
}

/** An expression as query text: for plans and messages, long lists shortened. */
export function printExpression(node: ExpressionNode): string {
  const visitor: ExpressionVisitor<string> = {
    path: printPath,
    literal: (literal) => printLiteral(literal.value),
    list: (list) => {
      const shown = list.items.slice(0, 5).map((item) => printLiteral(item.value));
      if (list.items.length > 5) shown.push(`… ${list.items.length - 5} more`);
      return `[${shown.join(', ')}]`;
    },
    compare: (compare) => `${printExpression(compare.left)} ${compare.operator} ${printExpression(compare.right)}`,
    logical: (logical) => `(${logical.operands.map(printExpression).join(` ${logical.operator} `)})`,
    not: (not) => `NOT ${printExpression(not.operand)}`,
    in: (node) => `${printExpression(node.operand)} ${node.negated ? 'NIN' : 'IN'} ${printExpression(node.list)}`,
    call: (call) => `${call.name}(${call.args.map(printExpression).join(', ')})`,
  };
  return visitExpression(node, visitor);
}
