import type { Database } from 'better-sqlite3';
import type { AccessPolicy, AccessSettings, GraphEvent, Principal } from '../../../src-shared/contract';
import { entriesFor } from './decide';
import { TokenStore, type StoredToken } from './token-store';
import { TwinAccess } from './twin-access';
import { VisibleGraph } from './visible-graph';

/** What the workspace keeps for access: tokens (hashed), policies and settings. */
export interface AccessData {
  readonly tokens?: readonly StoredToken[];
  readonly policies?: readonly AccessPolicy[];
  readonly anonymousLoopback?: boolean;
}

/** Where AccessControl reads and writes its data (the workspace settings, inside the write queue). */
export interface AccessDataStore {
  get(): AccessData;
  update(change: (data: AccessData) => AccessData): Promise<void>;
}

/** A principal's access: single-twin decisions and, for queries, a connection that sees only its twins. */
export class PrincipalAccess {
  private graph: VisibleGraph | null = null;

  constructor(
    readonly principal: Principal,
    readonly twins: TwinAccess,
    private readonly generation: () => number,
    private readonly openConnection: () => Database,
    private readonly mainDb: Database,
  ) {}

  /** The database queries of this principal run on: the main one when it may read every twin. */
  queryDatabase(): Database {
    const generation = this.generation();
    const ids = this.twins.visibleIds(generation);
    if (ids === 'all') return this.mainDb;
    this.graph ??= new VisibleGraph(this.openConnection());
    return this.graph.load(generation, ids);
  }

  /** The twins this principal may read (`all` when nothing narrows it). */
  visibleIds(): ReadonlySet<string> | 'all' {
    return this.twins.visibleIds(this.generation());
  }

  close(): void {
    this.graph?.close();
    this.graph = null;
  }
}

const structural = new Set<GraphEvent['type']>([
  'Microsoft.DigitalTwins.Twin.Create',
  'Microsoft.DigitalTwins.Twin.Delete',
  'Microsoft.DigitalTwins.Relationship.Create',
  'Microsoft.DigitalTwins.Relationship.Delete',
]);

function changesModel(event: GraphEvent): boolean {
  const patch = (event.data as { patch?: readonly { path?: string }[] } | null)?.patch;
  return Array.isArray(patch) && patch.some((op) => op.path === '/$metadata/$model');
}

/**
 * Tokens, policies and per-principal views of one workspace. The generation advances when
 * the graph's structure (twins, relationships, a twin's model) or the policies change, so
 * cached visible sets are rebuilt only then.
 */
export class AccessControl {
  readonly tokens: TokenStore;
  private generationNumber = 0;
  private readonly principals = new Map<string, PrincipalAccess>();

  constructor(
    private readonly data: AccessDataStore,
    private readonly db: Database,
    private readonly openConnection: () => Database,
  ) {
    this.tokens = new TokenStore(
      () => data.get().tokens ?? [],
      (tokens) => data.update((current) => ({ ...current, tokens })),
    );
  }

  get generation(): number {
    return this.generationNumber;
  }

  policies(): readonly AccessPolicy[] {
    return this.data.get().policies ?? [];
  }

  settings(): AccessSettings {
    return { anonymousLoopback: this.data.get().anonymousLoopback ?? true };
  }

  async updateSettings(change: Partial<AccessSettings>): Promise<AccessSettings> {
    await this.data.update((current) => ({ ...current, ...(change.anonymousLoopback === undefined ? {} : { anonymousLoopback: change.anonymousLoopback }) }));
    return this.settings();
  }

  async putPolicy(policy: AccessPolicy): Promise<void> {
    await this.data.update((current) => ({ ...current, policies: [...(current.policies ?? []).filter((p) => p.id !== policy.id), policy] }));
    this.policiesChanged();
  }

  async deletePolicy(id: string): Promise<boolean> {
    const exists = this.policies().some((policy) => policy.id === id);
    if (exists) await this.data.update((current) => ({ ...current, policies: (current.policies ?? []).filter((policy) => policy.id !== id) }));
    this.policiesChanged();
    return exists;
  }

  /** The access of a principal (not the owner), cached until policies change. */
  forPrincipal(principal: Principal): PrincipalAccess {
    const key = `${principal.subject}\u0000${[...principal.groups].sort().join('\u0000')}`;
    let access = this.principals.get(key);
    if (!access) {
      const twins = new TwinAccess(this.db, entriesFor(this.policies(), principal.subject, principal.groups));
      access = new PrincipalAccess(principal, twins, () => this.generationNumber, this.openConnection, this.db);
      this.principals.set(key, access);
    }
    return access;
  }

  /** Feeds graph events in, so structure changes start a new generation. */
  observe(events: readonly GraphEvent[]): void {
    if (events.some((event) => structural.has(event.type) || changesModel(event))) this.generationNumber++;
  }

  private policiesChanged(): void {
    this.generationNumber++;
    for (const access of this.principals.values()) access.close();
    this.principals.clear();
  }

  close(): void {
    for (const access of this.principals.values()) access.close();
    this.principals.clear();
  }
}
