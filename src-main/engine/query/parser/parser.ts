import type { FromNode, JoinNode, MatchNode, OrderItemNode, PathNode, QueryNode, SelectItemNode, SelectNode } from '../ast/nodes';
import { queryError } from '../errors';
import { tokenize } from '../lexer/lexer';
import { closest } from '../suggest';
import { Cursor } from './cursor';
import { parseExpression, parsePath } from './expressions';
import { parseMatch } from './match';

const aggregateNames: ReadonlySet<string> = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);
const clauseWords = ['SELECT', 'FROM', 'JOIN', 'MATCH', 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET'];

function parseSelectItem(cursor: Cursor): SelectItemNode {
  const token = cursor.current;
  let expression: SelectItemNode['expression'];
  if (token.kind === 'identifier' && !token.escaped && cursor.isPunctuation('(', cursor.peek())) {
    const name = token.text.toUpperCase();
    if (!aggregateNames.has(name)) {
      throw queryError('Syntax', `${token.text}() cannot be used in SELECT.`, token.position, 'SELECT takes *, collections, properties and COUNT().');
    }
    cursor.next();
    cursor.next();
    const args = cursor.isPunctuation(')') ? [] : [parseExpression(cursor)];
    cursor.expectPunctuation(')', `${name} takes at most one argument.`);
    expression = { kind: 'call', name, args, position: token.position };
  } else {
    if (!cursor.atName()) cursor.expectName('a collection or property');
    expression = parsePath(cursor);
  }
  if (cursor.acceptKeyword('AS')) {
    const alias = cursor.expectName('a column name');
    return { kind: 'selectItem', expression, alias: alias.text, position: token.position };
  }
  return { kind: 'selectItem', expression, position: token.position };
}

function parseSelect(cursor: Cursor): SelectNode {
  const keyword = cursor.expectKeyword('SELECT', 'a query starts with SELECT.');
  const distinct = cursor.acceptKeyword('DISTINCT') !== undefined;
  let top: SelectNode['top'];
  const topToken = cursor.acceptKeyword('TOP');
  if (topToken) {
    cursor.expectPunctuation('(', 'write TOP(n).');
    top = { count: cursor.expectInteger('the TOP count').count, position: topToken.position };
    cursor.expectPunctuation(')', 'write TOP(n).');
  }
  if (cursor.acceptPunctuation('*')) return { kind: 'select', distinct, items: 'star', position: keyword.position, ...(top ? { top } : {}) };
  if (top && cursor.isKeyword('FROM')) return { kind: 'select', distinct, items: 'star', position: keyword.position, top };
  const items = [parseSelectItem(cursor)];
  while (cursor.acceptPunctuation(',')) items.push(parseSelectItem(cursor));
  return { kind: 'select', distinct, items, position: keyword.position, ...(top ? { top } : {}) };
}

function parseFrom(cursor: Cursor): FromNode {
  const keyword = cursor.current;
  if (cursor.isKeyword('DIGITALTWINS') || cursor.isKeyword('RELATIONSHIPS')) {
    throw cursor.unexpected('expected , or FROM', `did you mean FROM ${keyword.text}?`);
  }
  cursor.expectKeyword('FROM', 'separate columns with , and end the list with FROM.');
  const token = cursor.current;
  if (cursor.isPunctuation('(')) throw queryError('Syntax', 'subqueries are not supported in FROM.', token.position, 'use FROM DIGITALTWINS or FROM RELATIONSHIPS with WHERE.');
  const collection = cursor.isKeyword('DIGITALTWINS') ? 'DIGITALTWINS' : cursor.isKeyword('RELATIONSHIPS') ? 'RELATIONSHIPS' : undefined;
  if (collection === undefined) {
    const guess = token.kind === 'identifier' ? closest(token.text.toUpperCase(), ['DIGITALTWINS', 'RELATIONSHIPS']) : undefined;
    throw cursor.unexpected('expected DIGITALTWINS or RELATIONSHIPS', guess ? `did you mean ${guess}?` : undefined);
  }
  cursor.next();
  if (cursor.atName()) return { kind: 'from', collection, alias: cursor.next().text, position: keyword.position };
  return { kind: 'from', collection, position: keyword.position };
}

function parseJoin(cursor: Cursor): JoinNode | undefined {
  const start = cursor.current;
  let optional = false;
  if (cursor.isKeyword('LEFT') || cursor.isKeyword('OPTIONAL')) {
    const left = cursor.isKeyword('LEFT');
    cursor.next();
    if (left) cursor.acceptKeyword('OUTER');
    optional = true;
    cursor.expectKeyword('JOIN');
  } else if (!cursor.acceptKeyword('JOIN')) {
    return undefined;
  }
  const target = cursor.expectName('the joined collection name').text;
  cursor.expectKeyword('RELATED', 'write JOIN target RELATED source.relationshipName.');
  const source = cursor.expectName('the source collection');
  cursor.expectPunctuation('.', 'write JOIN target RELATED source.relationshipName.');
  const relationship = cursor.current;
  if (relationship.kind !== 'identifier') throw cursor.unexpected('expected a relationship name');
  cursor.next();
  const base = { kind: 'join' as const, target, source: source.text, relationship: relationship.text, optional, position: start.position, relationshipPosition: relationship.position };
  return cursor.atName() ? { ...base, relationshipAlias: cursor.next().text } : base;
}

function parsePathList(cursor: Cursor): PathNode[] {
  const paths: PathNode[] = [];
  do {
    if (!cursor.atName()) cursor.expectName('a property');
    paths.push(parsePath(cursor));
  } while (cursor.acceptPunctuation(','));
  return paths;
}

function parseOrderBy(cursor: Cursor): OrderItemNode[] {
  const items: OrderItemNode[] = [];
  do {
    const token = cursor.current;
    if (!cursor.atName()) cursor.expectName('a property');
    const expression = parsePath(cursor);
    const descending = cursor.acceptKeyword('DESC') !== undefined;
    if (!descending) cursor.acceptKeyword('ASC');
    items.push({ kind: 'orderItem', expression, descending, position: token.position });
  } while (cursor.acceptPunctuation(','));
  return items;
}

function parseCount(cursor: Cursor, keyword: string): { count: number; position: QueryNode['position'] } | undefined {
  const token = cursor.acceptKeyword(keyword);
  if (!token) return undefined;
  return { count: cursor.expectInteger(`the ${keyword} count`).count, position: token.position };
}

/** Parses a query into its AST; every failure is a positioned QuerySyntax error. */
export function parseQuery(text: string): QueryNode {
  const cursor = new Cursor(tokenize(text));
  const start = cursor.current.position;
  const select = parseSelect(cursor);
  const from = parseFrom(cursor);
  const joins: JoinNode[] = [];
  for (let join = parseJoin(cursor); join; join = parseJoin(cursor)) joins.push(join);
  let match: MatchNode | undefined;
  const matchToken = cursor.acceptKeyword('MATCH');
  if (matchToken) match = parseMatch(cursor, matchToken);
  if (cursor.isKeyword('MATCH')) throw queryError('Syntax', 'a query can have only one MATCH clause.', cursor.current.position, 'chain the patterns in one MATCH.');
  if (cursor.isKeyword('JOIN') && match) throw queryError('Syntax', 'JOIN must come before MATCH.', cursor.current.position);
  const where = cursor.acceptKeyword('WHERE') ? parseExpression(cursor) : undefined;
  let groupBy: PathNode[] = [];
  if (cursor.acceptKeyword('GROUP')) {
    cursor.expectKeyword('BY');
    groupBy = parsePathList(cursor);
  }
  let orderBy: OrderItemNode[] = [];
  if (cursor.acceptKeyword('ORDER')) {
    cursor.expectKeyword('BY');
    orderBy = parseOrderBy(cursor);
  }
  const limit = parseCount(cursor, 'LIMIT');
  const offset = parseCount(cursor, 'OFFSET');
  if (cursor.current.kind !== 'end') {
    const token = cursor.current;
    const word = token.kind === 'identifier' ? token.text.toUpperCase() : '';
    const hint = clauseWords.includes(word) ? `${word} is out of place; clauses go SELECT, FROM, JOIN, MATCH, WHERE, GROUP BY, ORDER BY, LIMIT, OFFSET.` : undefined;
    throw cursor.unexpected('expected the end of the query', hint);
  }
  return {
    kind: 'query', select, from, joins, where, groupBy, orderBy, position: start,
    ...(match ? { match } : {}), ...(limit ? { limit } : {}), ...(offset ? { offset } : {}),
  };
}
