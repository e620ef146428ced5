import { EngineError, ErrorCode } from '../../../src-shared/contract';
import type { TwinModel } from '../graph/twin-model';
import { isoDateTimePattern } from '../history';

/** How far ahead of the engine's clock a source time may be before it is refused (clock skew allowance). */
export const maxFutureSkewMs = 24 * 60 * 60 * 1000;

const numericSchemas = new Set(['byte', 'short', 'integer', 'long', 'unsignedByte', 'unsignedShort', 'unsignedInteger', 'unsignedLong', 'float', 'double', 'decimal']);

/** Checks a device's source time: ISO 8601 with a zone, a real date, not far in the future. */
export function checkSourceTime(twinId: string, sourceTime: unknown, now: Date): void {
  const parsed = typeof sourceTime === 'string' && isoDateTimePattern.test(sourceTime) ? Date.parse(sourceTime) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId}: the source time ${JSON.stringify(sourceTime)} is not an ISO 8601 date-time such as 2026-01-31T12:00:00Z.`, { twinId, sourceTime });
  }
  if (parsed - now.getTime() > maxFutureSkewMs) {
    throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId}: the source time ${sourceTime} is more than a day ahead of the clock (${now.toISOString()}).`, { twinId, sourceTime, now: now.toISOString() });
  }
}

/** What a name is in a model's telemetry: numeric (needs a finite number), other telemetry, or not telemetry at all. */
export type TelemetryKind = 'numeric' | 'other' | 'unknown';

// Model views are rebuilt when models change, so a cache keyed by the view never goes stale.
const kinds = new WeakMap<TwinModel, Map<string, TelemetryKind>>();

/** The kind of `name` in `level` (unknown when there is no level), looked up once per model and name. */
export function telemetryKind(level: TwinModel | undefined, name: string): TelemetryKind {
  if (!level) return 'unknown';
  let known = kinds.get(level);
  if (!known) kinds.set(level, (known = new Map()));
  let kind = known.get(name);
  if (kind === undefined) {
    const schema = level.others.get(name) === 'Telemetry' ? level.telemetry.get(name)?.schema : undefined;
    kind = level.others.get(name) !== 'Telemetry' ? 'unknown' : schema?.kind === 'Primitive' && numericSchemas.has(schema.name) ? 'numeric' : 'other';
    known.set(name, kind);
  }
  return kind;
}

/** The error for a numeric telemetry `name` whose value is not a finite number. */
export function notANumber(twinId: string, level: TwinModel, name: string, value: unknown): EngineError {
  const schema = level.telemetry.get(name)!.schema;
  return new EngineError(ErrorCode.InvalidArgument, `Telemetry ${name} of ${twinId} must be a number (its schema is ${schema.kind === 'Primitive' ? schema.name : schema.kind}); got ${JSON.stringify(value)}.`, { twinId, name, value });
}

/**
 * Checks a payload's values against `level`'s telemetry: a numeric telemetry needs a finite
 * number. Returns the names the model does not declare (kept, but flagged to the caller).
 */
export function checkPayload(twinId: string, level: TwinModel | undefined, payload: Readonly<Record<string, unknown>>): string[] {
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(payload)) {
    const kind = telemetryKind(level, name);
    if (kind === 'unknown') unknown.push(name);
    else if (kind === 'numeric' && (typeof value !== 'number' || !Number.isFinite(value))) throw notANumber(twinId, level!, name, value);
  }
  return unknown;
}

/** Checks a payload's shape: a JSON object of name → value with at least one name. */
export function checkPayloadShape(twinId: string, payload: unknown): asserts payload is Readonly<Record<string, unknown>> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId} must be a JSON object of name → value.`, { twinId });
}
