import { EngineError, ErrorCode } from '../../../src-shared/contract';

/** Where something is in the query text: 0-based offset, 1-based line and column. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Why a query was refused, finer than the error code: `Syntax` (not the grammar), `Strict`
 * (valid in extended mode only), `Limit` (a size limit), `Name` (an unknown collection,
 * function, relationship or model), `Semantic` (well-formed but meaningless).
 */
export type QueryErrorReason = 'Syntax' | 'Strict' | 'Limit' | 'Name' | 'Semantic';

/** The `details` of every query error: where, why, and what to try instead. */
export interface QueryErrorDetails {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly reason: QueryErrorReason;
  readonly hint?: string;
}

/** A QuerySyntax EngineError positioned at `at`, with an optional hint. */
export function queryError(reason: QueryErrorReason, message: string, at: SourcePosition, hint?: string): EngineError {
  const details: QueryErrorDetails = hint === undefined
    ? { line: at.line, column: at.column, offset: at.offset, reason }
    : { line: at.line, column: at.column, offset: at.offset, reason, hint };
  const suffix = hint === undefined ? '' : ` Hint: ${hint}`;
  return new EngineError(ErrorCode.QuerySyntax, `Invalid query at line ${at.line}, column ${at.column}: ${message}${suffix}`, details);
}

/** The position of `offset` in `text`, counting lines and columns the way editors do. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
