// Argument checks shared by every model: a non-physical input becomes a typed EngineError that
// names the parameter, before any state changes.
import { EngineError, ErrorCode } from '../../../../src-shared/contract';

/** Details carried by every InvalidArgument the physics library throws. */
export interface PhysicsErrorDetails {
  readonly parameter: string;
  readonly value: unknown;
  readonly expected: string;
  readonly [key: string]: unknown;
}

/** An InvalidArgument EngineError whose details name the parameter, its value and what was expected. */
export function invalidArgument(context: string, parameter: string, value: unknown, expected: string, extra?: Record<string, unknown>): EngineError {
  const details: PhysicsErrorDetails = { parameter, value, expected, ...extra };
  return new EngineError(ErrorCode.InvalidArgument, `${context}: ${parameter} must be ${expected} (got ${String(value)})`, details);
}

/** Returns `value` when it is a finite number, otherwise throws naming `parameter`. */
export function finite(context: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidArgument(context, parameter, value, 'a finite number');
  return value;
}

/** A finite number ≥ 0. */
export function nonNegative(context: string, parameter: string, value: unknown): number {
  const v = finite(context, parameter, value);
  if (v < 0) throw invalidArgument(context, parameter, value, 'a finite number ≥ 0');
  return v;
}

/** A finite number > 0. */
export function positive(context: string, parameter: string, value: unknown): number {
  const v = finite(context, parameter, value);
  if (v <= 0) throw invalidArgument(context, parameter, value, 'a finite number > 0');
  return v;
}

/** A number ≥ 0 where +Infinity means "unlimited" (capacities). */
export function capacity(context: string, parameter: string, value: unknown): number {
  if (value === Infinity) return Infinity;
  return nonNegative(context, parameter, value);
}

/** A finite number in [min, max]. */
export function inRange(context: string, parameter: string, value: unknown, min: number, max: number): number {
  const v = finite(context, parameter, value);
  if (v < min || v > max) throw invalidArgument(context, parameter, value, `a number in [${min}, ${max}]`);
  return v;
}

/** A step length in seconds that is a whole number dividing the hour (1 h, 30 min, 15 min, 1 min…). */
export function stepSecondsOf(context: string, value: unknown): number {
  const v = positive(context, 'stepSeconds', value);
  if (!Number.isInteger(v) || 3600 % v !== 0) throw invalidArgument(context, 'stepSeconds', value, 'a whole number of seconds that divides 3600');
  return v;
}
