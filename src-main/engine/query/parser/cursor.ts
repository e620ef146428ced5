import { queryError } from '../errors';
import type { Token } from '../lexer/tokens';

/** Words that cannot name a collection or a property without `[[...]]` escaping. */
export const reservedWords: ReadonlySet<string> = new Set([
  'ALL', 'AND', 'AS', 'ASC', 'AVG', 'BY', 'COUNT', 'DESC', 'DIGITALTWINS', 'DISTINCT', 'FALSE', 'FROM', 'GROUP', 'IN', 'JOIN', 'LEFT', 'LIMIT',
  'MATCH', 'MAX', 'MIN', 'NIN', 'NOT', 'NULL', 'OFFSET', 'OPTIONAL', 'OR', 'ORDER', 'OUTER', 'RELATED', 'RELATIONSHIPS', 'SELECT', 'SUM', 'TOP',
  'TRUE', 'WHERE',
]);

/** How deep parentheses, NOT and calls may nest: deep enough for people, shallow enough for the stack. */
export const maxNestingDepth = 64;

/** A position in the token stream with the small helpers every parser stage needs. */
export class Cursor {
  private index = 0;
  depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  get current(): Token {
    return this.tokens[this.index];
  }

  peek(ahead = 1): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  /** True when the current token is the (unescaped, case-insensitive) keyword. */
  isKeyword(word: string, token: Token = this.current): boolean {
    return token.kind === 'identifier' && !token.escaped && token.text.toUpperCase() === word;
  }

  isPunctuation(symbol: string, token: Token = this.current): boolean {
    return token.kind === 'punctuation' && token.text === symbol;
  }

  acceptKeyword(word: string): Token | undefined {
    return this.isKeyword(word) ? this.next() : undefined;
  }

  acceptPunctuation(symbol: string): Token | undefined {
    return this.isPunctuation(symbol) ? this.next() : undefined;
  }

  expectKeyword(word: string, hint?: string): Token {
    if (!this.isKeyword(word)) throw this.unexpected(`expected ${word}`, hint);
    return this.next();
  }

  expectPunctuation(symbol: string, hint?: string): Token {
    if (!this.isPunctuation(symbol)) throw this.unexpected(`expected ${symbol}`, hint);
    return this.next();
  }

  /** A name: an identifier that is not a reserved word, or any `[[escaped]]` identifier. */
  expectName(what: string): Token {
    const token = this.current;
    if (token.kind === 'identifier' && (token.escaped || !reservedWords.has(token.text.toUpperCase()))) return this.next();
    if (token.kind === 'identifier') {
      throw queryError('Syntax', `${token.text} is a reserved word and cannot be used as ${what}.`, token.position, `escape it: [[${token.text}]].`);
    }
    throw this.unexpected(`expected ${what}`);
  }

  /** True when the current token can start a name. */
  atName(): boolean {
    const token = this.current;
    return token.kind === 'identifier' && (token.escaped || !reservedWords.has(token.text.toUpperCase()));
  }

  expectInteger(what: string): { count: number; token: Token } {
    const token = this.current;
    if (token.kind !== 'number' || !/^[0-9]+$/.test(token.text)) throw this.unexpected(`expected ${what} (a whole number)`);
    this.next();
    const count = Number(token.text);
    if (!Number.isSafeInteger(count)) throw queryError('Limit', `${token.text} is too large for ${what}.`, token.position);
    return { count, token };
  }

  /** Runs `body` one nesting level deeper, refusing to go past the bound. */
  nested<T>(body: () => T): T {
    if (this.depth >= maxNestingDepth) {
      throw queryError('Limit', `the query nests parentheses, NOT or calls more than ${maxNestingDepth} levels deep.`, this.current.position, 'flatten the condition.');
    }
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  /** A positioned "expected X, found Y" error. */
  unexpected(expected: string, hint?: string): Error {
    const token = this.current;
    const found = token.kind === 'end' ? 'the end of the query' : token.kind === 'string' ? `the string ${JSON.stringify(token.text)}` : JSON.stringify(token.text);
    return queryError('Syntax', `${expected}, found ${found}.`, token.position, hint);
  }
}
