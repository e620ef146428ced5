import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError, ErrorCode, type RetentionPolicy, type RetentionResult } from '../../../src-shared/contract';

/** Keep everything: the policy of a workspace that never set one. */
export const keepEverything: RetentionPolicy = { rawDays: null, rollup: null, rollupDays: null, applyEveryMinutes: null };

const dayMs = 24 * 60 * 60 * 1000;
const intervals = { minute: "INTERVAL '1 minute'", hour: "INTERVAL '1 hour'", day: "INTERVAL '1 day'" } as const;

function optionalCount(value: unknown, name: string, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw new EngineError(ErrorCode.InvalidArgument, `Retention: ${name} is a whole number from 1 to ${max}, or null; got ${JSON.stringify(value)}.`, { [name]: value });
  return value;
}

/** Checks a policy from a caller or workspace.json and returns it in its full form. */
export function checkRetention(policy: unknown): RetentionPolicy {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw new EngineError(ErrorCode.InvalidArgument, 'A retention policy is an object { rawDays, rollup, rollupDays, applyEveryMinutes }.');
  const fields = policy as Partial<Record<keyof RetentionPolicy, unknown>>;
  const rollup = fields.rollup ?? null;
  if (rollup !== null && rollup !== 'minute' && rollup !== 'hour' && rollup !== 'day') throw new EngineError(ErrorCode.InvalidArgument, `Retention: rollup is minute, hour, day or null; got ${JSON.stringify(rollup)}.`, { rollup });
  const checked: RetentionPolicy = {
    rawDays: optionalCount(fields.rawDays, 'rawDays', 36_500),
    rollup,
    rollupDays: optionalCount(fields.rollupDays, 'rollupDays', 36_500),
    applyEveryMinutes: optionalCount(fields.applyEveryMinutes, 'applyEveryMinutes', 7 * 24 * 60),
  };
  if (checked.rollup === null && checked.rollupDays !== null) throw new EngineError(ErrorCode.InvalidArgument, 'Retention: rollupDays needs a rollup interval.', { rollupDays: checked.rollupDays });
  return checked;
}

/**
 * Applies `policy` at `now` in one transaction of `connection`: readings older than the raw
 * cutoff are first rolled up into `telemetry_rollups` (when asked) and then removed; rollups older
 * than their own cutoff are removed. The raw cutoff is moved back to a bucket boundary so a
 * bucket is rolled up whole, once.
 */
export async function applyRetention(connection: DuckDBConnection, policy: RetentionPolicy, now: Date): Promise<RetentionResult> {
  const result = { cutoff: null as string | null, rolledUp: 0, removedReadings: 0, removedRollups: 0 };
  await connection.run('BEGIN TRANSACTION');
  try {
    if (policy.rawDays !== null) {
      const raw = new Date(now.getTime() - policy.rawDays * dayMs).toISOString();
      const cutoffSql = policy.rollup ? `time_bucket(${intervals[policy.rollup]}, '${raw}'::TIMESTAMPTZ)` : `'${raw}'::TIMESTAMPTZ`;
      const cutoff = (await connection.runAndReadAll(`SELECT epoch_ms(${cutoffSql})`)).getRowsJS()[0]![0];
      result.cutoff = new Date(Number(cutoff)).toISOString();
      const bound = `'${result.cutoff}'::TIMESTAMPTZ`;
      if (policy.rollup) {
        const inserted = await connection.runAndReadAll(
          `INSERT INTO telemetry_rollups SELECT time_bucket(${intervals[policy.rollup]}, time) AS bucket, '${policy.rollup}', twin_id, component, name,
             count(*), min(value), max(value), avg(value), sum(value), arg_max(value, time)
           FROM telemetry WHERE time < ${bound} AND value IS NOT NULL GROUP BY ALL`,
        );
        result.rolledUp = Number(inserted.getRowsJS()[0]?.[0] ?? 0);
      }
      result.removedReadings = Number((await connection.runAndReadAll(`DELETE FROM telemetry WHERE time < ${bound}`)).getRowsJS()[0]?.[0] ?? 0);
    }
    if (policy.rollupDays !== null) {
      const old = new Date(now.getTime() - policy.rollupDays * dayMs).toISOString();
      result.removedRollups = Number((await connection.runAndReadAll(`DELETE FROM telemetry_rollups WHERE bucket < '${old}'::TIMESTAMPTZ`)).getRowsJS()[0]?.[0] ?? 0);
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return result;
}
