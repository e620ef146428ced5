import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EndpointDefinition, EventRoute, GraphEvent, RouteDelivery, RouteFailure } from '../../../src-shared/contract';
import type { OutboxSubscriber } from '../graph/outbox-drainer';
import { Emitter } from '../util/emitter';
import { openEndpoint, type Endpoint, type EndpointOptions, type RoutedEvent } from './endpoints/endpoint';
import { compileRouteFilter, type RouteFilterPredicate } from './filter';

interface ActiveRoute {
  readonly route: EventRoute;
  readonly matches: RouteFilterPredicate;
}

/** A route's counters (kept across reconfigurations, by route id, while the engine runs). */
interface Counters {
  delivered: number;
  deadLettered: number;
  lastDelivered?: Date;
  lastFailure?: RouteFailure;
}

/** The event as an endpoint sees it: ADT's CloudEvent, without the outbox's own number. */
function routed(event: GraphEvent): RoutedEvent {
  const { seq: _seq, ...cloudEvent } = event;
  return cloudEvent;
}

/**
 * Delivers the outbox's events to the endpoints of every route whose filter matches, in order.
 * Its position is kept by the drainer (at least once). An event an endpoint cannot take after
 * its retries goes to the endpoint's dead-letter file, `deadletters/<endpoint>.ndjson`, so one
 * broken endpoint never stops the others or loses the event.
 */
export class RouteDispatcher implements OutboxSubscriber {
  readonly name = 'routes';
  private routes: ActiveRoute[] = [];
  private endpoints = new Map<string, Endpoint>();
  private readonly counters = new Map<string, Counters>();
  private readonly failures = new Emitter<RouteFailure>();
  /** Fires for every event written to a dead-letter file. */
  readonly onDidFail = this.failures.event;

  constructor(
    private readonly options: EndpointOptions & { readonly deadLetterDir: string; readonly now: () => Date },
  ) {}

  /** Takes the current routes and endpoints (after any change to them). */
  configure(routes: readonly EventRoute[], endpoints: readonly EndpointDefinition[]): void {
    this.close();
    this.endpoints = new Map(endpoints.map((definition) => [definition.name, openEndpoint(definition, this.options)]));
    this.routes = routes.map((route) => ({ route, matches: compileRouteFilter(route.filter) }));
  }

  /** True when at least one route is configured, so callers can skip building events nobody takes. */
  hasRoutes(): boolean {
    return this.routes.length > 0;
  }

  /** Each configured route's deliveries and failures since the engine started. */
  deliveries(): RouteDelivery[] {
    return this.routes.map(({ route }) => {
      const counters = this.countersOf(route.id);
      return {
        routeId: route.id,
        endpointName: route.endpointName,
        delivered: counters.delivered,
        deadLettered: counters.deadLettered,
        ...(counters.lastDelivered ? { lastDelivered: counters.lastDelivered.toISOString() } : {}),
        ...(counters.lastFailure ? { lastFailure: counters.lastFailure } : {}),
      };
    });
  }

  private countersOf(routeId: string): Counters {
    let counters = this.counters.get(routeId);
    if (!counters) this.counters.set(routeId, (counters = { delivered: 0, deadLettered: 0 }));
    return counters;
  }

  /** Releases the endpoints' connections (before a reconfiguration, and when the engine closes). */
  close(): void {
    for (const endpoint of this.endpoints.values()) endpoint.close?.().catch(() => undefined);
    this.endpoints = new Map();
  }

  /** Without routes the outbox's events are skipped unread (a bulk import's backlog included). */
  active(): boolean {
    return this.routes.length > 0;
  }

  async handle(events: readonly GraphEvent[]): Promise<void> {
    if (this.routes.length === 0) return;
    for (const event of events) await this.route(routed(event));
  }

  /** Delivers one event to every route it matches (telemetry comes here directly, not through the outbox). */
  async route(event: RoutedEvent): Promise<void> {
    for (const { route, matches } of this.routes) {
      if (!matches(event)) continue;
      const endpoint = this.endpoints.get(route.endpointName);
      if (!endpoint) continue;
      const counters = this.countersOf(route.id);
      try {
        await endpoint.deliver(event);
        counters.delivered++;
        counters.lastDelivered = this.options.now();
      } catch (error) {
        await this.deadLetter(route, event, error, counters);
      }
    }
  }

  private async deadLetter(route: EventRoute, event: RoutedEvent, error: unknown, counters: Counters): Promise<void> {
    await mkdir(this.options.deadLetterDir, { recursive: true });
    const time = this.options.now().toISOString();
    const message = error instanceof Error ? error.message : String(error);
    const file = `${route.endpointName}.ndjson`;
    const line = { time, route: route.id, endpoint: route.endpointName, error: message, event };
    await appendFile(join(this.options.deadLetterDir, file), `${JSON.stringify(line)}\n`, 'utf8');
    const subject = typeof event.subject === 'string' ? { subject: event.subject } : {};
    const failure: RouteFailure = { time, routeId: route.id, endpointName: route.endpointName, error: message, eventType: String(event.type), ...subject, deadLetterFile: `deadletters/${file}` };
    counters.deadLettered++;
    counters.lastFailure = failure;
    this.failures.fire(failure);
  }
}
