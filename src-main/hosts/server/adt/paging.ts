import type { IncomingMessage } from 'node:http';
import { AdtRequestError } from './adt-errors';

/** One page of a list ADT pages with `nextLink`, and the link to the next one. */
export function page<T>(request: IncomingMessage, url: URL, items: readonly T[], size: number): { value: T[]; nextLink: string | null } {
  const token = url.searchParams.get('continuationToken');
  let offset = 0;
  if (token !== null) {
    offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new AdtRequestError(400, 'BadRequest', 'The continuation token is not valid; start the list again without it.');
  }
  const value = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { value, nextLink: null };
  const next = new URL(url.toString());
  next.searchParams.set('continuationToken', Buffer.from(String(offset + size)).toString('base64url'));
  const scheme = (request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return { value, nextLink: `${scheme}://${request.headers.host ?? 'localhost'}${next.pathname}${next.search}` };
}
