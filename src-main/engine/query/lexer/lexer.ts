import { queryError, type SourcePosition } from '../errors';
import { punctuation, type Token } from './tokens';

const identifierStart = /[A-Za-z_$]/;
const identifierPart = /[A-Za-z0-9_$]/;
const digit = /[0-9]/;

class Scanner {
  offset = 0;
  line = 1;
  lineStart = 0;

  constructor(readonly text: string) {}

  position(): SourcePosition {
    return { offset: this.offset, line: this.line, column: this.offset - this.lineStart + 1 };
  }

  advance(count = 1): void {
    for (let i = 0; i < count; i++) {
      if (this.text.charCodeAt(this.offset) === 10) {
        this.line++;
        this.lineStart = this.offset + 1;
      }
      this.offset++;
    }
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.offset + ahead);
  }
}

function readString(scanner: Scanner, start: SourcePosition): string {
  const quote = scanner.peek();
  scanner.advance();
  let value = '';
  for (;;) {
    const char = scanner.peek();
    if (char === '') throw queryError('Syntax', `the string starting here has no closing ${quote}.`, start, `close it with ${quote}; write \\${quote} for a quote inside it.`);
    if (char === quote) {
      scanner.advance();
      return value;
    }
    if (char === '\\') {
      const next = scanner.peek(1);
      if (next === '') throw queryError('Syntax', `the string starting here has no closing ${quote}.`, start);
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      scanner.advance(2);
      continue;
    }
    value += char;
    scanner.advance();
  }
}

function readEscapedIdentifier(scanner: Scanner, start: SourcePosition): string {
  const close = scanner.text.indexOf(']]', scanner.offset + 2);
  if (close < 0) throw queryError('Syntax', 'the escaped identifier starting here has no closing ]].', start);
  const name = scanner.text.slice(scanner.offset + 2, close);
  if (name.length === 0) throw queryError('Syntax', 'an escaped identifier [[...]] cannot be empty.', start);
  scanner.advance(close + 2 - scanner.offset);
  return name;
}

function readNumber(scanner: Scanner): string {
  const begin = scanner.offset;
  while (digit.test(scanner.peek())) scanner.advance();
  if (scanner.peek() === '.' && digit.test(scanner.peek(1))) {
    scanner.advance();
    while (digit.test(scanner.peek())) scanner.advance();
  }
  const e = scanner.peek();
  if ((e === 'e' || e === 'E') && (digit.test(scanner.peek(1)) || (/[+-]/.test(scanner.peek(1)) && digit.test(scanner.peek(2))))) {
    scanner.advance(2);
    while (digit.test(scanner.peek())) scanner.advance();
  }
  return scanner.text.slice(begin, scanner.offset);
}

/** Splits a query into tokens, ending with an `end` token; throws a positioned error on bad input. */
export function tokenize(text: string): Token[] {
  const scanner = new Scanner(text);
  const tokens: Token[] = [];
  let spaced = true;
  for (;;) {
    const char = scanner.peek();
    if (char === '') break;
    if (/\s/.test(char)) {
      scanner.advance();
      spaced = true;
      continue;
    }
    const start = scanner.position();
    const push = (kind: Token['kind'], value: string, escaped = false): void => {
      tokens.push({ kind, text: value, position: start, escaped, spaced });
      spaced = false;
    };
    if (char === "'" || char === '"') {
      push('string', readString(scanner, start));
    } else if (char === '[' && scanner.peek(1) === '[') {
      push('identifier', readEscapedIdentifier(scanner, start), true);
    } else if (identifierStart.test(char)) {
      const begin = scanner.offset;
      while (identifierPart.test(scanner.peek())) scanner.advance();
      push('identifier', text.slice(begin, scanner.offset));
    } else if (digit.test(char)) {
      push('number', readNumber(scanner));
    } else {
      const symbol = punctuation.find((p) => text.startsWith(p, scanner.offset));
      if (symbol === undefined) {
        const hint = char === '@' ? 'query parameters are not supported; write the value in the query.' : undefined;
        throw queryError('Syntax', `unexpected character ${JSON.stringify(char)}.`, start, hint);
      }
      scanner.advance(symbol.length);
      push('punctuation', symbol);
    }
  }
  tokens.push({ kind: 'end', text: '', position: scanner.position(), escaped: false, spaced });
  return tokens;
}
