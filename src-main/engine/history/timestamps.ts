import { EngineError, ErrorCode } from '../../../src-shared/contract';

/** An ISO 8601 date-time with seconds and a zone (`Z` or `±hh:mm`), fractions of any length. */
export const isoDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Microseconds since the epoch of an ISO 8601 date-time (as DuckDB's TIMESTAMPTZ keeps it);
 * digits beyond the microsecond are dropped. InvalidArgument when it is not one.
 */
export function isoMicros(text: string): bigint {
  const match = typeof text === 'string' ? isoDateTimePattern.exec(text) : null;
  const millis = match ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis)) throw new EngineError(ErrorCode.InvalidArgument, `${JSON.stringify(text)} is not an ISO 8601 date-time such as 2026-01-31T12:00:00Z.`, { time: text });
  // Date.parse keeps the first three fraction digits in `millis`; the next three are the microseconds.
  const micros = Number((match![1] ?? '').slice(4, 7).padEnd(3, '0'));
  return BigInt(millis) * 1000n + BigInt(micros);
}
