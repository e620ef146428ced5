import type { IncomingMessage, ServerResponse } from 'node:http';
import { AdtRequestError } from './adt-errors';

/** Largest request body accepted, in bytes. */
export const maxBodyBytes = 32 * 1024 * 1024;

/** Reads a request body as JSON, refusing oversized or malformed bodies with ADT's errors. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new AdtRequestError(413, 'PayloadTooLarge', `The request body is larger than ${maxBodyBytes} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new AdtRequestError(400, 'BadRequest', 'The request needs a JSON body.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AdtRequestError(400, 'BadRequest', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
}

/** Sends a JSON response (or none for 204) with extra headers. */
export function send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

/** Requires a JSON Patch content type, as ADT does for PATCH. */
export function requirePatchContentType(request: IncomingMessage): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json-patch+json' && type !== 'application/json') {
    throw new AdtRequestError(415, 'UnsupportedMediaType', `A PATCH body must be application/json-patch+json; got ${type || 'no content type'}.`);
  }
}

/** Preconditions from the request's If-Match / If-None-Match headers. */
export function conditionsOf(request: IncomingMessage): { ifMatch?: string; ifNoneMatch?: '*' } {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') throw new AdtRequestError(400, 'BadRequest', 'If-None-Match accepts only "*".');
  return { ...(ifMatch ? { ifMatch } : {}), ...(ifNoneMatch === '*' ? { ifNoneMatch: '*' as const } : {}) };
}

/** The page size a client asks for in `max-items-per-page`, within 1..`limit`. */
export function pageSizeOf(request: IncomingMessage, fallback: number, limit: number): number {
  const raw = request.headers['max-items-per-page'];
  if (raw === undefined) return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) throw new AdtRequestError(400, 'BadRequest', 'max-items-per-page must be a positive whole number.');
  return Math.min(size, limit);
}
