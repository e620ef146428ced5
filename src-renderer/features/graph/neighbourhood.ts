// A twin's neighbourhood, found through the query API one level at a time: each level asks for
// the relationships leaving (or entering) the twins found at the level before. It never needs
// the whole graph in memory, so it works on graphs far larger than the graph view's load limit.
import { queryStringList } from '../../state/query-literal';
import { edgeOf, nodeOf, relationshipRowsQuery, twinRowsQuery, type GraphEdge, type GraphNode, type RowSource } from './graph-rows';

/** Which relationships a neighbourhood follows: those leaving a twin, those entering it, or both. */
export type Direction = 'out' | 'in' | 'both';

/** The deepest neighbourhood the graph area offers. */
export const maxLevels = 10;

/** Twin ids per query: a few hundred ids keep each query far below the query length limit. */
const idsPerQuery = 400;

/** A neighbourhood: its twins, the relationships followed to reach them, and whether the size limit cut it short. */
export interface Neighbourhood {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly complete: boolean;
}

function batches(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += idsPerQuery) out.push(ids.slice(i, i + idsPerQuery));
  return out;
}

/** The relationship queries of one level out of `frontier`, a few hundred twins per query. */
export function levelQueries(frontier: readonly string[], direction: Direction): string[] {
  return batches(frontier).map((ids) => {
    const list = queryStringList(ids);
    const where = direction === 'out' ? `R.$sourceId IN ${list}` : direction === 'in' ? `R.$targetId IN ${list}` : `R.$sourceId IN ${list} OR R.$targetId IN ${list}`;
    return `${relationshipRowsQuery} WHERE ${where}`;
  });
}

/** The queries that read the twins of `ids` as graph nodes. */
export function twinQueries(ids: readonly string[]): string[] {
  return batches(ids).map((batch) => `${twinRowsQuery} WHERE T.$dtId IN ${queryStringList(batch)}`);
}

/** The twins one level further: the far ends of `edges` seen from `frontier`, less those already `seen`, in order of first sight. */
export function nextLevel(edges: readonly GraphEdge[], frontier: ReadonlySet<string>, seen: ReadonlySet<string>, direction: Direction): string[] {
  const next = new Set<string>();
  for (const edge of edges) {
    if (direction !== 'in' && frontier.has(edge.source) && !seen.has(edge.target)) next.add(edge.target);
    if (direction !== 'out' && frontier.has(edge.target) && !seen.has(edge.source)) next.add(edge.source);
  }
  return [...next];
}

/**
 * The twins within `levels` relationships of `root` (following them `direction`), at most `limit`
 * twins, and the relationships followed between them. A root that does not exist gives no nodes.
 */
export async function loadNeighbourhood(rows: RowSource, root: string, direction: Direction, levels: number, limit: number): Promise<Neighbourhood> {
  const seen = new Set([root]);
  const edges = new Map<string, GraphEdge>();
  let frontier = [root];
  let complete = true;
  for (let level = 0; level < levels && frontier.length > 0; level++) {
    const found: GraphEdge[] = [];
    for (const text of levelQueries(frontier, direction)) {
      const page = await rows(text, limit * 4);
      complete &&= page.complete;
      found.push(...page.rows.map(edgeOf));
    }
    // A relationship between two twins of one level can come back from two batches: keep one.
    for (const edge of found) edges.set(`${edge.source}\n${edge.name}\n${edge.target}`, edge);
    let next = nextLevel(found, new Set(frontier), seen, direction);
    if (seen.size + next.length > limit) {
      next = next.slice(0, limit - seen.size);
      complete = false;
    }
    for (const id of next) seen.add(id);
    frontier = next;
  }
  const nodes: GraphNode[] = [];
  for (const text of twinQueries([...seen])) nodes.push(...(await rows(text, limit)).rows.map(nodeOf));
  return { nodes, edges: [...edges.values()].filter((edge) => seen.has(edge.source) && seen.has(edge.target)), complete };
}
