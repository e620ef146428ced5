import type { AccessDecision, AccessPolicy, AccessSettings, CreatedToken, EngineApi, Permission, Principal, TokenInfo } from '../../src-shared/contract';
import { describeError } from './workspace.svelte';

/** A policy to start from: read and query over the whole workspace. */
export const policyTemplate = (id: string): AccessPolicy => ({
  id,
  description: 'What this group may do',
  subjects: ['group:example'],
  entries: [
    { resource: { kind: 'workspace' }, grant: ['query'] },
    { resource: { kind: 'subtree', root: 'building-1', relationships: ['contains'] }, grant: ['read'] },
  ],
});

/** The ISO time `days` from now. */
const expiryAfter = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

/** Tokens, policies and checks of the workspace, as the Access area shows them. */
export class AccessState {
  me = $state<(Principal & { readonly permissions: readonly Permission[] }) | null>(null);
  tokens = $state.raw<TokenInfo[]>([]);
  policies = $state.raw<AccessPolicy[]>([]);
  settings = $state<AccessSettings | null>(null);
  /** The token just created: its secret is shown once. */
  created = $state<CreatedToken | null>(null);
  decision = $state<AccessDecision | null>(null);
  error = $state<string | null>(null);
  policyError = $state<string | null>(null);

  constructor(private readonly api: EngineApi) {}

  get isAdmin(): boolean {
    return this.me?.permissions.includes('admin') ?? false;
  }

  async load(): Promise<void> {
    try {
      this.me = await this.api.access.whoami();
      if (!this.isAdmin) return;
      [this.tokens, this.policies, this.settings] = await Promise.all([this.api.access.listTokens(), this.api.access.listPolicies(), this.api.access.settings()]);
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }

  private async act(work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      this.error = null;
      await this.load();
      return true;
    } catch (error) {
      this.error = describeError(error);
      return false;
    }
  }

  createToken(subject: string, groups: string, days: number | null): Promise<boolean> {
    return this.act(async () => {
      this.created = await this.api.access.createToken({
        subject: subject.trim(),
        groups: groups.split(',').map((group) => group.trim()).filter(Boolean),
        ...(days ? { expiresAt: expiryAfter(days) } : {}),
      });
    });
  }

  revokeToken(id: string): Promise<boolean> {
    return this.act(async () => void (await this.api.access.revokeToken(id)));
  }

  /** Saves a policy from its JSON text; a parse or validation error stays beside the editor. */
  async savePolicy(text: string): Promise<boolean> {
    let policy: AccessPolicy;
    try {
      policy = JSON.parse(text) as AccessPolicy;
    } catch (error) {
      this.policyError = `Not valid JSON: ${(error as Error).message}`;
      return false;
    }
    try {
      await this.api.access.putPolicy(policy);
      this.policyError = null;
      await this.load();
      return true;
    } catch (error) {
      this.policyError = describeError(error);
      return false;
    }
  }

  deletePolicy(id: string): Promise<boolean> {
    return this.act(async () => void (await this.api.access.deletePolicy(id)));
  }

  setLoopback(open: boolean): Promise<boolean> {
    return this.act(async () => void (this.settings = await this.api.access.updateSettings({ anonymousLoopback: open })));
  }

  async check(request: { subject: string; groups: string; permission: Permission; twinId: string; path: string }): Promise<void> {
    try {
      this.decision = await this.api.access.check({
        subject: request.subject.trim(),
        permission: request.permission,
        groups: request.groups.split(',').map((group) => group.trim()).filter(Boolean),
        ...(request.twinId.trim() ? { twinId: request.twinId.trim() } : {}),
        ...(request.path.trim() ? { path: request.path.trim() } : {}),
      });
      this.error = null;
    } catch (error) {
      this.decision = null;
      this.error = describeError(error);
    }
  }
}
