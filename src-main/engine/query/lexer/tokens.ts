import type { SourcePosition } from '../errors';

/** What a token is; keywords are identifiers the parser recognises case-insensitively. */
export type TokenKind =
  | 'identifier'
  | 'string'
  | 'number'
  | 'punctuation'
  | 'end';

/** One lexical unit with its position; `escaped` marks a `[[...]]` identifier, never a keyword. */
export interface Token {
  readonly kind: TokenKind;
  /** The identifier, the punctuation, the decoded string or the number's source text. */
  readonly text: string;
  readonly position: SourcePosition;
  readonly escaped: boolean;
  /** Whether whitespace separates this token from the previous one (MATCH arrows need adjacency). */
  readonly spaced: boolean;
}

/** Punctuation the dialect uses, longest first so the lexer matches greedily. */
export const punctuation: readonly string[] = ['..', '!=', '<>', '<=', '>=', '(', ')', '[', ']', ',', '.', '*', ':', '|', '-', '>', '<', '='];
