import type { Event } from './event';

/** Where routed events go: an HTTP endpoint (a webhook), a file of NDJSON lines, or an MQTT broker. */
export type EndpointDefinition =
  | { readonly name: string; readonly type: 'webhook'; readonly url: string; readonly headers?: Readonly<Record<string, string>> }
  | { readonly name: string; readonly type: 'file'; readonly path: string }
  | {
      readonly name: string;
      readonly type: 'mqtt';
      /** `mqtt://host:port` (or `mqtts://`). */
      readonly url: string;
      /** The topic each event is published to; `{type}`, `{subject}` and `{source}` are replaced by the event's fields. */
      readonly topic: string;
      readonly qos?: 0 | 1;
      readonly username?: string;
      readonly password?: string;
    };

/** An event route, as ADT has them: events matching `filter` go to the endpoint. */
export interface EventRoute {
  readonly id: string;
  readonly endpointName: string;
  /** ADT's route filter language; `true` routes everything. */
  readonly filter: string;
}

/** How one route has delivered since the engine started. */
export interface RouteDelivery {
  readonly routeId: string;
  readonly endpointName: string;
  /** Events its endpoint took. */
  readonly delivered: number;
  /** Events its endpoint refused after every retry, written to `deadletters/<endpoint>.ndjson`. */
  readonly deadLettered: number;
  /** When the endpoint last took an event. */
  readonly lastDelivered?: string;
  /** The newest failure. */
  readonly lastFailure?: RouteFailure;
}

/** An event a route's endpoint could not take after its retries: it went to the dead-letter file. */
export interface RouteFailure {
  readonly time: string;
  readonly routeId: string;
  readonly endpointName: string;
  /** Why the endpoint refused it (the last attempt's error). */
  readonly error: string;
  /** The CloudEvent's type and subject. */
  readonly eventType: string;
  readonly subject?: string;
  /** The file the event was written to, relative to the workspace folder. */
  readonly deadLetterFile: string;
}

export interface RoutesService {
  listEndpoints(): Promise<EndpointDefinition[]>;
  /** Adds or replaces an endpoint. */
  putEndpoint(endpoint: EndpointDefinition): Promise<EndpointDefinition>;
  /** Deletes an endpoint; refused with Conflict while a route uses it. */
  deleteEndpoint(name: string): Promise<void>;
  list(): Promise<EventRoute[]>;
  get(id: string): Promise<EventRoute>;
  /** Adds or replaces a route; the filter is checked and the endpoint must exist. */
  put(id: string, route: { readonly endpointName: string; readonly filter?: string }): Promise<EventRoute>;
  delete(id: string): Promise<void>;
  /** Each route's deliveries and failures since the engine started. */
  deliveries(): Promise<RouteDelivery[]>;
  /** An event was dead-lettered: its endpoint refused it after every retry. */
  onDidFail: Event<RouteFailure>;
}
