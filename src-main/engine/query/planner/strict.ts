import type { QueryNode } from '../ast/nodes';
import { queryError, type SourcePosition } from '../errors';
import type { LogicalPlan } from './plan-types';

function extension(what: string, at: SourcePosition): Error {
  return queryError('Strict', `${what} is not part of ADT's query language.`, at, 'it is a Twinbench extension: run the query in extended mode (strict: false).');
}

/** Rejects everything ADT itself would reject that extended mode accepts. */
export function checkStrict(query: QueryNode, plan: LogicalPlan): void {
  const { select } = query;
  if (select.distinct) throw extension('SELECT DISTINCT', select.position);
  if (query.groupBy.length > 0) throw extension('GROUP BY', query.groupBy[0].position);
  if (query.orderBy.length > 0) throw extension('ORDER BY', query.orderBy[0].position);
  if (query.limit) throw extension('LIMIT', query.limit.position);
  if (query.offset) throw extension('OFFSET', query.offset.position);
  const optional = query.joins.find((join) => join.optional);
  if (optional) throw extension('An optional (outer) JOIN', optional.position);
  if (select.items !== 'star') {
    for (const item of select.items) {
      if (item.expression.kind === 'call' && item.expression.name !== 'COUNT') throw extension(`${item.expression.name}()`, item.position);
      if (item.expression.kind === 'call' && item.expression.args.length > 0) throw extension('COUNT with an argument', item.position);
    }
    const count = select.items.find((item) => item.expression.kind === 'call');
    if (count && select.top) throw queryError('Strict', 'TOP cannot be combined with COUNT().', select.top.position);
  }
  if (select.items === 'star' && query.joins.length > 0) {
    throw queryError('Strict', 'SELECT * cannot be used with JOIN.', select.position, `project the collections instead: SELECT ${plan.scope.named().map((c) => c.name).join(', ')}.`);
  }
  if ((query.joins.length > 0 || query.match) && !plan.anchor) {
    const what = query.match ? 'MATCH' : 'JOIN';
    throw queryError('Strict', `a ${what} query must pick at least one twin by $dtId in WHERE.`, (query.match ?? query.joins[0]).position, `add WHERE <twin>.$dtId = '...' (extended mode lifts this).`);
  }
}
