import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { EngineError, ErrorCode, ownerPrincipal, type Engine, type Principal } from '../../engine';

/** True for host names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/** What the server needs of an engine to decide who is calling. */
export type Gatekeeper = Pick<Engine, 'authenticate' | 'scoped' | 'accessState'>;

/** Refuses to expose a workspace beyond this machine unless every client must present a token. */
export function checkBindAllowed(host: string, adminSecret: string | undefined, usableTokens: boolean): void {
  if (isLoopbackHost(host) || adminSecret || usableTokens) return;
  throw new EngineError(
    ErrorCode.InvalidArgument,
    `Refusing to listen on ${host} without tokens: anyone who can reach this machine could read and change the workspace. Create tokens with \`twinbench token create --subject <name>\` or pass --token <secret>, or listen on 127.0.0.1.`,
    { host },
  );
}

/**
 * Who a request comes from. A presented token must be valid (the server's admin secret, or a
 * workspace token); without one, the caller is the owner only on a loopback server without
 * an admin secret whose workspace allows anonymous loopback clients (the desktop default).
 */
export async function principalOf(engine: Gatekeeper, presented: string | null, options: { readonly loopback: boolean; readonly adminSecret?: string }): Promise<Principal> {
  if (presented !== null && presented !== '') {
    if (options.adminSecret && tokenMatches(options.adminSecret, presented)) return ownerPrincipal;
    return engine.authenticate(presented);
  }
  if (options.loopback && !options.adminSecret && (await engine.accessState()).anonymousLoopback) return ownerPrincipal;
  throw new EngineError(ErrorCode.Unauthorized, 'This server needs a bearer token: send Authorization: Bearer <token> (create one with `twinbench token create --subject <name>`).');
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
