// Recursive descent over the tokens. AND/OR chains are loops and NOT chains are counted, so only
// parentheses recurse; depth (parentheses plus NOTs) and terms are checked against the limits.
import type { ComparisonOperator, EventAttribute, FilterExpression, FilterFunction, Operand, Reference, RouteFilter } from './ast';
import { eventAttributes } from './ast';
import { routeFilterError } from './errors';
import { tokenize, type Token } from './lexer';
import { limitsFor, type RouteFilterLimits, type RouteFilterOptions } from './limits';

const functions: ReadonlySet<string> = new Set<FilterFunction>(['STARTS_WITH', 'ENDS_WITH', 'CONTAINS']);
const attributes: ReadonlySet<string> = new Set<string>(eventAttributes);
const comparisonOperators: ReadonlySet<string> = new Set<ComparisonOperator>(['=', '!=', '<', '<=', '>', '>=']);
const keywords: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'TRUE', 'FALSE', 'NULL']);

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the filter';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  private maxDepthSeen = 0;
  private terms = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly limits: RouteFilterLimits,
  ) {}

  parse(): RouteFilter {
    const expression = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') {
      const message = next.kind === ')' ? `unbalanced ')': no '(' is open` : `expected AND, OR or the end of the filter, found ${describe(next)}`;
      throw this.fail(message, next);
    }
    return { text: this.text, expression, terms: this.terms, depth: this.maxDepthSeen };
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toUpperCase() === keyword;
  }

  private fail(message: string, token: Token): Error {
    return routeFilterError('Syntax', message, this.text, token.position);
  }

  private parseOr(): FilterExpression {
    const first = this.parseAnd();
    if (!this.isKeyword(this.peek(), 'OR')) return first;
    const operands = [first];
    while (this.isKeyword(this.peek(), 'OR')) {
      this.next();
      operands.push(this.parseAnd());
    }
    return { kind: 'or', operands, position: first.position };
  }

  private parseAnd(): FilterExpression {
    const first = this.parseNot();
    if (!this.isKeyword(this.peek(), 'AND')) return first;
    const operands = [first];
    while (this.isKeyword(this.peek(), 'AND')) {
      this.next();
      operands.push(this.parseNot());
    }
    return { kind: 'and', operands, position: first.position };
  }

  private parseNot(): FilterExpression {
    const nots: Token[] = [];
    while (this.isKeyword(this.peek(), 'NOT')) {
      const token = this.next();
      this.enter(token);
      nots.push(token);
    }
    let expression = this.parsePrimary();
    for (let i = nots.length - 1; i >= 0; i--) {
      expression = { kind: 'not', operand: expression, position: nots[i]!.position };
    }
    this.depth -= nots.length;
    return expression;
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > this.limits.maxDepth) {
      throw routeFilterError('Limit', `nesting deeper than ${this.limits.maxDepth} levels of parentheses and NOT`, this.text, token.position);
    }
    this.maxDepthSeen = Math.max(this.maxDepthSeen, this.depth);
  }

  private countTerm(token: Token): void {
    this.terms++;
    if (this.terms > this.limits.maxTerms) {
      throw routeFilterError('Limit', `more than ${this.limits.maxTerms} terms (comparisons, functions and constants)`, this.text, token.position);
    }
  }

  private parsePrimary(): FilterExpression {
    const token = this.peek();
    if (token.kind === '(') {
      this.next();
      this.enter(token);
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== ')') {
        throw this.fail(`expected ')' to close the '(' at offset ${token.position}, found ${describe(close)}`, close);
      }
      this.next();
      this.depth--;
      return inner;
    }
    if (token.kind === 'word' && this.tokens[this.index + 1]?.kind === '(') return this.parseCall();
    const left = this.parseOperand('a condition (a comparison, a function, true or false)');
    const op = this.peek();
    if (op.kind === 'operator' && comparisonOperators.has(op.text)) {
      this.next();
      const right = this.parseOperand('a value to compare with');
      this.countTerm(token);
      return { kind: 'comparison', operator: op.text as ComparisonOperator, left, right, position: token.position };
    }
    if (left.kind === 'literal' && typeof left.value === 'boolean') {
      this.countTerm(token);
      return { kind: 'constant', value: left.value, position: token.position };
    }
    throw this.fail(`expected a comparison operator (=, !=, <, <=, >, >=), found ${describe(op)}`, op);
  }

  private parseCall(): FilterExpression {
    const nameToken = this.next();
    const name = nameToken.text.toUpperCase();
    if (!functions.has(name)) {
      throw routeFilterError('Name', `unknown function '${nameToken.text}': expected STARTS_WITH, ENDS_WITH or CONTAINS`, this.text, nameToken.position);
    }
    this.next();
    const target = this.parseOperand(`a field or $body path as the first argument of ${name}`);
    if (target.kind === 'literal') {
      throw routeFilterError('Syntax', `expected a field or $body path as the first argument of ${name}, found a literal`, this.text, target.position);
    }
    this.expect(',', `expected ',' after the first argument of ${name}`);
    const argument = this.peek();
    if (argument.kind !== 'string') throw this.fail(`expected a string as the second argument of ${name}, found ${describe(argument)}`, argument);
    this.next();
    this.expect(')', `expected ')' to close ${name}(`);
    this.countTerm(nameToken);
    return { kind: 'call', name: name as FilterFunction, target: target satisfies Reference, argument: argument.text, position: nameToken.position };
  }

  private expect(kind: Token['kind'], message: string): void {
    const token = this.peek();
    if (token.kind !== kind) throw this.fail(`${message}, found ${describe(token)}`, token);
    this.next();
  }

  private parseOperand(what: string): Operand {
    const token = this.next();
    const position = token.position;
    if (token.kind === 'string') return { kind: 'literal', value: token.text, position };
    if (token.kind === 'number') {
      const value = Number(token.text);
      if (!Number.isFinite(value)) throw this.fail(`the number ${token.text} is out of range`, token);
      return { kind: 'literal', value, position };
    }
    if (token.kind !== 'word') throw this.fail(`expected ${what}, found ${describe(token)}`, token);
    const upper = token.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE', position };
    if (upper === 'NULL') return { kind: 'literal', value: null, position };
    if (upper === '$BODY') return this.parseBodyPath(position);
    if (attributes.has(token.text)) return { kind: 'attribute', name: token.text as EventAttribute, position };
    if (keywords.has(upper)) throw this.fail(`expected ${what}, found ${describe(token)}`, token);
    const lower = token.text.toLowerCase();
    const hint = attributes.has(lower)
      ? `field names are case-sensitive: did you mean '${lower}'?`
      : `expected one of ${eventAttributes.join(', ')} or $body.<path>`;
    throw routeFilterError('Name', `unknown field '${token.text}': ${hint}`, this.text, position);
  }

  private parseBodyPath(position: number): Operand {
    const path: string[] = [];
    while (this.peek().kind === '.') {
      this.next();
      const segment = this.peek();
      if (segment.kind !== 'word') throw this.fail(`expected a property name after '.', found ${describe(segment)}`, segment);
      this.next();
      path.push(segment.text);
    }
    return { kind: 'body', path, position };
  }
}

/** Parses ADT's event route filter language; throws a positioned InvalidArgument EngineError. */
export function parseRouteFilter(text: string, options?: RouteFilterOptions): RouteFilter {
  const limits = limitsFor(options);
  if (typeof text !== 'string') throw routeFilterError('Syntax', 'expected the filter as a string', '', 0);
  if (text.length > limits.maxLength) {
    throw routeFilterError('Limit', `the filter is ${text.length} characters long; the limit is ${limits.maxLength}`, text, limits.maxLength);
  }
  const tokens = tokenize(text);
  if (tokens.length === 1) throw routeFilterError('Syntax', 'the filter is empty: expected a condition, or true to route every event', text, 0);
  return new Parser(text, tokens, limits).parse();
}
