import type { LogicalPlan, PlanStep } from '../planner/plan-types';
import type { Collection } from '../planner/scope';
import type { ParameterBag } from './params';

/** Directed multi-hop paths up to this length are unrolled into joins; longer ones use a recursive CTE. */
const maxUnrolledHops = 8;

type Reach = Extract<PlanStep, { op: 'reach' }>;
type Hop = Extract<PlanStep, { op: 'hop' }>;

function nameFilter(column: string, names: readonly string[], params: ParameterBag): string | undefined {
  if (names.length === 0) return undefined;
  if (names.length === 1) return `${column} = ${params.bind(names[0])}`;
  return `${column} IN (${names.map((name) => params.bind(name)).join(', ')})`;
}

const ends = { out: { start: 'source', end: 'target' }, in: { start: 'target', end: 'source' } } as const;

/** The twins reachable from `fromId` in exactly `hops` steps one way, each relationship used once. */
function chainSql(step: Reach, fromId: string, hops: number, direction: 'out' | 'in', params: ParameterBag): string {
  const { start, end } = ends[direction];
  const joins: string[] = ['relationships AS h1'];
  const conditions: string[] = [`h1.${start} = ${fromId}`];
  for (let i = 1; i <= hops; i++) {
    if (i > 1) joins.push(`JOIN relationships AS h${i} ON h${i}.${start} = h${i - 1}.${end}`);
    const filter = nameFilter(`h${i}.name`, step.names, params);
    if (filter) conditions.push(filter);
    for (let j = 1; j < i; j++) conditions.push(`h${j}.rowid <> h${i}.rowid`);
  }
  return `SELECT h${hops}.${end} FROM ${joins.join(' ')} WHERE ${conditions.join(' AND ')}`;
}

/** The twins reachable from `fromId` (the id of `step.from`) in `minHops..maxHops` steps: unrolled joins, or a recursive walk. */
export function reachSql(step: Reach, fromId: string, params: ParameterBag, index: number): string {
  const { direction } = step;
  if (direction !== 'any' && step.maxHops <= maxUnrolledHops) {
    const chains: string[] = [];
    for (let hops = step.minHops; hops <= step.maxHops; hops++) chains.push(chainSql(step, fromId, hops, direction, params));
    return chains.join(' UNION ALL ');
  }
  const walk = `w${index}`;
  const max = params.bind(step.maxHops);
  const filter = nameFilter('h.name', step.names, params);
  const moves = direction === 'any' ? (['out', 'in'] as const) : [direction];
  // The path string lists the rowids used so far, so a relationship is traversed once per path (ADT's cycle rule).
  const recursive = moves.map((move) => {
    const { start, end } = ends[move];
    return `SELECT h.${end}, ${walk}.depth + 1, ${walk}.path || h.rowid || ',' FROM ${walk} JOIN relationships AS h ON h.${start} = ${walk}.node `
      + `WHERE ${walk}.depth < ${max}${filter ? ` AND ${filter}` : ''} AND instr(${walk}.path, ',' || h.rowid || ',') = 0`;
  });
  return `WITH RECURSIVE ${walk}(node, depth, path) AS (SELECT ${fromId}, 0, ',' UNION ALL ${recursive.join(' UNION ALL ')}) `
    + `SELECT node FROM ${walk} WHERE depth >= ${params.bind(step.minHops)}`;
}

type PathSegments = readonly { readonly name: string }[];

/** Calls `found` with the segments of every path under `node` (an AST part: paths are not searched inside). */
function forEachPath(node: unknown, found: (segments: PathSegments) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => forEachPath(item, found));
  if (typeof node !== 'object' || node === null) return;
  const record = node as { kind?: unknown; segments?: PathSegments };
  if (record.kind === 'path' && record.segments) return found(record.segments);
  for (const value of Object.values(node)) if (typeof value === 'object') forEachPath(value, found);
}

/** The collection a path starts from: the one it names first, else the default one. */
const collectionOf = (plan: LogicalPlan, segments: PathSegments) => plan.scope.get(segments[0]!.name) ?? plan.scope.defaultCollection;

/** The collections the query names outside its FROM clause (projection, WHERE, GROUP BY, ORDER BY); all named ones for `SELECT *`. */
function referencedCollections(plan: LogicalPlan): ReadonlySet<Collection> {
  const referenced = new Set<Collection>(plan.select === 'star' ? plan.scope.named() : []);
  forEachPath([plan.select === 'star' ? [] : plan.select, plan.where, plan.groupBy, plan.orderBy], (segments) => {
    const collection = collectionOf(plan, segments);
    if (collection) referenced.add(collection);
  });
  if (plan.anchor) referenced.add(plan.anchor.collection);
  return referenced;
}

/** Whether the query names `collection` only as `<name>.$dtId` in WHERE and ORDER BY, and nowhere else. */
function namedOnlyById(plan: LogicalPlan, collection: Collection): boolean {
  if (plan.select === 'star') return false;
  let byIdOnly = true;
  const byId = (segments: PathSegments) => segments.length === 2 && plan.scope.get(segments[0]!.name) === collection && segments[1]!.name === '$dtId';
  forEachPath([plan.select, plan.groupBy], (segments) => {
    if (collectionOf(plan, segments) === collection) byIdOnly = false;
  });
  forEachPath([plan.where, plan.orderBy], (segments) => {
    if (collectionOf(plan, segments) === collection && !byId(segments)) byIdOnly = false;
  });
  return byIdOnly;
}

/**
 * The first twin of the FROM clause when it is left out: the query names it only by `$dtId` (in
 * WHERE or ORDER BY) and a one-way, non-optional hop leaves it, so that relationship's start
 * column is its id. A relationship's ends always exist (a twin with relationships cannot be
 * deleted), and each relationship has one source and one target, so no row is lost or repeated.
 */
