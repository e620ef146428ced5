import type { HopsNode, MatchEdgeNode, MatchNode, MatchNodeNode } from '../ast/nodes';
import { queryError } from '../errors';
import type { Token } from '../lexer/tokens';
import type { Cursor } from './cursor';

function parseNodePattern(cursor: Cursor): MatchNodeNode {
  const open = cursor.current;
  if (cursor.acceptPunctuation('(')) {
    const name = cursor.atName() ? cursor.next().text : undefined;
    cursor.expectPunctuation(')', 'close the twin with ): (name).');
    return name === undefined ? { kind: 'matchNode', position: open.position } : { kind: 'matchNode', name, position: open.position };
  }
  // The reference's own limitation example writes bare names (A-[...]->B); accept them.
  if (cursor.atName()) return { kind: 'matchNode', name: cursor.next().text, position: open.position };
  throw cursor.unexpected('expected a twin in the MATCH pattern, such as (name) or ()');
}

function parseHops(cursor: Cursor, star: Token): HopsNode {
  if (cursor.acceptPunctuation('..')) {
    const upper = cursor.expectInteger('the ending hop limit');
    return { upper: upper.count, position: star.position };
  }
  if (cursor.current.kind !== 'number') {
    throw cursor.unexpected('expected a hop count after *', 'write *n, *n..m or *..m; an ending limit is required.');
  }
  const first = cursor.expectInteger('the hop count');
  if (!cursor.acceptPunctuation('..')) return { exact: first.count, position: star.position };
  const upper = cursor.expectInteger('the ending hop limit');
  return { lower: first.count, upper: upper.count, position: star.position };
}

function parseNames(cursor: Cursor, first?: string): string[] {
  const names = first === undefined ? [cursor.expectName('a relationship name').text] : [first];
  while (cursor.acceptPunctuation('|')) names.push(cursor.expectName('a relationship name').text);
  return names;
}

function parseEdgeBody(cursor: Cursor): { variable?: string; names: string[]; hops?: HopsNode } {
  let variable: string | undefined;
  let names: string[] = [];
  if (cursor.atName()) {
    const first = cursor.next().text;
    // `[has|includes*..3]` in the reference lists names without a colon; a lone name is a variable.
    if (cursor.isPunctuation('|') || cursor.isPunctuation('*')) names = parseNames(cursor, first);
    else variable = first;
  }
  if (cursor.acceptPunctuation(':')) names = parseNames(cursor);
  const star = cursor.acceptPunctuation('*');
  const hops = star ? parseHops(cursor, star) : undefined;
  const result: { variable?: string; names: string[]; hops?: HopsNode } = { names };
  if (variable !== undefined) result.variable = variable;
  if (hops !== undefined) result.hops = hops;
  return result;
}

function parseEdge(cursor: Cursor): MatchEdgeNode {
  const start = cursor.current;
  const leftArrow = cursor.isPunctuation('<');
  if (leftArrow) cursor.next();
  cursor.expectPunctuation('-', 'relationships are written -[...]-, -[...]-> or <-[...]-.');
  let body: ReturnType<typeof parseEdgeBody> = { names: [] };
  if (cursor.acceptPunctuation('[')) {
    body = parseEdgeBody(cursor);
    cursor.expectPunctuation(']', 'close the relationship condition with ].');
  }
  cursor.expectPunctuation('-', 'relationships are written -[...]-, -[...]-> or <-[...]-.');
  const rightArrow = cursor.isPunctuation('>');
  if (rightArrow) cursor.next();
  if (leftArrow && rightArrow) {
    throw queryError('Syntax', 'a relationship arrow points one way only.', start.position, 'chain two patterns, (a)-[]->(b)<-[]-(c), or use -[]- for either direction.');
  }
  const direction = leftArrow ? 'in' : rightArrow ? 'out' : 'any';
  return { kind: 'matchEdge', direction, names: body.names, position: start.position, ...(body.variable === undefined ? {} : { variable: body.variable }), ...(body.hops === undefined ? {} : { hops: body.hops }) };
}

/** `MATCH (a)-[...]->(b)...`, after the MATCH keyword. */
export function parseMatch(cursor: Cursor, keyword: Token): MatchNode {
  const nodes = [parseNodePattern(cursor)];
  const edges: MatchEdgeNode[] = [];
  while (cursor.isPunctuation('-') || (cursor.isPunctuation('<') && cursor.isPunctuation('-', cursor.peek()))) {
    edges.push(parseEdge(cursor));
    nodes.push(parseNodePattern(cursor));
  }
  return { kind: 'match', nodes, edges, position: keyword.position };
}
