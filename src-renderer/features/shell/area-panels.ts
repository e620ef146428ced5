// The areas' panels beyond the first view (and the models' graph), each in its own chunk: the
// first view is interactive without waiting for three.js, sigma, cytoscape, CodeMirror and uPlot
// to be fetched, parsed and compiled.
// They load on first use, and in idle time once the first view is up, so a switch is instant.

export const areaPanels = {
  modelGraph: () => import('../models/ModelGraphView.svelte'),
  graph: () => import('../graph/GraphPanel.svelte'),
  live: () => import('../telemetry/LiveDataPanel.svelte'),
  analytics: () => import('../analytics/AnalyticsPanel.svelte'),
  query: () => import('../query/QueryPanel.svelte'),
  access: () => import('../access/AccessPanel.svelte'),
  floorplan: () => import('../floorplan/FloorplanPanel.svelte'),
  sim: () => import('../simulation/SimulationPanel.svelte'),
  importExport: () => import('../import-export/ImportExportPanel.svelte'),
};

/** Fetches every panel's chunk when the page is idle, one at a time. */
export function prefetchAreaPanels(): void {
  const loaders = Object.values(areaPanels);
  const next = () => {
    const load = loaders.shift();
    if (load) void load().then(idle, idle);
  };
  const idle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(next, { timeout: 2000 }) : setTimeout(next, 50));
  idle();
}
