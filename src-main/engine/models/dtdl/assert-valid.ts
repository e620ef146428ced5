// Exception form of parseModels for callers that want to throw: ModelInvalid with the errors.

import { EngineError, ErrorCode } from '../../../../src-shared/contract';
import type { Interface, ParseResult } from './types';

/** Returns the Interfaces of a successful result, or throws EngineError(ModelInvalid) with the errors as details. */
export function assertValid(result: ParseResult): ReadonlyMap<string, Interface> {
  if (result.ok) return result.interfaces;
  const first = result.errors[0];
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
  throw new EngineError(ErrorCode.ModelInvalid, `${first?.message ?? 'The models are invalid.'}${more}`, { errors: result.errors });
}
