/** Where in an expression something is: a 0-based offset and 1-based line and column. */
export interface ExpressionPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A mistake in an expression found before it runs (syntax, unknown name, wrong type), with its place. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    message: string,
    readonly position: ExpressionPosition,
  ) {
    super(`${message} (line ${position.line}, column ${position.column})`);
  }
}

/** A failure while evaluating (division by zero, a value of the wrong type); the rule is skipped for that twin. */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';

  constructor(
    message: string,
    readonly position: ExpressionPosition,
  ) {
    super(`${message} (line ${position.line}, column ${position.column})`);
  }
}

/** The position of `offset` in `text`. */
export function positionAt(text: string, offset: number): ExpressionPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
