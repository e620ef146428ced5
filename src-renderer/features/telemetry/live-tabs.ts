/** The views of the live data area, in tab order. */
export const liveTabs = [
  { id: 'readings', label: 'Readings', description: 'The latest value of every twin’s telemetry' },
  { id: 'charts', label: 'Charts', description: 'A twin’s telemetry and property history over a range, with a live tail' },
  { id: 'events', label: 'Event log', description: 'Every twin and relationship change, reading and alert as it happens' },
  { id: 'sources', label: 'Sources', description: 'Synthetic devices, MQTT, file replay and HTTP, with their counters' },
  { id: 'bindings', label: 'Bindings', description: 'Which twin each device’s messages land on' },
  { id: 'routes', label: 'Routes', description: 'Endpoints and the event routes to them' },
  { id: 'rules', label: 'Rules', description: 'Derived properties, roll-ups, alerts and scripts' },
] as const;

export type LiveTab = (typeof liveTabs)[number]['id'];
