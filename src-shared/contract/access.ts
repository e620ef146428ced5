/** What a policy entry can grant or revoke. */
export type Permission = 'read' | 'write' | 'delete' | 'telemetry' | 'query' | 'analytics' | 'admin';

/** Every permission, in the order the docs list them. */
export const permissions: readonly Permission[] = ['read', 'write', 'delete', 'telemetry', 'query', 'analytics', 'admin'];

/**
 * The twins (and, with `path`, the part of each twin) an entry applies to:
 * - `workspace`: every twin, and the workspace-wide permissions (query, analytics, admin);
 * - `model`: twins of the model or of a model extending it;
 * - `subtree`: the root twin and every twin reachable from it along the named relationships;
 * - `twin`: one twin.
 * `path` narrows an entry to a property (`/temperature`, `/thermostat/setpoint`).
 */
export type PolicyResource =
  | { readonly kind: 'workspace'; readonly path?: string }
  | { readonly kind: 'model'; readonly model: string; readonly path?: string }
  | { readonly kind: 'subtree'; readonly root: string; readonly relationships: readonly string[]; readonly path?: string }
  | { readonly kind: 'twin'; readonly id: string; readonly path?: string };

/** One entry of a policy: permissions granted and revoked on a resource. */
export interface PolicyEntry {
  readonly resource: PolicyResource;
  readonly grant?: readonly Permission[];
  readonly revoke?: readonly Permission[];
}

/**
 * An access policy: who (`subjects`: a token subject, `group:<name>`, or `*` for every
 * authenticated subject) may do what (`entries`). The most specific entry that speaks of a
 * permission decides; at equal specificity a revoke beats a grant.
 */
export interface AccessPolicy {
  readonly id: string;
  readonly description?: string;
  readonly subjects: readonly string[];
  readonly entries: readonly PolicyEntry[];
}

/** Who is calling: the workspace's owner (every permission), or a token's subject and groups. */
export interface Principal {
  readonly subject: string;
  readonly groups: readonly string[];
  /** The owner is not bound by policies (the desktop app, loopback when the workspace allows it, the server's admin secret). */
  readonly owner: boolean;
  /** The token the principal presented: every later call checks it is still neither revoked nor expired. */
  readonly tokenId?: string;
}

/** A token as listed: never its secret. */
export interface TokenInfo {
  readonly id: string;
  readonly subject: string;
  readonly groups: readonly string[];
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly revokedAt?: string;
}

/** A token just created: the only time its secret is shown. */
export interface CreatedToken extends TokenInfo {
  readonly token: string;
}

/** What a check decided, and which entry decided it. */
export interface AccessDecision {
  readonly allowed: boolean;
  readonly decidedBy?: { readonly policy: string; readonly entry: number; readonly effect: 'grant' | 'revoke' };
}

/** Workspace-wide access settings. */
export interface AccessSettings {
  /** Whether a client on this machine may connect without a token (the desktop default: true). */
  readonly anonymousLoopback: boolean;
}

export interface AccessService {
  /** The calling principal and its workspace-wide permissions. */
  whoami(): Promise<Principal & { readonly permissions: readonly Permission[] }>;
  /** Creates a bearer token for a subject; `expiresAt` is an ISO time. The secret is returned once. */
  createToken(request: { readonly subject: string; readonly groups?: readonly string[]; readonly expiresAt?: string }): Promise<CreatedToken>;
  listTokens(): Promise<TokenInfo[]>;
  /** Revokes a token at once; it stays listed as revoked. */
  revokeToken(id: string): Promise<TokenInfo>;
  listPolicies(): Promise<AccessPolicy[]>;
  getPolicy(id: string): Promise<AccessPolicy>;
  /** Adds or replaces a policy, validated (known permissions, models that exist, well-formed paths). */
  putPolicy(policy: AccessPolicy): Promise<AccessPolicy>;
  deletePolicy(id: string): Promise<void>;
  /** Decides whether a subject may do something to a twin (a property of it with `path`), naming the deciding entry. */
  check(request: { readonly subject: string; readonly groups?: readonly string[]; readonly permission: Permission; readonly twinId?: string; readonly path?: string }): Promise<AccessDecision>;
  settings(): Promise<AccessSettings>;
  updateSettings(settings: Partial<AccessSettings>): Promise<AccessSettings>;
}
