/** The workbench's areas, in navigation order; `ready` marks those this version has. */
export interface Area {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly ready: boolean;
}

export const areas: readonly Area[] = [
  { id: 'models', label: 'Models', description: 'DTDL interfaces of the workspace', ready: true },
  { id: 'graph', label: 'Twin graph', description: 'Twins and their relationships', ready: true },
  { id: 'query', label: 'Query', description: 'ADT queries over the graph', ready: true },
  { id: 'analytics', label: 'Analytics', description: 'SQL over the history of every property and reading', ready: true },
  { id: 'telemetry', label: 'Live data', description: 'Readings, device sources and bindings', ready: true },
  { id: 'events', label: 'Events', description: 'The live event log, routes, endpoints and rules', ready: true },
  { id: 'sim', label: 'Simulation', description: 'What-if runs, compared side by side', ready: true },
  { id: 'floorplan', label: '3D', description: 'Floorplan and walkthrough', ready: true },
  { id: 'access', label: 'Access', description: 'Tokens and twin-level policies', ready: true },
  { id: 'import-export', label: 'Import / export', description: 'ADT Explorer JSON, import-job NDJSON, Excel, CSV; telemetry; exports', ready: true },
];
