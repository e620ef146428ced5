import {
  EngineError,
  ErrorCode,
  permissions,
  type AccessDecision,
  type AccessPolicy,
  type AccessService,
  type AccessSettings,
  type CreatedToken,
  type Permission,
  type Principal,
  type TokenInfo,
} from '../../../src-shared/contract';
import type { AccessControl } from '../access/access-control';
import { decide, entriesFor, pointerSegments } from '../access/decide';
import { validatePolicy } from '../access/policy-validation';
import { TwinAccess } from '../access/twin-access';
import type { SerialQueue } from '../util/serial-queue';
import type { Database } from 'better-sqlite3';

/** The owner of the workspace: not bound by policies. */
export const ownerPrincipal: Principal = Object.freeze({ subject: 'owner', groups: [], owner: true });

/** Tokens, policies and checks, as one principal may use them: all but `whoami` need `admin` (the owner has it). */
export class LocalAccessService implements AccessService {
  constructor(
    private readonly principal: Principal,
    private readonly control: AccessControl,
    private readonly writes: SerialQueue,
    private readonly db: Database,
    private readonly modelExists: (id: string) => boolean,
  ) {}

  private permissionsOf(principal: Principal): Permission[] {
    if (principal.owner) return [...permissions];
    const twins = this.control.forPrincipal(principal).twins;
    return permissions.filter((permission) => twins.allowsWorkspace(permission));
  }

  private requireAdmin(what: string): void {
    if (this.principal.owner || this.control.forPrincipal(this.principal).twins.allowsWorkspace('admin')) return;
    throw new EngineError(ErrorCode.Forbidden, `${this.principal.subject} may not ${what}: that needs the "admin" permission on the workspace.`);
  }

  async whoami(): Promise<Principal & { readonly permissions: readonly Permission[] }> {
    return { ...this.principal, permissions: this.permissionsOf(this.principal) };
  }

  async createToken(request: { readonly subject: string; readonly groups?: readonly string[]; readonly expiresAt?: string }): Promise<CreatedToken> {
    this.requireAdmin('create tokens');
    return this.writes.run(() => this.control.tokens.create(request ?? { subject: '' }));
  }

  async listTokens(): Promise<TokenInfo[]> {
    this.requireAdmin('list tokens');
    return this.control.tokens.list();
  }

  async revokeToken(id: string): Promise<TokenInfo> {
    this.requireAdmin('revoke tokens');
    return this.writes.run(() => this.control.tokens.revoke(id));
  }

  async listPolicies(): Promise<AccessPolicy[]> {
    this.requireAdmin('list policies');
    return [...this.control.policies()];
  }

  async getPolicy(id: string): Promise<AccessPolicy> {
    this.requireAdmin('read policies');
    const policy = this.control.policies().find((candidate) => candidate.id === id);
    if (!policy) throw new EngineError(ErrorCode.NotFound, `There is no policy ${JSON.stringify(id)}.`, { id });
    return policy;
  }

  async putPolicy(policy: AccessPolicy): Promise<AccessPolicy> {
    this.requireAdmin('change policies');
    const valid = validatePolicy(policy, this.modelExists);
    await this.writes.run(() => this.control.putPolicy(valid));
    return valid;
  }

  async deletePolicy(id: string): Promise<void> {
    this.requireAdmin('change policies');
    const existed = await this.writes.run(() => this.control.deletePolicy(id));
    if (!existed) throw new EngineError(ErrorCode.NotFound, `There is no policy ${JSON.stringify(id)}.`, { id });
  }

  async check(request: { readonly subject: string; readonly groups?: readonly string[]; readonly permission: Permission; readonly twinId?: string; readonly path?: string }): Promise<AccessDecision> {
    this.requireAdmin('check other subjects\' access');
    if (!permissions.includes(request?.permission)) throw new EngineError(ErrorCode.InvalidArgument, `"permission" must be one of ${permissions.join(', ')}.`);
    const twins = new TwinAccess(this.db, entriesFor(this.control.policies(), request.subject, request.groups ?? []));
    if (request.twinId === undefined) return decide(twins.entries, request.permission, null);
    const facts = twins.facts(request.twinId);
    if (!facts) throw new EngineError(ErrorCode.TwinNotFound, `There is no twin ${request.twinId}.`, { id: request.twinId });
    return decide(twins.entries, request.permission, facts, pointerSegments(request.path));
  }

  async settings(): Promise<AccessSettings> {
    this.requireAdmin('read access settings');
    return this.control.settings();
  }

  async updateSettings(settings: Partial<AccessSettings>): Promise<AccessSettings> {
    this.requireAdmin('change access settings');
    if (settings?.anonymousLoopback !== undefined && typeof settings.anonymousLoopback !== 'boolean') throw new EngineError(ErrorCode.InvalidArgument, '"anonymousLoopback" must be true or false.');
    return this.writes.run(() => this.control.updateSettings(settings ?? {}));
  }
}
