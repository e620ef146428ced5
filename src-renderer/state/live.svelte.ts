import type { DeviceBinding, EndpointDefinition, EngineApi, EventRoute, RouteDelivery, Rule, RulesStatus, SourceDefinition, SourceStatus, SyntheticStatus, TelemetryReading } from '../../src-shared/contract';
import { endpointForm } from '../features/event-flow/endpoint-form';
import { routeForm } from '../features/event-flow/route-form';
import { ruleForm } from '../features/rules/rule-form';
import { bindingForm } from '../features/telemetry/binding-form';
import { sourceForm } from '../features/telemetry/source-form';
import { DefinitionsState } from './definitions.svelte';
import { EventLogState } from './event-log.svelte';
import { HistoryChartState } from './history-chart.svelte';
import { describeError } from './workspace.svelte';

/** The most distinct streams (twin, name) the live table keeps. */
const maxStreams = 5_000;

/**
 * Live data: the latest value of every stream, the synthetic devices and the device sources with
 * their counters, the event log, and the routes, endpoints, bindings and rules that shape the flow.
 */
export class LiveState {
  latest = $state.raw<TelemetryReading[]>([]);
  status = $state<SyntheticStatus | null>(null);
  /** Live counters of every device source. */
  sources = $state.raw<SourceStatus[]>([]);
  rulesStatus = $state.raw<RulesStatus | null>(null);
  /** Each route's deliveries and dead-lettered events since the engine started. */
  deliveries = $state.raw<RouteDelivery[]>([]);
  /** Model ids, offered where a rule names a model. */
  modelIds = $state.raw<string[]>([]);
  perSecond = $state(0);
  error = $state<string | null>(null);
  /** A source that is being started or stopped. */
  switching = $state<string | null>(null);
  readonly log: EventLogState;
  readonly chart: HistoryChartState;
  readonly sourceDefinitions: DefinitionsState<SourceDefinition>;
  readonly endpoints: DefinitionsState<EndpointDefinition>;
  readonly routes: DefinitionsState<EventRoute>;
  readonly bindings: DefinitionsState<DeviceBinding>;
  readonly rules: DefinitionsState<Rule>;
  // A private index, rebuilt into `latest` (what views read) once per batch, not reactive itself.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly streams = new Map<string, TelemetryReading>();
  private received: { time: number; count: number }[] = [];

  constructor(private readonly api: EngineApi) {
    api.telemetry.onDidPublish((readings) => this.take(readings));
    this.log = new EventLogState(api);
    this.chart = new HistoryChartState(api);
    this.sourceDefinitions = new DefinitionsState({ list: () => api.ingest.listSources(), put: (source) => api.ingest.putSource(source), remove: (name) => api.ingest.deleteSource(name) }, () => sourceForm);
    this.endpoints = new DefinitionsState({ list: () => api.routes.listEndpoints(), put: (endpoint) => api.routes.putEndpoint(endpoint), remove: (name) => api.routes.deleteEndpoint(name) }, () => endpointForm);
    this.routes = new DefinitionsState(
      { list: () => api.routes.list(), put: (route) => api.routes.put(route.id, { endpointName: route.endpointName, filter: route.filter }), remove: (id) => api.routes.delete(id) },
      () => routeForm(this.endpoints.items.map((endpoint) => endpoint.name)),
    );
    this.bindings = new DefinitionsState({ list: () => api.ingest.listBindings(), put: (binding) => api.ingest.putBinding(binding), remove: (id) => api.ingest.deleteBinding(id) }, () => bindingForm);
    this.rules = new DefinitionsState({ list: () => api.rules.list(), put: (rule) => api.rules.put(rule), remove: (id) => api.rules.delete(id) }, () => ruleForm(this.modelIds));
  }

  private take(readings: readonly TelemetryReading[]): void {
    for (const reading of readings) {
      const key = `${reading.twinId}\u0000${reading.component ?? ''}\u0000${reading.name}`;
      if (this.streams.size < maxStreams || this.streams.has(key)) this.streams.set(key, reading);
    }
    const now = Date.now();
    this.received = [...this.received.filter((entry) => now - entry.time < 10_000), { time: now, count: readings.length }];
    this.perSecond = this.received.reduce((sum, entry) => sum + entry.count, 0) / 10;
    this.latest = [...this.streams.values()];
  }

  /** Fetches the counters: synthetic devices, sources, rules and routes. */
  async refresh(): Promise<void> {
    try {
      [this.status, this.sources, this.rulesStatus, this.deliveries] = await Promise.all([this.api.ingest.status(), this.api.ingest.sources(), this.api.rules.status(), this.api.routes.deliveries()]);
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** Loads every list the forms edit, and the model ids they offer. */
  async loadDefinitions(): Promise<void> {
    await Promise.all([this.sourceDefinitions.load(), this.endpoints.load(), this.routes.load(), this.bindings.load(), this.rules.load(), this.loadModelIds()]);
  }

  private async loadModelIds(): Promise<void> {
    try {
      this.modelIds = (await this.api.models.list()).map((model) => model.id).sort();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  async toggle(): Promise<void> {
    try {
      this.status = this.status?.running ? await this.api.ingest.stopSynthetic() : await this.api.ingest.startSynthetic();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** Starts or stops a device source; its counters show the outcome. */
  async toggleSource(name: string): Promise<void> {
    const running = this.sources.find((source) => source.name === name)?.running ?? false;
    this.switching = name;
    this.error = null;
    try {
      await (running ? this.api.ingest.stopSource(name) : this.api.ingest.startSource(name));
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.switching = null;
      await this.refresh();
    }
  }

  /** Creates bindings for the twins that observe others, keeping those that exist. */
  async generateBindings(): Promise<string> {
    try {
      const result = await this.api.ingest.generateBindings();
      await this.bindings.load();
      return `${result.created.length} bindings created, ${result.kept.length} kept as they were.`;
    } catch (error) {
      return describeError(error);
    }
  }
}
