import type { ExpressionNode, HopsNode, MatchNode, QueryNode } from '../ast/nodes';
import { queryError } from '../errors';
import { closest } from '../suggest';
import type { Anchor, LogicalPlan, PlanStep } from './plan-types';
import { Scope, type Collection } from './scope';

/** What the engine knows about the workspace, for "did you mean" hints and name checks. */
export interface QueryCatalog {
  readonly relationshipNames: readonly string[];
  readonly modelIds: readonly string[];
  /** Changes whenever the models change, so compiled queries can be cached per catalog. */
  readonly version?: number;
}

/** The top-level AND terms of a condition. */
export function conjuncts(where: ExpressionNode | undefined): readonly ExpressionNode[] {
  if (!where) return [];
  return where.kind === 'logical' && where.operator === 'AND' ? where.operands : [where];
}

function anchorOf(term: ExpressionNode, scope: Scope): Anchor | undefined {
  const isDtId = (node: ExpressionNode): Collection | undefined => {
    if (node.kind !== 'path') return undefined;
    const [first, second, third] = node.segments;
    if (second?.name === '$dtId' && third === undefined) {
      const collection = scope.get(first.name);
      return collection?.kind === 'twin' ? collection : undefined;
    }
    if (first.name === '$dtId' && second === undefined) return scope.defaultCollection?.kind === 'twin' ? scope.defaultCollection : undefined;
    return undefined;
  };
  if (term.kind === 'compare' && term.operator === '=') {
    for (const [path, value] of [[term.left, term.right], [term.right, term.left]]) {
      const collection = isDtId(path);
      if (collection && value.kind === 'literal' && typeof value.value === 'string') return { collection, ids: [value.value] };
    }
  }
  if (term.kind === 'in' && !term.negated) {
    const collection = isDtId(term.operand);
    const ids = term.list.items.map((item) => item.value).filter((value): value is string => typeof value === 'string');
    if (collection && ids.length > 0) return { collection, ids };
  }
  return undefined;
}

function findAnchor(where: ExpressionNode | undefined, scope: Scope, prefer?: ReadonlySet<Collection>): Anchor | undefined {
  const anchors = conjuncts(where).map((term) => anchorOf(term, scope)).filter((a): a is Anchor => a !== undefined);
  return anchors.find((a) => prefer?.has(a.collection)) ?? anchors[0];
}

function checkRelationshipName(name: string, source: string, position: QueryNode['position'], catalog: QueryCatalog | undefined): void {
  if (!catalog || catalog.relationshipNames.includes(name)) return;
  const guess = closest(name, catalog.relationshipNames);
  throw queryError('Name', `no model defines a relationship named ${name}.`, position, guess ? `did you mean ${source}.${guess}?` : undefined);
}

function hopRange(hops: HopsNode | undefined): { min: number; max: number } {
  if (!hops) return { min: 1, max: 1 };
  if (hops.exact !== undefined) {
    if (hops.exact < 1) throw queryError('Semantic', 'a hop count must be at least 1.', hops.position);
    return { min: hops.exact, max: hops.exact };
  }
  // ADT's starting limit is exclusive, the ending limit inclusive: *1..3 is 2 or 3 hops.
  const min = hops.lower === undefined ? 1 : hops.lower + 1;
  const max = hops.upper ?? min;
  if (max < min) {
    throw queryError('Semantic', `the hop range ${hops.lower ?? ''}..${hops.upper ?? ''} is empty: the starting limit is exclusive.`, hops.position, `write *${hops.lower ?? 0}..${min} or more for ${min} hops.`);
  }
  return { min, max };
}

