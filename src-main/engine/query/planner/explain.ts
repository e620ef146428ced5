import { printExpression, printPath } from '../ast/print';
import type { LogicalPlan, PlanStep } from './plan-types';
import type { Collection } from './scope';

function label(collection: Collection): string {
  return collection.name ?? `(anonymous ${collection.sqlAlias})`;
}

function arrow(direction: 'out' | 'in' | 'any', inner: string): string {
  return direction === 'out' ? `-[${inner}]->` : direction === 'in' ? `<-[${inner}]-` : `-[${inner}]-`;
}

function describeStep(step: PlanStep, plan: LogicalPlan): string {
  if (step.op === 'scan') {
    const table = step.collection.kind === 'twin' ? 'twins' : 'relationships';
    const anchor = plan.anchor?.collection === step.collection ? ` by $dtId (${plan.anchor.ids.length} id${plan.anchor.ids.length === 1 ? '' : 's'}, index lookup)` : ' (full scan)';
    return `scan ${table} ${label(step.collection)}${anchor}`;
  }
  const names = step.names.length > 0 ? `:${step.names.join('|')}` : ':any name';
  const check = step.toIsNew ? '' : ' (back to a twin already bound)';
  if (step.op === 'hop') {
    const verb = step.optional ? 'optionally follow' : 'follow';
    return `${verb} ${label(step.from)} ${arrow(step.direction, `${step.relationship.name ?? ''}${names}`)} ${label(step.to)}${check}`;
  }
  const hops = step.minHops === step.maxHops ? `*${step.minHops}` : `*${step.minHops}..${step.maxHops} (inclusive)`;
  return `reach ${label(step.from)} ${arrow(step.direction, `${names}${hops}`)} ${label(step.to)}${check}, one row per twin pair`;
}

/** The plan as lines people read (`twinbench explain`). */
export function explainPlan(plan: LogicalPlan, strict: boolean, indexes: readonly string[] = []): string[] {
  const lines = [`mode: ${strict ? 'strict (ADT dialect)' : 'extended'}`];
  for (const step of plan.steps) lines.push(describeStep(step, plan));
  if (plan.where) lines.push(`filter: ${printExpression(plan.where)}`);
  if (indexes.length > 0) lines.push(`property indexes the filter may seek in: ${indexes.map((path) => path.slice(2)).join(', ')}`);
  if (plan.groupBy.length > 0) lines.push(`group by: ${plan.groupBy.map(printPath).join(', ')}`);
  if (plan.orderBy.length > 0) lines.push(`order by: ${plan.orderBy.map((o) => `${printPath(o.expression)}${o.descending ? ' DESC' : ''}`).join(', ')}`);
  const columns = plan.select === 'star' ? '*' : plan.select.map((item) => (item.expression.kind === 'path' ? printPath(item.expression) : `${item.expression.name}()`) + (item.alias ? ` AS ${item.alias}` : '')).join(', ');
  lines.push(`project: ${plan.distinct ? 'DISTINCT ' : ''}${columns}`);
  if (plan.offset !== undefined) lines.push(`skip: ${plan.offset} rows`);
  if (plan.limit !== undefined) lines.push(`at most: ${plan.limit} rows`);
  return lines;
}
