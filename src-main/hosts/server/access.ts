import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { EngineError, ErrorCode } from '../../engine';

/** True for host names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/** Refuses to expose a workspace beyond this machine without a token. */
export function checkBindAllowed(host: string, token: string | undefined): void {
  if (isLoopbackHost(host) || token) return;
  throw new EngineError(
    ErrorCode.InvalidArgument,
    `Refusing to listen on ${host} without --token: anyone who can reach this machine could read and change the workspace. Pass --token <secret>, or listen on 127.0.0.1.`,
    { host },
  );
}

/** The token a request presents: `Authorization: Bearer …` or the `token` query parameter. */
export function presentedToken(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token');
}

/** Constant-time comparison, so a token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, presented: string | null): boolean {
  if (presented === null) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A browser page on another site must not drive the engine through the user's loopback
 * server: a WebSocket upgrade whose Origin is not this server's own is refused.
 */
export function originAllowed(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // Not a browser: SDKs and scripts send no Origin.
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
