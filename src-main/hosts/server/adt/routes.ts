import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi } from '../../../engine';
import { AdtRequestError } from './adt-errors';
import { conditionsOf, pageSizeOf, readJson, requirePatchContentType, send } from './http-io';
import { page } from './paging';

/** What a route handler gets: the request, its parsed URL and path parameters, the engine. */
export interface RouteContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly api: EngineApi;
}

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: (context: RouteContext) => Promise<void>;
}

const segment = '([^/]+)';
const route = (method: string, path: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`^${path.replace(/:(\w+)/g, (_, name: string) => `(?<${name}>${segment.slice(1, -1)})`)}$`),
  handle,
});

const etagHeader = (etag: string) => ({ etag });
const flag = (url: URL, name: string) => url.searchParams.get(name)?.toLowerCase() === 'true';

function decommissionPatch(body: unknown): boolean {
  const operations = Array.isArray(body) ? body : [];
  const ok = operations.length === 1 && ['replace', 'add'].includes(String(operations[0]?.op)) && operations[0]?.path === '/decommissioned' && operations[0]?.value === true;
  if (!ok) throw new AdtRequestError(400, 'BadRequest', 'A model can only be patched with [{ "op": "replace", "path": "/decommissioned", "value": true }].');
  return true;
}

/** ADT's telemetry headers: a required Message-Id and an optional Telemetry-Source-Time. */
function telemetryOptions(request: IncomingMessage): { messageId: string; sourceTime?: string } {
  const messageId = request.headers['message-id'];
  if (typeof messageId !== 'string' || messageId === '') throw new AdtRequestError(400, 'BadRequest', 'Telemetry needs a Message-Id header.');
  const sourceTime = request.headers['telemetry-source-time'];
  return { messageId, ...(typeof sourceTime === 'string' ? { sourceTime } : {}) };
}

/** A telemetry body; SDKs given the payload as JSON text send it as a JSON string, which is unwrapped. */
function telemetryPayload(body: unknown): Record<string, unknown> {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw new AdtRequestError(400, 'BadRequest', 'The telemetry body is a string that is not JSON; send a JSON object of name → value.');
    }
  }
  return body as Record<string, unknown>;
}

