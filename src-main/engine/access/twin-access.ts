import type { Database, Statement } from 'better-sqlite3';
import type { Permission, PolicyResource } from '../../../src-shared/contract';
import { decide, hasPathEntries, pointerSegments, revokedPaths, type ApplicableEntry, type TwinFacts } from './decide';

type SubtreeResource = Extract<PolicyResource, { kind: 'subtree' }>;

const subtreeKey = (resource: SubtreeResource) => `${resource.root}\u0000${[...resource.relationships].sort().join('\u0000')}`;

/**
 * One principal's view of the twins: decisions for single twins straight from the database
 * (exact at every moment), and the set of twins it may read for queries (cached per graph
 * generation: structure changes and policy changes start a new one).
 */
export class TwinAccess {
  private readonly modelOf: Statement;
  private readonly ancestorsOf: Statement;
  private readonly reachesRoot: Statement;
  private readonly targetOf: Statement;
  private readonly ancestorCache = new Map<string, ReadonlySet<string>>();
  private visible: { generation: number; ids: ReadonlySet<string> | 'all' } | null = null;

  constructor(
    private readonly db: Database,
    readonly entries: readonly ApplicableEntry[],
  ) {
    this.modelOf = db.prepare('SELECT model FROM twins WHERE id = ?').pluck();
    this.ancestorsOf = db.prepare('SELECT ancestor FROM model_ancestors WHERE model = ?').pluck();
    this.targetOf = db.prepare('SELECT target FROM relationships WHERE source = ? AND id = ?').pluck();
    this.reachesRoot = db
      .prepare(
        `WITH RECURSIVE up(id) AS (SELECT @id UNION SELECT r.source FROM relationships AS r JOIN up ON r.target = up.id
           WHERE r.name IN (SELECT value FROM json_each(@names)))
         SELECT 1 FROM up WHERE id = @root LIMIT 1`,
      )
      .pluck();
  }

  private models(model: string): ReadonlySet<string> {
    let ancestors = this.ancestorCache.get(model);
    if (!ancestors) {
      ancestors = new Set([model, ...(this.ancestorsOf.all(model) as string[])]);
      if (this.ancestorCache.size > 10_000) this.ancestorCache.clear();
      this.ancestorCache.set(model, ancestors);
    }
    return ancestors;
  }

  /** Facts of a twin as the database has it now; null when there is no such twin. */
  facts(id: string): TwinFacts | null {
    const model = this.modelOf.get(id) as string | undefined;
    return model === undefined ? null : this.factsFor(id, model);
  }

  /** Facts of a twin with a given model (a twin being created: it is in no subtree but its own). */
  factsFor(id: string, model: string): TwinFacts {
    return {
      id,
      models: this.models(model),
      inSubtree: (resource) => resource.root === id || this.reachesRoot.get({ id, root: resource.root, names: JSON.stringify(resource.relationships) }) !== undefined,
    };
  }

  /** The target of a relationship, when it still exists. */
  relationshipTarget(source: string, id: string): string | undefined {
    return this.targetOf.get(source, id) as string | undefined;
  }

  /** Whether the principal may do `permission` to the twin (or a property of it); false for a missing twin. */
  allows(id: string, permission: Permission, path?: string): boolean {
    const facts = this.facts(id);
    return facts !== null && decide(this.entries, permission, facts, pointerSegments(path)).allowed;
  }

  allowsFacts(facts: TwinFacts, permission: Permission, path?: string): boolean {
    return decide(this.entries, permission, facts, pointerSegments(path)).allowed;
  }

  /** A workspace-wide permission (query, analytics, admin, or one granted on every twin). */
  allowsWorkspace(permission: Permission): boolean {
    return decide(this.entries, permission, null).allowed;
  }

  /** The property paths of the twin the principal may not `permission` although it may the twin as a whole. */
  revokedPaths(facts: TwinFacts, permission: Permission): string[][] {
    return hasPathEntries(this.entries, permission) ? revokedPaths(this.entries, permission, facts) : [];
  }

  /** The property paths of the twin the principal may not read although it may read the twin. */
  hiddenPaths(facts: TwinFacts): string[][] {
    return this.revokedPaths(facts, 'read');
  }

  /** Whether reads need filtering property by property. */
  get filtersProperties(): boolean {
    return hasPathEntries(this.entries, 'read');
  }

  /** Every twin id the principal may read, or 'all' when nothing narrows reading. */
  visibleIds(generation: number): ReadonlySet<string> | 'all' {
    if (this.visible?.generation === generation) return this.visible.ids;
    const ids = this.computeVisible();
    this.visible = { generation, ids };
    return ids;
  }

  private readsEverything(): boolean {
    const reads = this.entries.filter((candidate) => candidate.path.length === 0 && (candidate.entry.grant?.includes('read') || candidate.entry.revoke?.includes('read')));
    return reads.length > 0 && reads.every((candidate) => candidate.entry.resource.kind === 'workspace' && !candidate.entry.revoke?.includes('read'));
  }

  private computeVisible(): ReadonlySet<string> | 'all' {
    if (this.readsEverything()) return 'all';
    // Everything a decision may ask is read first: the connection is busy while rows stream.
    const subtrees = new Map<string, ReadonlySet<string>>();
    const down = this.db
      .prepare(
        `WITH RECURSIVE down(id) AS (SELECT @root UNION SELECT r.target FROM relationships AS r JOIN down ON r.source = down.id
           WHERE r.name IN (SELECT value FROM json_each(@names)))
         SELECT id FROM down`,
      )
      .pluck();
    for (const { entry } of this.entries) {
      if (entry.resource.kind !== 'subtree' || subtrees.has(subtreeKey(entry.resource))) continue;
      subtrees.set(subtreeKey(entry.resource), new Set(down.all({ root: entry.resource.root, names: JSON.stringify(entry.resource.relationships) }) as string[]));
    }
    const ancestry = new Map<string, Set<string>>();
    for (const [ancestor, model] of this.db.prepare('SELECT ancestor, model FROM model_ancestors').raw(true).all() as [string, string][]) {
      let set = ancestry.get(model);
      if (!set) ancestry.set(model, (set = new Set([model])));
      set.add(ancestor);
    }
    const visible = new Set<string>();
    for (const [id, model] of this.db.prepare('SELECT id, model FROM twins').raw(true).iterate() as Iterable<[string, string]>) {
      const facts: TwinFacts = { id, models: ancestry.get(model) ?? new Set([model]), inSubtree: (resource) => subtrees.get(subtreeKey(resource))?.has(id) ?? false };
      if (decide(this.entries, 'read', facts).allowed) visible.add(id);
    }
    return visible;
  }
}
