import type { AccessDecision, AccessPolicy, Permission, PolicyEntry, PolicyResource } from '../../../src-shared/contract';

/** A policy entry that applies to the caller, with where it came from. */
export interface ApplicableEntry {
  readonly policy: string;
  readonly index: number;
  readonly entry: PolicyEntry;
  /** The entry's property path as segments ([] for the whole twin). */
  readonly path: readonly string[];
}

/** What is known of a twin when deciding: its id, its model and the models it extends, the subtrees it is in. */
export interface TwinFacts {
  readonly id: string;
  readonly models: ReadonlySet<string>;
  /** Whether the twin is in the subtree an entry names (asked only for subtree entries). */
  inSubtree(resource: Extract<PolicyResource, { kind: 'subtree' }>): boolean;
}

const levelOf: Record<PolicyResource['kind'], number> = { workspace: 0, model: 1, subtree: 2, twin: 3 };

/** Splits a JSON Pointer into unescaped segments (`/a~1b/c` → [`a/b`, `c`]). */
export function pointerSegments(path: string | undefined): string[] {
  if (path === undefined || path === '' || path === '/') return [];
  return path.slice(1).split('/').map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The entries of the policies that name the subject, one of its groups, or `*`. */
export function entriesFor(policies: readonly AccessPolicy[], subject: string, groups: readonly string[]): ApplicableEntry[] {
  const names = new Set([subject, '*', ...groups.map((group) => `group:${group}`)]);
  const entries: ApplicableEntry[] = [];
  for (const policy of policies) {
    if (!policy.subjects.some((name) => names.has(name))) continue;
    policy.entries.forEach((entry, index) => entries.push({ policy: policy.id, index, entry, path: pointerSegments(entry.resource.path) }));
  }
  return entries;
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

function resourceCovers(resource: PolicyResource, twin: TwinFacts | null): boolean {
  switch (resource.kind) {
    case 'workspace':
      return true;
    case 'model':
      return twin !== null && twin.models.has(resource.model);
    case 'subtree':
      return twin !== null && twin.inSubtree(resource);
    case 'twin':
      return twin !== null && twin.id === resource.id;
  }
}

/**
 * Decides one permission. Among the entries that cover the twin (or, without a twin, the
 * workspace) and the property path and that grant or revoke the permission, the most
 * specific decides: a deeper property path first, then twin over subtree over model over
 * workspace; at equal specificity a revoke beats a grant. Nothing that speaks of it: denied.
 */
export function decide(entries: readonly ApplicableEntry[], permission: Permission, twin: TwinFacts | null, path: readonly string[] = []): AccessDecision {
  let best: { key: number; effect: 'grant' | 'revoke'; from: ApplicableEntry } | null = null;
  for (const candidate of entries) {
    const { entry } = candidate;
    const grants = entry.grant?.includes(permission) ?? false;
    const revokes = entry.revoke?.includes(permission) ?? false;
    if (!grants && !revokes) continue;
    if (!isPrefix(candidate.path, path)) continue;
    if (twin === null && entry.resource.kind !== 'workspace') continue;
    if (!resourceCovers(entry.resource, twin)) continue;
    const key = candidate.path.length * 10 + levelOf[entry.resource.kind];
    const effect = revokes ? 'revoke' : 'grant';
    if (!best || key > best.key || (key === best.key && effect === 'revoke' && best.effect === 'grant')) best = { key, effect, from: candidate };
  }
  if (!best) return { allowed: false };
  return { allowed: best.effect === 'grant', decidedBy: { policy: best.from.policy, entry: best.from.index, effect: best.effect } };
}

/**
 * The property paths of a twin the caller may not `permission` although the twin as a whole
 * is allowed: the deepest path entries that end in a revoke.
 */
export function revokedPaths(entries: readonly ApplicableEntry[], permission: Permission, twin: TwinFacts): string[][] {
  const paths = new Map<string, readonly string[]>();
  for (const candidate of entries) {
    if (candidate.path.length === 0) continue;
    if (!(candidate.entry.revoke?.includes(permission) || candidate.entry.grant?.includes(permission))) continue;
    if (resourceCovers(candidate.entry.resource, twin)) paths.set(candidate.path.join('\u0000'), candidate.path);
  }
  const revoked: string[][] = [];
  for (const path of paths.values()) {
    if (decide(entries, permission, twin, path).allowed) continue;
    // A path under one already revoked adds nothing.
    if (revoked.some((outer) => isPrefix(outer, path))) continue;
    revoked.push([...path]);
  }
  return revoked;
}

/** Whether any entry narrows `permission` to part of a twin (then reads must be filtered property by property). */
export function hasPathEntries(entries: readonly ApplicableEntry[], permission: Permission): boolean {
  return entries.some((candidate) => candidate.path.length > 0 && (candidate.entry.revoke?.includes(permission) || candidate.entry.grant?.includes(permission)));
}
