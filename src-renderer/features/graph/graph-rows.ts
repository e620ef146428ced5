// The rows the graph area asks the query API for, and how they become nodes and edges.
import type { EngineApi } from '../../../src-shared/contract';

/** Each twin as the graph draws it: id, model and name. */
export const twinRowsQuery = 'SELECT T.$dtId AS id, T.$metadata.$model AS model, T.name AS name FROM DIGITALTWINS T';

/** Each relationship as the graph draws it: its two ends and its name. */
export const relationshipRowsQuery = 'SELECT R.$sourceId AS source, R.$targetId AS target, R.$relationshipName AS name FROM RELATIONSHIPS R';

/** A twin as the graph draws it. */
export interface GraphNode {
  readonly id: string;
  readonly model: string;
  readonly label: string;
}

/** A relationship as the graph draws it. */
export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly name: string;
}

export type Row = Record<string, unknown>;

/** Runs a query to its last page or to `limit` rows; `complete` is false when rows were left. */
export type RowSource = (text: string, limit: number) => Promise<{ rows: Row[]; complete: boolean }>;

/** A row of `twinRowsQuery` as a node; a twin without a name is labelled with its id. */
export function nodeOf(row: Row): GraphNode {
  return { id: String(row.id), model: String(row.model), label: typeof row.name === 'string' ? row.name : String(row.id) };
}

/** A row of `relationshipRowsQuery` as an edge. */
export function edgeOf(row: Row): GraphEdge {
  return { source: String(row.source), target: String(row.target), name: String(row.name) };
}

/** The engine's query API as a `RowSource`, following continuation tokens. */
export function engineRows(api: EngineApi): RowSource {
  return async (text, limit) => {
    const rows: Row[] = [];
    let page = await api.query.run(text);
    rows.push(...(page.items as Row[]));
    while (page.continuationToken && rows.length < limit) {
      page = await api.query.run(text, { continuationToken: page.continuationToken });
      rows.push(...(page.items as Row[]));
    }
    return { rows: rows.slice(0, limit), complete: page.continuationToken === undefined && rows.length <= limit };
  };
}