export function leftOutAnchor(
  plan: LogicalPlan,
): { readonly twin: Collection; readonly hop: Hop; readonly ends: (typeof ends)['out' | 'in']; readonly idColumn: '$sourceId' | '$targetId' } | undefined {
  const [scan, hop] = plan.steps;
  if (scan?.op !== 'scan' || scan.collection.kind !== 'twin' || hop?.op !== 'hop') return undefined;
  if (hop.from !== scan.collection || hop.direction === 'any' || hop.optional || !namedOnlyById(plan, scan.collection)) return undefined;
  return { twin: scan.collection, hop, ends: ends[hop.direction], idColumn: hop.direction === 'out' ? '$sourceId' : '$targetId' };
}

/**
 * The twins compileFrom does not join: reached by a one-way, non-optional hop and named nowhere
 * else, and the left-out anchor (see leftOutAnchor).
 */
export function unjoinedTwins(plan: LogicalPlan): ReadonlySet<Collection> {
  const referenced = referencedCollections(plan);
  const unjoined = new Set<Collection>();
  const anchor = leftOutAnchor(plan);
  if (anchor) unjoined.add(anchor.twin);
  for (const step of plan.steps) {
    if (step.op === 'hop' && step.direction !== 'any' && step.toIsNew && !step.optional && !referenced.has(step.to)) unjoined.add(step.to);
  }
  return unjoined;
}

function table(collection: Collection): string {
  return collection.kind === 'twin' ? `twins AS ${collection.sqlAlias}` : `relationships AS ${collection.sqlAlias}`;
}

/**
 * The FROM clause of a plan, and the conditions that tie its collections together. A twin that a
 * one-way, non-optional hop reaches and that nothing else in the query names (not projected, not
 * filtered on, as the middle twins of a MATCH chain under `COUNT()` often are) is not joined: a
 * relationship's target always exists (a twin with relationships cannot be deleted), so the
 * relationship's own end column stands for its id.
 */
export function compileFrom(plan: LogicalPlan, params: ParameterBag): { from: string; conditions: string[] } {
  const parts: string[] = [];
  const conditions: string[] = [];
  const unjoined = unjoinedTwins(plan);
  const anchor = leftOutAnchor(plan);
  const ids = new Map<Collection, string>();
  if (anchor) ids.set(anchor.twin, `${anchor.hop.relationship.sqlAlias}.${anchor.ends.start}`);
  const idOf = (collection: Collection) => ids.get(collection) ?? `${collection.sqlAlias}.id`;
  plan.steps.forEach((step, index) => {
    if (step.op === 'scan') {
      if (step.collection !== anchor?.twin) parts.push(table(step.collection));
      return;
    }
    if (step.op === 'reach') {
      const reach = `(${reachSql(step, idOf(step.from), params, index)})`;
      if (step.toIsNew) parts.push(`JOIN ${table(step.to)} ON ${step.to.sqlAlias}.id IN ${reach}`);
      else conditions.push(`${idOf(step.to)} IN ${reach}`);
      return;
    }
    const join = step.optional ? 'LEFT JOIN' : 'JOIN';
    const r = step.relationship.sqlAlias;
    const filter = nameFilter(`${r}.name`, step.names, params);
    if (step === anchor?.hop) {
      // The left-out anchor's relationship heads the FROM clause; its start column is the anchor's id.
      parts.push(table(step.relationship));
      if (filter) conditions.push(filter);
      const end = `${r}.${anchor.ends.end}`;
      if (unjoined.has(step.to)) ids.set(step.to, end);
      else if (step.toIsNew) parts.push(`JOIN ${table(step.to)} ON ${idOf(step.to)} = ${end}`);
      else conditions.push(`${idOf(step.to)} = ${end}`);
      return;
    }
    const f = idOf(step.from);
    const t = idOf(step.to);
    let relationOn: string;
    let targetOn: string;
    if (step.direction === 'any') {
      relationOn = `(${r}.source = ${f} OR ${r}.target = ${f})`;
      targetOn = `((${r}.source = ${f} AND ${t} = ${r}.target) OR (${r}.target = ${f} AND ${t} = ${r}.source))`;
    } else {
      const { start, end } = ends[step.direction];
      relationOn = `${r}.${start} = ${f}`;
      targetOn = `${t} = ${r}.${end}`;
      if (unjoined.has(step.to)) {
        parts.push(`${join} ${table(step.relationship)} ON ${relationOn}${filter ? ` AND ${filter}` : ''}`);
        ids.set(step.to, `${r}.${end}`);
        return;
      }
    }
    if (filter) relationOn += ` AND ${filter}`;
    if (step.toIsNew) {
      parts.push(`${join} ${table(step.relationship)} ON ${relationOn}`, `${join} ${table(step.to)} ON ${targetOn}`);
    } else {
      parts.push(`${join} ${table(step.relationship)} ON ${relationOn} AND ${targetOn}`);
    }
  });
  // A path uses a relationship once; two edges whose names cannot match can never be the same one.
  const names = new Map<Collection, readonly string[]>();
  for (const step of plan.steps) if (step.op === 'hop') names.set(step.relationship, step.names);
  const disjoint = (a: Collection, b: Collection) => {
    const [x, y] = [names.get(a) ?? [], names.get(b) ?? []];
    return x.length > 0 && y.length > 0 && !x.some((name) => y.includes(name));
  };
  const distinct = plan.distinctRelationships;
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      if (!disjoint(distinct[i]!, distinct[j]!)) conditions.push(`${distinct[i]!.sqlAlias}.rowid <> ${distinct[j]!.sqlAlias}.rowid`);
    }
  }
  return { from: parts.join(' '), conditions };
}
