import type { BinaryOperator, ExpressionNode } from './ast';
import { ExpressionError, positionAt } from './errors';
import { tokenize, type Token } from './lexer';

const comparisons: Readonly<Record<string, BinaryOperator>> = { '=': '=', '==': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Longest expression text accepted, in characters. */
export const maxExpressionLength = 4096;
/** Deepest nesting accepted, so a hostile expression cannot exhaust the stack. */
const maxDepth = 64;

class Parser {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): ExpressionNode {
    if (this.peek().kind === 'end') this.fail('The expression is empty', this.peek());
    const node = this.or();
    if (this.peek().kind !== 'end') this.fail(`Unexpected "${this.peek().text}" after the end of the expression`, this.peek());
    return node;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    return this.tokens[this.at++]!;
  }

  private is(kind: Token['kind'], text?: string): boolean {
    const token = this.peek();
    return token.kind === kind && (text === undefined || token.text === text);
  }

  private expect(kind: Token['kind'], text: string, what: string): Token {
    if (!this.is(kind, text)) this.fail(`Expected ${what} but found ${this.describe(this.peek())}`, this.peek());
    return this.next();
  }

  private describe(token: Token): string {
    return token.kind === 'end' ? 'the end of the expression' : `"${token.text}"`;
  }

  private fail(message: string, token: Token): never {
    throw new ExpressionError(message, positionAt(this.text, token.offset));
  }

  private nested<T>(token: Token, parse: () => T): T {
    if (++this.depth > maxDepth) this.fail(`The expression nests deeper than ${maxDepth} levels`, token);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private or(): ExpressionNode {
    let left = this.and();
    while (this.is('keyword', 'or')) {
      const token = this.next();
      left = { kind: 'binary', operator: 'or', left, right: this.and(), offset: token.offset };
    }
    return left;
  }

  private and(): ExpressionNode {
    let left = this.not();
    while (this.is('keyword', 'and')) {
      const token = this.next();
      left = { kind: 'binary', operator: 'and', left, right: this.not(), offset: token.offset };
    }
    return left;
  }

  private not(): ExpressionNode {
    if (!this.is('keyword', 'not')) return this.comparison();
    const token = this.next();
    return this.nested(token, () => ({ kind: 'unary', operator: 'not', operand: this.not(), offset: token.offset }));
  }

  private comparison(): ExpressionNode {
    const left = this.additive();
    const token = this.peek();
    const operator = token.kind === 'operator' ? comparisons[token.text] : undefined;
    if (!operator) return left;
    this.next();
    const node: ExpressionNode = { kind: 'binary', operator, left, right: this.additive(), offset: token.offset };
    const after = this.peek();
    if (after.kind === 'operator' && comparisons[after.text]) this.fail('Comparisons do not chain: join them with "and"', after);
    return node;
  }

  private additive(): ExpressionNode {
    let left = this.multiplicative();
    while (this.is('operator', '+') || this.is('operator', '-')) {
      const token = this.next();
      left = { kind: 'binary', operator: token.text as BinaryOperator, left, right: this.multiplicative(), offset: token.offset };
    }
    return left;
  }

  private multiplicative(): ExpressionNode {
    let left = this.unary();
    while (this.is('operator', '*') || this.is('operator', '/') || this.is('operator', '%')) {
      const token = this.next();
      left = { kind: 'binary', operator: token.text as BinaryOperator, left, right: this.unary(), offset: token.offset };
    }
    return left;
  }

  private unary(): ExpressionNode {
    if (!this.is('operator', '-') && !this.is('operator', '+')) return this.power();
    const token = this.next();
    const operand = this.nested(token, () => this.unary());
    return token.text === '+' ? operand : { kind: 'unary', operator: '-', operand, offset: token.offset };
  }

  private power(): ExpressionNode {
    const base = this.postfix();
    if (!this.is('operator', '^')) return base;
    const token = this.next();
    return { kind: 'binary', operator: '^', left: base, right: this.nested(token, () => this.unary()), offset: token.offset };
  }

  private postfix(): ExpressionNode {
    const operand = this.primary();
    if (!this.is('punctuation', '[')) return operand;
    const token = this.next();
    const unit = this.peek();
    if (unit.kind !== 'name') this.fail(`Expected a unit name such as degreeFahrenheit but found ${this.describe(unit)}`, unit);
    this.next();
    this.expect('punctuation', ']', '"]" after the unit');
    return { kind: 'unit', operand, unit: unit.text, offset: token.offset };
  }

  private primary(): ExpressionNode {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
      case 'string':
        this.next();
        return { kind: 'literal', value: token.value!, offset: token.offset };
      case 'keyword':
        if (token.text === 'true' || token.text === 'false' || token.text === 'null') {
          this.next();
          return { kind: 'literal', value: token.text === 'null' ? null : token.text === 'true', offset: token.offset };
        }
        break;
      case 'name':
        return this.nameOrCall();
      case 'punctuation':
        if (token.text === '(') {
          this.next();
          const inner = this.nested(token, () => this.or());
          this.expect('punctuation', ')', '")" to close the "(" opened at column ' + positionAt(this.text, token.offset).column);
          return inner;
        }
        break;
      default:
        break;
    }
    return this.fail(`Expected a value, a name or "(" but found ${this.describe(token)}`, token);
  }

  private nameOrCall(): ExpressionNode {
    const first = this.next();
    if (this.is('punctuation', '(')) {
      this.next();
      const args: ExpressionNode[] = [];
      if (!this.is('punctuation', ')')) {
        do args.push(this.nested(first, () => this.or()));
        while (this.is('punctuation', ',') && this.next());
      }
      this.expect('punctuation', ')', `"," or ")" in the arguments of ${first.text}`);
      return { kind: 'call', name: first.text, args, offset: first.offset };
    }
    const path = [first.text];
    while (this.is('punctuation', '.')) {
      this.next();
      const part = this.peek();
      if (part.kind !== 'name') this.fail(`Expected a name after "." but found ${this.describe(part)}`, part);
      path.push(this.next().text);
    }
    return { kind: 'reference', path, offset: first.offset };
  }
}

/** Parses a rule expression into its syntax tree; throws an ExpressionError with line and column. */
export function parseExpression(text: string): ExpressionNode {
  if (typeof text !== 'string') throw new ExpressionError('An expression must be a string', { offset: 0, line: 1, column: 1 });
  if (text.length > maxExpressionLength) throw new ExpressionError(`The expression is ${text.length} characters long; the most accepted is ${maxExpressionLength}`, { offset: 0, line: 1, column: 1 });
  return new Parser(text, tokenize(text)).parse();
}
