import { callNode, compareNode, inNode, listNode, literalNode, logicalNode, notNode, pathNode } from '../ast/factories';
import type { ComparisonOperator, ExpressionNode, ListNode, LiteralNode, PathNode, PathSegment } from '../ast/nodes';
import { queryError } from '../errors';
import type { Cursor } from './cursor';

const comparisonOperators: ReadonlySet<string> = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

/** `a.b.[[c]]`: a first name already checked by the caller, then `.name` segments. */
export function parsePath(cursor: Cursor): PathNode {
  const first = cursor.next();
  const segments: PathSegment[] = [{ name: first.text, escaped: first.escaped, position: first.position }];
  while (cursor.isPunctuation('.')) {
    cursor.next();
    const token = cursor.current;
    if (token.kind !== 'identifier') throw cursor.unexpected('expected a property name after .');
    cursor.next();
    segments.push({ name: token.text, escaped: token.escaped, position: token.position });
  }
  return pathNode(segments);
}

/** A literal: string, number (with an optional minus), true, false or null. */
export function parseLiteral(cursor: Cursor): LiteralNode {
  const token = cursor.current;
  if (token.kind === 'string') {
    cursor.next();
    return literalNode(token.text, token.position);
  }
  if (cursor.isPunctuation('-') && cursor.peek().kind === 'number') {
    cursor.next();
    return literalNode(-Number(cursor.next().text), token.position);
  }
  if (token.kind === 'number') {
    cursor.next();
    return literalNode(Number(token.text), token.position);
  }
  for (const [word, value] of [['TRUE', true], ['FALSE', false], ['NULL', null]] as const) {
    if (cursor.isKeyword(word)) {
      cursor.next();
      return literalNode(value, token.position);
    }
  }
  throw cursor.unexpected('expected a value (a string, number, true, false or null)');
}

function parseList(cursor: Cursor): ListNode {
  const open = cursor.expectPunctuation('[', 'IN and NIN take a list: IN [\'a\', \'b\'].');
  const items: LiteralNode[] = [];
  if (!cursor.isPunctuation(']')) {
    do items.push(parseLiteral(cursor));
    while (cursor.acceptPunctuation(','));
  }
  cursor.expectPunctuation(']', 'close the list with ].');
  return listNode(items, open.position);
}

function parseCallArguments(cursor: Cursor): ExpressionNode[] {
  const args: ExpressionNode[] = [];
  cursor.expectPunctuation('(');
  if (!cursor.isPunctuation(')')) {
    do args.push(parseExpression(cursor));
    while (cursor.acceptPunctuation(','));
  }
  cursor.expectPunctuation(')', 'close the argument list with ).');
  return args;
}

/** A value: literal, path, call or parenthesised expression. */
function parseOperand(cursor: Cursor): ExpressionNode {
  const token = cursor.current;
  if (cursor.isPunctuation('(')) {
    return cursor.nested(() => {
      cursor.next();
      const inner = parseExpression(cursor);
      cursor.expectPunctuation(')', 'every ( needs a matching ).');
      return inner;
    });
  }
  if (token.kind === 'identifier' && !token.escaped && cursor.isPunctuation('(', cursor.peek())) {
    cursor.next();
    return cursor.nested(() => callNode(token.text, parseCallArguments(cursor), token.position));
  }
  if (token.kind === 'identifier' && !['TRUE', 'FALSE', 'NULL'].includes(token.text.toUpperCase()) || token.escaped) {
    if (!cursor.atName()) cursor.expectName('a property name');
    return parsePath(cursor);
  }
  return parseLiteral(cursor);
}

function parsePredicate(cursor: Cursor): ExpressionNode {
  const left = parseOperand(cursor);
  const token = cursor.current;
  if (token.kind === 'punctuation' && comparisonOperators.has(token.text)) {
    cursor.next();
    const operator = (token.text === '<>' ? '!=' : token.text) as ComparisonOperator;
    return compareNode(operator, left, parseOperand(cursor), token.position);
  }
  if (cursor.isKeyword('IN') || cursor.isKeyword('NIN')) {
    const negated = cursor.isKeyword('NIN');
    cursor.next();
    return inNode(left, parseList(cursor), negated, token.position);
  }
  if (cursor.isKeyword('NOT') && cursor.isKeyword('IN', cursor.peek())) {
    cursor.next();
    cursor.next();
    return inNode(left, parseList(cursor), true, token.position);
  }
  if (token.kind === 'punctuation' && token.text === '==') throw queryError('Syntax', 'use = to compare.', token.position);
  return left;
}

function parseNot(cursor: Cursor): ExpressionNode {
  const token = cursor.current;
  if (!cursor.isKeyword('NOT')) return parsePredicate(cursor);
  cursor.next();
  return cursor.nested(() => notNode(parseNot(cursor), token.position));
}

function parseAnd(cursor: Cursor): ExpressionNode {
  const start = cursor.current.position;
  const operands = [parseNot(cursor)];
  while (cursor.acceptKeyword('AND')) operands.push(parseNot(cursor));
  return logicalNode('AND', operands, start);
}

/** A full condition: OR of ANDs of (NOT) predicates, flat and depth-bounded. */
export function parseExpression(cursor: Cursor): ExpressionNode {
  const start = cursor.current.position;
  const operands = [parseAnd(cursor)];
  while (cursor.acceptKeyword('OR')) operands.push(parseAnd(cursor));
  return logicalNode('OR', operands, start);
}
