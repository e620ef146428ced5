import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EngineError, ErrorCode, type CreatedToken, type Principal, type TokenInfo } from '../../../src-shared/contract';

/** A token as the workspace keeps it: the SHA-256 of its secret, never the secret. */
export interface StoredToken extends TokenInfo {
  readonly hash: string;
}

const prefix = 'tbk';
const tokenPattern = /^tbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const subjectPattern = /^[^\s:*][^\s]{0,127}$/;

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function publicInfo(token: StoredToken): TokenInfo {
  const { hash: _hash, ...info } = token;
  return info;
}

function unauthorized(message: string): EngineError {
  return new EngineError(ErrorCode.Unauthorized, message);
}

/** Issues and checks bearer tokens. Secrets are random 256-bit values; only their hashes are stored. */
export class TokenStore {
  constructor(
    private readonly load: () => readonly StoredToken[],
    private readonly save: (tokens: readonly StoredToken[]) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): TokenInfo[] {
    return this.load().map(publicInfo);
  }

  /** Creates a token; the secret is in the result and nowhere else. */
  async create(request: { readonly subject: string; readonly groups?: readonly string[]; readonly expiresAt?: string }): Promise<CreatedToken> {
    const subject = request.subject;
    if (typeof subject !== 'string' || !subjectPattern.test(subject)) {
      throw new EngineError(ErrorCode.InvalidArgument, 'A token subject is a name without spaces, ":" or "*" (up to 128 characters), such as "alice".', { subject });
    }
    const groups = request.groups ?? [];
    if (!Array.isArray(groups) || groups.some((group) => typeof group !== 'string' || !subjectPattern.test(group))) {
      throw new EngineError(ErrorCode.InvalidArgument, 'Groups are names without spaces, ":" or "*".', { groups });
    }
    let expiresAt: string | undefined;
    if (request.expiresAt !== undefined) {
      const time = new Date(request.expiresAt);
      if (typeof request.expiresAt !== 'string' || Number.isNaN(time.getTime())) throw new EngineError(ErrorCode.InvalidArgument, `The expiry ${JSON.stringify(request.expiresAt)} is not a date; give an ISO time such as 2027-01-31T00:00:00Z.`);
      if (time <= this.now()) throw new EngineError(ErrorCode.InvalidArgument, `The expiry ${time.toISOString()} is in the past.`);
      expiresAt = time.toISOString();
    }
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const stored: StoredToken = { id, subject, groups: [...new Set(groups)], createdAt: this.now().toISOString(), ...(expiresAt ? { expiresAt } : {}), hash: hashOf(secret) };
    await this.save([...this.load(), stored]);
    return { ...publicInfo(stored), token: `${prefix}_${id}_${secret}` };
  }

  async revoke(id: string): Promise<TokenInfo> {
    const tokens = this.load();
    const found = tokens.find((token) => token.id === id);
    if (!found) throw new EngineError(ErrorCode.NotFound, `There is no token ${JSON.stringify(id)}; \`twinbench token list\` shows the ids.`);
    if (found.revokedAt) return publicInfo(found);
    const revoked = { ...found, revokedAt: this.now().toISOString() };
    await this.save(tokens.map((token) => (token === found ? revoked : token)));
    return publicInfo(revoked);
  }

  /** The principal a presented secret stands for; Unauthorized (saying why) when it is malformed, unknown, expired or revoked. */
  authenticate(presented: string): Principal {
    const match = tokenPattern.exec(presented);
    if (!match) throw unauthorized('The bearer token is malformed: Twinbench tokens look like tbk_<id>_<secret>; create one with `twinbench token create`.');
    const token = this.load().find((candidate) => candidate.id === match[1]);
    const expected = Buffer.from(token?.hash ?? hashOf(''), 'hex');
    const actual = Buffer.from(hashOf(match[2]!), 'hex');
    // Compare in constant time even for an unknown id, so timings reveal nothing.
    if (!timingSafeEqual(expected, actual) || !token) throw unauthorized('The bearer token is not valid for this workspace.');
    this.checkUsable(token);
    return { subject: token.subject, groups: token.groups, owner: false, tokenId: token.id };
  }

  /** Unauthorized when the token (of an earlier authentication) has since been revoked, has expired or is gone. */
  requireActive(id: string): void {
    const token = this.load().find((candidate) => candidate.id === id);
    if (!token) throw unauthorized('The bearer token is no longer valid for this workspace.');
    this.checkUsable(token);
  }

  /** Whether the token is still usable (for filtering pushed events without throwing). */
  isActive(id: string): boolean {
    try {
      this.requireActive(id);
      return true;
    } catch {
      return false;
    }
  }

  private checkUsable(token: StoredToken): void {
    if (token.revokedAt) throw unauthorized(`The bearer token was revoked at ${token.revokedAt}.`);
    if (token.expiresAt && new Date(token.expiresAt) <= this.now()) throw unauthorized(`The bearer token expired at ${token.expiresAt}.`);
  }

  /** Whether any token could still be used: a server beyond loopback needs one. */
  hasUsable(): boolean {
    const now = this.now();
    return this.load().some((token) => !token.revokedAt && (!token.expiresAt || new Date(token.expiresAt) > now));
  }
}
