// Splits a route filter into tokens. Linear in the text; every failure is a positioned error.
import { routeFilterError } from './errors';

/** The kinds of token. */
export type TokenKind = 'word' | 'string' | 'number' | 'operator' | '(' | ')' | ',' | '.' | 'end';

/** One token: its kind, its text (a string's decoded value), and its offset. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: number;
}

const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordPart = (c: number): boolean => isWordStart(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

const punctuation: Readonly<Record<string, TokenKind>> = { '(': '(', ')': ')', ',': ',', '.': '.' };

/** The tokens of `text`, ending with an `end` token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const ch = text[i] ?? '';
    if (isSpace(c)) {
      i++;
    } else if (isWordStart(c)) {
      const start = i;
      while (i < text.length && isWordPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), position: start });
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      i = readNumber(text, i, tokens);
    } else if (c === 39) {
      i = readString(text, i, tokens);
    } else if (ch in punctuation) {
      tokens.push({ kind: punctuation[ch] ?? 'end', text: ch, position: i });
      i++;
    } else if (ch === '=' || ch === '<' || ch === '>' || ch === '!') {
      const two = text.slice(i, i + 2);
      const op = two === '!=' || two === '<=' || two === '>=' ? two : ch === '<' && text[i + 1] === '>' ? '<>' : ch;
      if (op === '!' || op === '<>') {
        throw routeFilterError('Syntax', `expected a comparison operator (=, !=, <, <=, >, >=), found '${op}'`, text, i);
      }
      tokens.push({ kind: 'operator', text: op, position: i });
      i += op.length;
    } else if (ch === '"') {
      throw routeFilterError('Syntax', `strings are single-quoted ('text'); found a double quote`, text, i);
    } else if (ch === '[') {
      throw routeFilterError('Syntax', `array indexing is not supported: ADT does not filter on fields within arrays`, text, i);
    } else {
      const shown = c < 32 || c === 127 ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(text.codePointAt(i) ?? c)}'`;
      throw routeFilterError('Syntax', `unexpected character ${shown}`, text, i);
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

function readNumber(text: string, start: number, tokens: Token[]): number {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(text.charCodeAt(i))) throw routeFilterError('Syntax', 'expected a digit after the decimal point', text, i);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 69 || e === 101) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    if (!isDigit(text.charCodeAt(i))) throw routeFilterError('Syntax', 'expected a digit in the exponent', text, i);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if (isWordPart(text.charCodeAt(i))) {
    throw routeFilterError('Syntax', `expected an operator or the end after the number '${text.slice(start, i)}'`, text, i);
  }
  tokens.push({ kind: 'number', text: text.slice(start, i), position: start });
  return i;
}

function readString(text: string, start: number, tokens: Token[]): number {
  let value = '';
  let i = start + 1;
  let chunk = i;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) throw routeFilterError('Syntax', `unterminated string: expected a closing ' for the quote opened here`, text, start);
    if (text.charCodeAt(q + 1) === 39) {
      value += text.slice(chunk, q + 1);
      i = q + 2;
      chunk = i;
    } else {
      value += text.slice(chunk, q);
      tokens.push({ kind: 'string', text: value, position: start });
      return q + 1;
    }
  }
}
