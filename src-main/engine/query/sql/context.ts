import type { PathNode } from '../ast/nodes';
import type { QueryCatalog } from '../planner/plan';
import type { ResolvedPath, Scope } from '../planner/scope';
import type { ParameterBag } from './params';

/** What compiling an expression needs: names, parameters, and the optional catalog. */
export interface SqlContext {
  readonly scope: Scope;
  readonly params: ParameterBag;
  readonly catalog?: QueryCatalog;
  resolve(path: PathNode): ResolvedPath;
}
