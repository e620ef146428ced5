import { EngineError, ErrorCode } from '../../../../src-shared/contract';

/** Why a filter was refused: `Syntax` (not the grammar), `Name` (unknown field or function), `Limit`. */
export type RouteFilterErrorReason = 'Syntax' | 'Name' | 'Limit';

/** The `details` of every route filter error: 0-based offset, 1-based line and column, and why. */
export interface RouteFilterErrorDetails {
  readonly position: number;
  readonly line: number;
  readonly column: number;
  readonly reason: RouteFilterErrorReason;
}

/** An InvalidArgument EngineError positioned at `position` in `text`. */
export function routeFilterError(reason: RouteFilterErrorReason, message: string, text: string, position: number): EngineError {
  const at = Math.max(0, Math.min(position, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = at - lineStart + 1;
  const details: RouteFilterErrorDetails = { position: at, line, column, reason };
  return new EngineError(ErrorCode.InvalidArgument, `Invalid route filter at line ${line}, column ${column}: ${message}`, details);
}
