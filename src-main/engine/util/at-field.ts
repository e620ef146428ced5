import { EngineError, ErrorCode, isEngineError } from '../../../src-shared/contract';

/**
 * Runs the check of one member of a definition (a route's `filter`, a source's `url`): an
 * InvalidArgument it throws names that member in `details.field`, so a form can show it there.
 */
export function atField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isEngineError(error) || error.code !== ErrorCode.InvalidArgument) throw error;
    const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
    if (typeof details.field === 'string') throw error;
    throw new EngineError(error.code, error.message, { ...details, field });
  }
}
