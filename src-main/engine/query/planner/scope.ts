import type { PathNode, PathSegment } from '../ast/nodes';
import { queryError, type SourcePosition } from '../errors';
import { closest } from '../suggest';

/** A named (or anonymous) set of twins or relationships the query ranges over, with its SQL alias. */
export interface Collection {
  readonly name?: string;
  readonly kind: 'twin' | 'relationship';
  readonly sqlAlias: string;
  /** True for the targets of an optional (outer) JOIN: its rows may be missing. */
  readonly optional: boolean;
  readonly position: SourcePosition;
}

/** What a path in the query means once names are resolved. */
export type ResolvedPath =
  | { readonly kind: 'collection'; readonly collection: Collection }
  | { readonly kind: 'property'; readonly collection: Collection; readonly path: readonly PathSegment[] };

/** The collections of a query and the rules for resolving names against them. */
export class Scope {
  private readonly byName = new Map<string, Collection>();
  readonly all: Collection[] = [];
  private nextTwin = 0;
  private nextRelationship = 0;
  /** The collection unqualified property names belong to: set only when there is exactly one. */
  defaultCollection?: Collection;

  /** Adds a collection; a repeated name is an error unless `reuse` allows it (MATCH cycles). */
  add(kind: Collection['kind'], name: string | undefined, position: SourcePosition, optional = false, reuse = false): Collection {
    if (name !== undefined) {
      const existing = this.byName.get(name);
      if (existing) {
        if (reuse && existing.kind === kind) return existing;
        throw queryError('Semantic', `the name ${name} is already used for another collection.`, position, 'give each collection its own name.');
      }
    }
    const sqlAlias = kind === 'twin' ? `t${this.nextTwin++}` : `r${this.nextRelationship++}`;
    const collection: Collection = name === undefined ? { kind, sqlAlias, optional, position } : { name, kind, sqlAlias, optional, position };
    if (name !== undefined) this.byName.set(name, collection);
    this.all.push(collection);
    return collection;
  }

  get(name: string): Collection | undefined {
    return this.byName.get(name);
  }

  /** Named collections in declaration order. */
  named(): Collection[] {
    return this.all.filter((c) => c.name !== undefined);
  }

  /** A collection by name, or a positioned error with a "did you mean" hint. */
  require(name: string, position: SourcePosition): Collection {
    const found = this.byName.get(name);
    if (found) return found;
    throw this.unknown(name, position);
  }

  unknown(name: string, position: SourcePosition): Error {
    const guess = closest(name, this.byName.keys());
    return queryError('Name', `${name} is not a collection of this query.`, position, guess ? `did you mean ${guess}?` : `the collections are: ${[...this.byName.keys()].join(', ') || 'none (name one in FROM)'}.`);
  }

  /** Resolves `T`, `T.prop.sub`, or an unqualified `prop` (single-collection queries only). */
  resolve(path: PathNode): ResolvedPath {
    const [first, ...rest] = path.segments;
    const collection = this.byName.get(first.name);
    if (collection) return rest.length === 0 ? { kind: 'collection', collection } : { kind: 'property', collection, path: rest };
    if (this.defaultCollection) return { kind: 'property', collection: this.defaultCollection, path: path.segments };
    throw this.unknown(first.name, first.position);
  }
}
