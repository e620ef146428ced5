export type { ExpressionNode } from './ast';
export { compileExpression, type CompiledExpression, type NameInfo, type ResolveName, type Scope, type Value, type ValueType } from './compile';
export { EvaluationError, ExpressionError, type ExpressionPosition } from './errors';
export { parseExpression } from './parser';
export { converter, dimensionOf, isKnownUnit } from './units';