function planMatch(match: MatchNode, scope: Scope, where: ExpressionNode | undefined, catalog: QueryCatalog | undefined) {
  const nodes = match.nodes.map((node) => scope.add('twin', node.name, node.position, false, true));
  const edges = match.edges.map((edge, i) => {
    const range = hopRange(edge.hops);
    if (edge.variable !== undefined && (range.min !== 1 || range.max !== 1)) {
      throw queryError('Semantic', `the relationship variable ${edge.variable} needs a single hop.`, edge.position, 'drop the variable or the hop count; a variable names one relationship.');
    }
    for (const name of edge.names) checkRelationshipName(name, match.nodes[i].name ?? '', edge.position, catalog);
    const relationship = range.max === 1 ? scope.add('relationship', edge.variable, edge.position) : undefined;
    return { edge, range, relationship };
  });
  const anchor = findAnchor(where, scope, new Set(nodes));
  const start = anchor ? Math.max(0, nodes.indexOf(anchor.collection)) : 0;
  const seen = new Set<Collection>([nodes[start]]);
  const steps: PlanStep[] = [{ op: 'scan', collection: nodes[start] }];
  const flip = { out: 'in', in: 'out', any: 'any' } as const;
  const addStep = (i: number, from: Collection, to: Collection, reversed: boolean): void => {
    const { edge, range, relationship } = edges[i];
    const direction = reversed ? flip[edge.direction] : edge.direction;
    const toIsNew = !seen.has(to);
    seen.add(to);
    if (relationship) steps.push({ op: 'hop', from, relationship, to, toIsNew, direction, names: edge.names, optional: false });
    else steps.push({ op: 'reach', from, to, toIsNew, direction, names: edge.names, minHops: range.min, maxHops: range.max });
  };
  for (let i = start; i < edges.length; i++) addStep(i, nodes[i], nodes[i + 1], false);
  for (let i = start - 1; i >= 0; i--) addStep(i, nodes[i + 1], nodes[i], true);
  const distinctRelationships = edges.map((e) => e.relationship).filter((r): r is Collection => r !== undefined);
  return { steps, anchor, distinctRelationships };
}

/** Resolves the query's collections and orders its traversal: the logical plan. */
export function buildPlan(query: QueryNode, catalog?: QueryCatalog): LogicalPlan {
  const scope = new Scope();
  const { from, match, joins, where } = query;
  let steps: PlanStep[];
  let anchor: Anchor | undefined;
  let distinctRelationships: Collection[] = [];
  if (match) {
    if (from.collection !== 'DIGITALTWINS') throw queryError('Semantic', 'MATCH works on FROM DIGITALTWINS.', from.position);
    if (from.alias !== undefined) throw queryError('Semantic', 'with MATCH, name the twins in the pattern, not in FROM.', from.position, `write FROM DIGITALTWINS MATCH (${from.alias})-[...]-(...).`);
    if (joins.length > 0) throw queryError('Semantic', 'a query uses either JOIN or MATCH, not both.', joins[0].position, 'MATCH can express every JOIN.');
    ({ steps, anchor, distinctRelationships } = planMatch(match, scope, where, catalog));
  } else {
    const root = scope.add(from.collection === 'DIGITALTWINS' ? 'twin' : 'relationship', from.alias, from.position);
    steps = [{ op: 'scan', collection: root }];
    if (joins.length === 0) scope.defaultCollection = root;
    else if (root.kind === 'relationship') throw queryError('Semantic', 'JOIN works on FROM DIGITALTWINS.', joins[0].position);
    for (const join of joins) {
      const source = scope.require(join.source, join.position);
      if (source.kind !== 'twin') throw queryError('Semantic', `${join.source} is a relationship collection; JOIN follows relationships of twins.`, join.position);
      checkRelationshipName(join.relationship, join.source, join.relationshipPosition, catalog);
      const to = scope.add('twin', join.target, join.position, join.optional);
      const relationship = scope.add('relationship', join.relationshipAlias, join.position, join.optional);
      steps.push({ op: 'hop', from: source, relationship, to, toIsNew: true, direction: 'out', names: [join.relationship], optional: join.optional });
    }
    anchor = findAnchor(where, scope);
  }
  const plan: LogicalPlan = {
    scope, steps, distinctRelationships, select: query.select.items, distinct: query.select.distinct, groupBy: query.groupBy, orderBy: query.orderBy,
    ...(where ? { where } : {}), ...(anchor ? { anchor } : {}),
  };
  const limit = query.select.top?.count ?? query.limit?.count;
  return { ...plan, ...(limit === undefined ? {} : { limit }), ...(query.offset ? { offset: query.offset.count } : {}) };
}
