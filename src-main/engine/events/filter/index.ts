// ADT's event route filter language: parse, compile to a predicate, match events.
export type {
  AndNode,
  AttributeOperand,
  BodyOperand,
  CallNode,
  ComparisonNode,
  ComparisonOperator,
  ConstantNode,
  EventAttribute,
  FilterExpression,
  FilterExpressionKind,
  FilterFunction,
  LiteralOperand,
  LiteralValue,
  NotNode,
  Operand,
  OrNode,
  Reference,
  RouteFilter,
  RouteFilterEvent,
} from './ast';
export { eventAttributes } from './ast';
export { compileRouteFilter, matchesRouteFilter, type RouteFilterPredicate } from './compile';
export type { RouteFilterErrorDetails, RouteFilterErrorReason } from './errors';
export { hardRouteFilterLimits, strictRouteFilterLimits, type RouteFilterLimits, type RouteFilterOptions } from './limits';
export { parseRouteFilter } from './parser';
