import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi } from '../../../engine';
import { AdtRequestError, adtError } from './adt-errors';
import { send } from './http-io';
import { jobRoutes } from './jobs-routes';
import { adtRoutes, type Route } from './routes';

/** The api-versions of ADT's data plane this server speaks. */
export const adtApiVersions = ['2023-10-31', '2022-05-31'] as const;

const routes: readonly Route[] = [...adtRoutes, ...jobRoutes];

/** Paths that belong to the ADT data-plane API rather than to the app. */
export function isAdtPath(pathname: string): boolean {
  return /^\/(models|digitaltwins|query|jobs|eventroutes)(\/|$)/.test(pathname);
}

function decode(params: Record<string, string> | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      throw new AdtRequestError(400, 'BadRequest', `The path segment ${JSON.stringify(value)} is not valid percent-encoding.`);
    }
  }
  return decoded;
}

/** Answers one ADT REST request: api-version, routing, the engine call, and ADT's error shapes. */
export async function handleAdtRequest(api: EngineApi, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  try {
    const version = url.searchParams.get('api-version');
    if (version === null) throw new AdtRequestError(400, 'MissingApiVersionParameter', `The api-version query parameter is required; use one of ${adtApiVersions.join(', ')}.`);
    if (!(adtApiVersions as readonly string[]).includes(version)) {
      throw new AdtRequestError(400, 'InvalidApiVersionParameter', `The api-version ${version} is not supported; use one of ${adtApiVersions.join(', ')}.`);
    }
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const candidates = routes.filter((route) => route.pattern.test(path));
    const route = candidates.find((candidate) => candidate.method === request.method);
    if (!route) {
      if (candidates.length > 0) throw new AdtRequestError(405, 'MethodNotAllowed', `${request.method} is not allowed on ${path}.`);
      throw new AdtRequestError(404, 'NotFound', `There is no ADT route ${request.method} ${path}.`);
    }
    const params = decode(route.pattern.exec(path)?.groups);
    await route.handle({ request, response, url, params, api });
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof AdtRequestError) send(response, error.status, { error: { code: error.code, message: error.message } });
    else {
      const { status, body } = adtError(error);
      send(response, status, body);
    }
  }
}
