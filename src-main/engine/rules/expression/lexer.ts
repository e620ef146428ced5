import { ExpressionError, positionAt } from './errors';

/** The kinds of token of the rule expression language. */
export type TokenKind = 'number' | 'string' | 'name' | 'keyword' | 'operator' | 'punctuation' | 'end';

/** One token and the offset where it starts. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** The number of a `number` token, the decoded text of a `string` token. */
  readonly value?: number | string;
  readonly offset: number;
}

const keywords = new Set(['and', 'or', 'not', 'true', 'false', 'null']);
const operators = ['<=', '>=', '!=', '<>', '==', '=', '<', '>', '+', '-', '*', '/', '%', '^'];
const punctuation = new Set(['(', ')', ',', '.', '[', ']']);
const nameStart = /[A-Za-z_$]/;
const namePart = /[A-Za-z0-9_$]/;
const digit = /[0-9]/;

/** Splits an expression into tokens; the last one is always `end`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const fail = (message: string, offset: number): never => {
    throw new ExpressionError(message, positionAt(text, offset));
  };
  while (at < text.length) {
    const char = text.charAt(at);
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    const start = at;
    if (digit.test(char) || (char === '.' && digit.test(text.charAt(at + 1)))) {
      while (digit.test(text.charAt(at))) at++;
      if (text.charAt(at) === '.') for (at++; digit.test(text.charAt(at)); ) at++;
      if (/[eE]/.test(text.charAt(at))) {
        const mark = at;
        at++;
        if (/[+-]/.test(text.charAt(at))) at++;
        if (!digit.test(text.charAt(at))) fail(`The number ${text.slice(start, mark + 1)} has an exponent without digits`, mark);
        while (digit.test(text.charAt(at))) at++;
      }
      if (nameStart.test(text.charAt(at))) fail(`A number is followed directly by "${text.charAt(at)}"`, at);
      tokens.push({ kind: 'number', text: text.slice(start, at), value: Number(text.slice(start, at)), offset: start });
      continue;
    }
    if (nameStart.test(char)) {
      while (namePart.test(text.charAt(at))) at++;
      const word = text.slice(start, at);
      tokens.push({ kind: keywords.has(word.toLowerCase()) ? 'keyword' : 'name', text: keywords.has(word.toLowerCase()) ? word.toLowerCase() : word, offset: start });
      continue;
    }
    if (char === "'" || char === '"') {
      let value = '';
      for (at++; ; at++) {
        if (at >= text.length) fail('A string is not closed', start);
        const next = text.charAt(at);
        if (next === '\\' && at + 1 < text.length) value += text.charAt(++at);
        else if (next === char) break;
        else value += next;
      }
      at++;
      tokens.push({ kind: 'string', text: text.slice(start, at), value, offset: start });
      continue;
    }
    const operator = operators.find((candidate) => text.startsWith(candidate, at));
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, offset: start });
      at += operator.length;
      continue;
    }
    if (punctuation.has(char)) {
      tokens.push({ kind: 'punctuation', text: char, offset: start });
      at++;
      continue;
    }
    fail(`Unexpected character "${char}"`, at);
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}
