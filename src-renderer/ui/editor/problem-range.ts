import { tokenizeQuery } from './adt-query-language';

/** Where the engine said a query went wrong: a 0-based offset into the text, and why. */
export interface EditorProblem {
  readonly offset: number;
  readonly message: string;
}

/** The span to underline for a problem at `offset`: the token that starts there, else one character (the last one at the end of the text). */
export function problemRange(text: string, offset: number): { from: number; to: number } {
  if (text.length === 0) return { from: 0, to: 0 };
  const at = Math.max(0, Math.min(offset, text.length - 1));
  const token = tokenizeQuery(text).find((candidate) => candidate.from <= at && at < candidate.to);
  if (token && offset < text.length) return { from: token.from, to: token.to };
  return { from: at, to: at + 1 };
}
