import type { PathNode } from '../ast/nodes';
import type { QueryCatalog } from '../planner/plan';
import type { ResolvedPath, Scope } from '../planner/scope';
import type { ParameterBag } from './params';

/** The property indexes a comparison may seek in: their JSON paths, and those the query used. */
export interface IndexUse {
  readonly paths: ReadonlySet<string>;
  readonly used: Set<string>;
}

/** What compiling an expression needs: names, parameters, and the optional catalog and property indexes. */
export interface SqlContext {
  readonly scope: Scope;
  readonly params: ParameterBag;
  readonly catalog?: QueryCatalog;
  readonly indexes?: IndexUse;
  resolve(path: PathNode): ResolvedPath;
}
