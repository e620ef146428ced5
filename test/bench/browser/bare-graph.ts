// The bare baseline of the graph bench: the same twins and relationships, fetched through the
// ADT REST API, drawn by sigma over graphology with nothing else on the page.
import Graph from 'graphology';
import Sigma from 'sigma';

async function rows(query: string): Promise<Record<string, string>[]> {
  const all: Record<string, string>[] = [];
  let continuationToken: string | undefined;
  do {
    const response = await fetch('/query?api-version=2023-10-31', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, continuationToken }) });
    const page = (await response.json()) as { value: Record<string, string>[]; continuationToken?: string | null };
    all.push(...page.value);
    continuationToken = page.continuationToken ?? undefined;
  } while (continuationToken && all.length < 200_000);
  return all;
}

const twins = await rows('SELECT T.$dtId AS id, T.$metadata.$model AS model FROM DIGITALTWINS T');
const relationships = await rows('SELECT R.$sourceId AS source, R.$targetId AS target FROM RELATIONSHIPS R');
const graph = new Graph({ multi: true, type: 'directed' });
twins.slice(0, 50_000).forEach((twin, i) => {
  const angle = i * 2.399963;
  const radius = Math.sqrt(i / twins.length) * 100;
  graph.addNode(twin.id!, { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius, size: 4, color: '#4f9cf7', model: twin.model });
});
for (const relationship of relationships) if (graph.hasNode(relationship.source!) && graph.hasNode(relationship.target!)) graph.addDirectedEdge(relationship.source!, relationship.target!, { size: 1, color: '#3a4656' });
const container = document.getElementById('graph')!;
// Hiding a model's twins the plainest way sigma offers: a node reducer and a refresh.
let hidden: string | null = null;
const renderer = new Sigma(graph, container, {
  settings: { renderEdgeLabels: false, hideEdgesOnMove: true },
  nodeReducer: (_node, _data, attributes) => (attributes.model === hidden ? { visibility: 'hidden' } : {}),
});
Object.assign(window, {
  hideModel: (model: string | null) => {
    hidden = model;
    renderer.refresh();
  },
});
document.title = `${graph.order} nodes`;