/** ADT's data-plane routes, each a thin translation to one EngineApi call. */
export const adtRoutes: readonly Route[] = [
  route('GET', '/models', async ({ request, response, url, api }) => {
    const dependenciesFor = url.searchParams.getAll('dependenciesFor').flatMap((value) => value.split(',')).filter(Boolean);
    const models = await api.models.list({ dependenciesFor: dependenciesFor.length ? dependenciesFor : undefined, includeModelDefinition: flag(url, 'includeModelDefinition') });
    send(response, 200, page(request, url, models, pageSizeOf(request, 100, 1000)));
  }),
  route('POST', '/models', async ({ request, response, api }) => {
    const body = await readJson(request);
    if (!Array.isArray(body)) throw new AdtRequestError(400, 'BadRequest', 'POST /models takes a JSON array of DTDL interfaces.');
    const added = await api.models.add(body.map((model, i) => ({ name: `model ${i + 1}`, text: JSON.stringify(model, null, 2) })));
    send(response, 201, added);
  }),
  route('GET', '/models/:id', async ({ response, url, params, api }) => {
    const include = flag(url, 'includeModelDefinition');
    const model = await api.models.get(params.id!);
    const { id, displayName, description, uploadTime, decommissioned } = model;
    send(response, 200, { id, displayName, description, uploadTime, decommissioned, ...(include ? { model: model.model } : {}) });
  }),
  route('PATCH', '/models/:id', async ({ request, response, params, api }) => {
    requirePatchContentType(request);
    decommissionPatch(await readJson(request));
    await api.models.decommission(params.id!);
    send(response, 204);
  }),
  route('DELETE', '/models/:id', async ({ response, params, api }) => {
    await api.models.delete(params.id!);
    send(response, 204);
  }),
  route('GET', '/digitaltwins/:id', async ({ response, params, api }) => {
    const twin = await api.twins.get(params.id!);
    send(response, 200, twin, etagHeader(twin.$etag));
  }),
  route('PUT', '/digitaltwins/:id', async ({ request, response, params, api }) => {
    const twin = await api.twins.upsert(params.id!, (await readJson(request)) as Record<string, unknown>, conditionsOf(request));
    send(response, 200, twin, etagHeader(twin.$etag));
  }),
  route('PATCH', '/digitaltwins/:id', async ({ request, response, params, api }) => {
    requirePatchContentType(request);
    const twin = await api.twins.update(params.id!, (await readJson(request)) as never, conditionsOf(request));
    send(response, 204, undefined, etagHeader(twin.$etag));
  }),
  route('DELETE', '/digitaltwins/:id', async ({ request, response, params, api }) => {
    await api.twins.delete(params.id!, conditionsOf(request));
    send(response, 204);
  }),
  route('GET', '/digitaltwins/:id/components/:component', async ({ response, params, api }) => {
    const [component, twin] = await Promise.all([api.twins.getComponent(params.id!, params.component!), api.twins.get(params.id!)]);
    send(response, 200, component, etagHeader(twin.$etag));
  }),
  route('PATCH', '/digitaltwins/:id/components/:component', async ({ request, response, params, api }) => {
    requirePatchContentType(request);
    const twin = await api.twins.updateComponent(params.id!, params.component!, (await readJson(request)) as never, conditionsOf(request));
    send(response, 204, undefined, etagHeader(twin.$etag));
  }),
  route('GET', '/digitaltwins/:id/relationships', async ({ request, response, url, params, api }) => {
    const relationships = await api.relationships.list(params.id!, { relationshipName: url.searchParams.get('relationshipName') ?? undefined });
    send(response, 200, page(request, url, relationships, pageSizeOf(request, 1000, 1000)));
  }),
  route('GET', '/digitaltwins/:id/incomingrelationships', async ({ request, response, url, params, api }) => {
    send(response, 200, page(request, url, await api.relationships.listIncoming(params.id!), pageSizeOf(request, 1000, 1000)));
  }),
  route('GET', '/digitaltwins/:id/relationships/:relationship', async ({ response, params, api }) => {
    const relationship = await api.relationships.get(params.id!, params.relationship!);
    send(response, 200, relationship, etagHeader(relationship.$etag));
  }),
  route('PUT', '/digitaltwins/:id/relationships/:relationship', async ({ request, response, params, api }) => {
    const relationship = await api.relationships.upsert(params.id!, params.relationship!, (await readJson(request)) as Record<string, unknown>, conditionsOf(request));
    send(response, 200, relationship, etagHeader(relationship.$etag));
  }),
  route('PATCH', '/digitaltwins/:id/relationships/:relationship', async ({ request, response, params, api }) => {
    requirePatchContentType(request);
    const relationship = await api.relationships.update(params.id!, params.relationship!, (await readJson(request)) as never, conditionsOf(request));
    send(response, 204, undefined, etagHeader(relationship.$etag));
  }),
  route('DELETE', '/digitaltwins/:id/relationships/:relationship', async ({ request, response, params, api }) => {
    await api.relationships.delete(params.id!, params.relationship!, conditionsOf(request));
    send(response, 204);
  }),
  route('POST', '/digitaltwins/:id/telemetry', async ({ request, response, params, api }) => {
    await api.telemetry.publish(params.id!, telemetryPayload(await readJson(request)), telemetryOptions(request));
    send(response, 204);
  }),
  route('POST', '/digitaltwins/:id/components/:component/telemetry', async ({ request, response, params, api }) => {
    await api.telemetry.publish(params.id!, telemetryPayload(await readJson(request)), { ...telemetryOptions(request), component: params.component! });
    send(response, 204);
  }),
  route('GET', '/eventroutes', async ({ request, response, url, api }) => {
    send(response, 200, page(request, url, await api.routes.list(), pageSizeOf(request, 100, 1000)));
  }),
  route('GET', '/eventroutes/:id', async ({ response, params, api }) => {
    send(response, 200, await api.routes.get(params.id!));
  }),
  route('PUT', '/eventroutes/:id', async ({ request, response, params, api }) => {
    const body = (await readJson(request)) as { endpointName?: unknown; filter?: unknown };
    await api.routes.put(params.id!, { endpointName: String(body?.endpointName ?? ''), filter: typeof body?.filter === 'string' ? body.filter : undefined });
    send(response, 204);
  }),
  route('DELETE', '/eventroutes/:id', async ({ response, params, api }) => {
    await api.routes.delete(params.id!);
    send(response, 204);
  }),
  route('POST', '/query', async ({ request, response, api }) => {
    const body = (await readJson(request)) as { query?: unknown; continuationToken?: unknown };
    if (typeof body !== 'object' || body === null || (typeof body.query !== 'string' && typeof body.continuationToken !== 'string')) {
      throw new AdtRequestError(400, 'BadRequest', 'POST /query takes { "query": "<text>" } or { "continuationToken": "<token>" }.');
    }
    const result = await api.query.run(typeof body.query === 'string' ? body.query : '', {
      strict: true,
      pageSize: pageSizeOf(request, 100, 1000),
      continuationToken: typeof body.continuationToken === 'string' ? body.continuationToken : undefined,
    });
    // ADT bills a query in units; locally every page costs one unit per row, at least one.
    send(response, 200, { value: result.items, continuationToken: result.continuationToken ?? null }, { 'query-charge': String(Math.max(1, result.items.length)) });
  }),
];
