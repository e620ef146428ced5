import { EngineError, ErrorCode, type EndpointDefinition, type Event, type EventRoute, type RouteDelivery, type RouteFailure, type RoutesService } from '../../../src-shared/contract';
import { parseRouteFilter } from '../events/filter';
import type { RouteDispatcher } from '../events/route-dispatcher';
import { atField } from '../util/at-field';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkName(value: unknown, what: string, field: string): string {
  if (typeof value !== 'string' || !namePattern.test(value)) {
    throw new EngineError(ErrorCode.InvalidArgument, `An ${what} is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.`, { [what]: value, field });
  }
  return value;
}

/** An InvalidArgument about one member of an endpoint. */
function invalidEndpoint(name: string, field: string, message: string): EngineError {
  return new EngineError(ErrorCode.InvalidArgument, `Endpoint ${name}: ${message}`, { field });
}

function checkEndpoint(endpoint: unknown): EndpointDefinition {
  const fields = (endpoint ?? {}) as Record<string, unknown>;
  const name = checkName(fields.name, 'endpoint name', 'name');
  if (fields.type === 'webhook') {
    let url: URL;
    try {
      url = new URL(String(fields.url));
    } catch {
      throw invalidEndpoint(name, 'url', '"url" must be an http or https address.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidEndpoint(name, 'url', '"url" must be an http or https address.');
    const headers = fields.headers ?? {};
    if (typeof headers !== 'object' || headers === null || Object.values(headers).some((value) => typeof value !== 'string')) {
      throw invalidEndpoint(name, 'headers', '"headers" must map names to strings.');
    }
    return { name, type: 'webhook', url: url.toString(), ...(Object.keys(headers).length ? { headers: headers as Record<string, string> } : {}) };
  }
  if (fields.type === 'file') {
    if (typeof fields.path !== 'string' || fields.path.trim() === '') throw invalidEndpoint(name, 'path', '"path" names the file to append events to.');
    return { name, type: 'file', path: fields.path };
  }
  if (fields.type === 'mqtt') {
    let url: URL;
    try {
      url = new URL(String(fields.url));
    } catch {
      throw invalidEndpoint(name, 'url', '"url" must be a broker address such as mqtt://localhost:1883.');
    }
    if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(url.protocol)) throw invalidEndpoint(name, 'url', '"url" must start with mqtt://, mqtts://, ws:// or wss://.');
    if (typeof fields.topic !== 'string' || fields.topic === '' || /[+#]/.test(fields.topic)) {
      throw invalidEndpoint(name, 'topic', '"topic" is the topic to publish to, without wildcards; {type}, {subject} and {source} are filled in from each event.');
    }
    if (fields.qos !== undefined && fields.qos !== 0 && fields.qos !== 1) throw invalidEndpoint(name, 'qos', '"qos" is 0 or 1.');
    const text = (key: string) => (typeof fields[key] === 'string' ? { [key]: fields[key] as string } : {});
    return { name, type: 'mqtt', url: url.toString(), topic: fields.topic, ...(fields.qos !== undefined ? { qos: fields.qos } : {}), ...text('username'), ...text('password') };
  }
  throw invalidEndpoint(name, 'type', '"type" must be "webhook", "file" or "mqtt".');
}

/** Event routes and their endpoints, kept in workspace.json and applied to delivery at once. */
export class LocalRoutesService implements RoutesService {
  readonly onDidFail: Event<RouteFailure>;

  constructor(
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
    private readonly dispatcher: RouteDispatcher,
  ) {
    this.onDidFail = dispatcher.onDidFail;
    this.apply();
  }

  async deliveries(): Promise<RouteDelivery[]> {
    return this.dispatcher.deliveries();
  }

  private apply(): void {
    const { routes = [], endpoints = [] } = this.settings.get();
    this.dispatcher.configure(routes, endpoints);
  }

  private async change(update: (routes: readonly EventRoute[], endpoints: readonly EndpointDefinition[]) => { routes: readonly EventRoute[]; endpoints: readonly EndpointDefinition[] }) {
    await this.writes.run(async () => {
      await this.settings.update((settings) => ({ ...settings, ...update(settings.routes ?? [], settings.endpoints ?? []) }));
      this.apply();
    });
  }

  async listEndpoints(): Promise<EndpointDefinition[]> {
    return [...(this.settings.get().endpoints ?? [])];
  }

  async putEndpoint(endpoint: EndpointDefinition): Promise<EndpointDefinition> {
    const checked = checkEndpoint(endpoint);
    await this.change((routes, endpoints) => ({ routes, endpoints: [...endpoints.filter((existing) => existing.name !== checked.name), checked] }));
    return checked;
  }

  async deleteEndpoint(name: string): Promise<void> {
    await this.change((routes, endpoints) => {
      if (!endpoints.some((endpoint) => endpoint.name === name)) throw new EngineError(ErrorCode.NotFound, `There is no endpoint ${name}.`, { name });
      const users = routes.filter((route) => route.endpointName === name).map((route) => route.id);
      if (users.length > 0) throw new EngineError(ErrorCode.Conflict, `Endpoint ${name} is used by the routes ${users.join(', ')}; delete them first.`, { name, routes: users });
      return { routes, endpoints: endpoints.filter((endpoint) => endpoint.name !== name) };
    });
  }

  async list(): Promise<EventRoute[]> {
    return [...(this.settings.get().routes ?? [])];
  }

  async get(id: string): Promise<EventRoute> {
    const route = this.settings.get().routes?.find((candidate) => candidate.id === id);
    if (!route) throw new EngineError(ErrorCode.NotFound, `There is no event route ${id}.`, { id });
    return route;
  }

  async put(id: string, input: { readonly endpointName: string; readonly filter?: string }): Promise<EventRoute> {
    const route: EventRoute = { id: checkName(id, 'route id', 'id'), endpointName: String(input?.endpointName), filter: input?.filter ?? 'true' };
    atField('filter', () => parseRouteFilter(route.filter));
    await this.change((routes, endpoints) => {
      if (!endpoints.some((endpoint) => endpoint.name === route.endpointName)) {
        throw new EngineError(ErrorCode.InvalidArgument, `Route ${id}: there is no endpoint ${route.endpointName}; add it first.`, { endpointName: route.endpointName, field: 'endpointName' });
      }
      return { routes: [...routes.filter((existing) => existing.id !== id), route], endpoints };
    });
    return route;
  }

  async delete(id: string): Promise<void> {
    await this.change((routes, endpoints) => {
      if (!routes.some((route) => route.id === id)) throw new EngineError(ErrorCode.NotFound, `There is no event route ${id}.`, { id });
      return { routes: routes.filter((route) => route.id !== id), endpoints };
    });
  }
}
