import { EngineError, ErrorCode } from '../../../src-shared/contract';
import type { TwinModel } from '../graph/twin-model';

/** How far ahead of the engine's clock a source time may be before it is refused (clock skew allowance). */
export const maxFutureSkewMs = 24 * 60 * 60 * 1000;

const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const numericSchemas = new Set(['byte', 'short', 'integer', 'long', 'unsignedByte', 'unsignedShort', 'unsignedInteger', 'unsignedLong', 'float', 'double', 'decimal']);

/** Checks a device's source time: ISO 8601 with a zone, a real date, not far in the future. */
export function checkSourceTime(twinId: string, sourceTime: unknown, now: Date): void {
  const parsed = typeof sourceTime === 'string' && dateTimePattern.test(sourceTime) ? Date.parse(sourceTime) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId}: the source time ${JSON.stringify(sourceTime)} is not an ISO 8601 date-time such as 2026-01-31T12:00:00Z.`, { twinId, sourceTime });
  }
  if (parsed - now.getTime() > maxFutureSkewMs) {
    throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId}: the source time ${sourceTime} is more than a day ahead of the clock (${now.toISOString()}).`, { twinId, sourceTime, now: now.toISOString() });
  }
}

/** True when the model's telemetry `name` has a numeric primitive schema. */
function isNumericTelemetry(level: TwinModel, name: string): boolean {
  const schema = level.telemetry.get(name)?.schema;
  return schema?.kind === 'Primitive' && numericSchemas.has(schema.name);
}

/**
 * Checks a payload's values against `level`'s telemetry: a numeric telemetry needs a finite
 * number. Returns the names the model does not declare (kept, but flagged to the caller).
 */
export function checkPayload(twinId: string, level: TwinModel | undefined, payload: Readonly<Record<string, unknown>>): string[] {
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(payload)) {
    if (!level || level.others.get(name) !== 'Telemetry') {
      unknown.push(name);
    } else if (isNumericTelemetry(level, name) && (typeof value !== 'number' || !Number.isFinite(value))) {
      const schema = level.telemetry.get(name)!.schema;
      throw new EngineError(ErrorCode.InvalidArgument, `Telemetry ${name} of ${twinId} must be a number (its schema is ${schema.kind === 'Primitive' ? schema.name : schema.kind}); got ${JSON.stringify(value)}.`, { twinId, name, value });
    }
  }
  return unknown;
}

/** Checks a payload's shape: a JSON object of name → value with at least one name. */
export function checkPayloadShape(twinId: string, payload: unknown): asserts payload is Readonly<Record<string, unknown>> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new EngineError(ErrorCode.InvalidArgument, `Telemetry of ${twinId} must be a JSON object of name → value.`, { twinId });
}
