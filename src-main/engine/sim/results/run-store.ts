// Simulation runs in the workspace's history database: one row per run, its zones, and its
// results per zone per step, appended through DuckDB's appender on the history's writer.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { EngineError, ErrorCode, type ErrorPayload, type RunInfo, type RunStatus, type Scenario } from '../../../../src-shared/contract';
import type { HistoryStore } from '../../history';
import type { BoundZone } from '../binding/bound-model';
import { resultColumns, type ResultChunk } from '../runner/result-columns';

const schema = [
  `CREATE TABLE IF NOT EXISTS sim_runs (
    run_id VARCHAR NOT NULL, scenario_id VARCHAR NOT NULL, scenario JSON NOT NULL, status VARCHAR NOT NULL,
    baseline BOOLEAN NOT NULL, seed BIGINT NOT NULL, zones INTEGER NOT NULL, steps INTEGER NOT NULL,
    steps_done INTEGER NOT NULL, step_minutes INTEGER NOT NULL, comfort_min DOUBLE NOT NULL, comfort_max DOUBLE NOT NULL,
    started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, error JSON
  )`,
  `CREATE TABLE IF NOT EXISTS sim_zones (run_id VARCHAR NOT NULL, zone_index INTEGER NOT NULL, zone_id VARCHAR NOT NULL, room_type VARCHAR, floor_area DOUBLE NOT NULL, volume DOUBLE NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sim_results (
    run_id VARCHAR NOT NULL, step INTEGER NOT NULL, time TIMESTAMPTZ NOT NULL, zone_id VARCHAR NOT NULL,
    ${resultColumns.map((name) => `${name} DOUBLE`).join(', ')}
  )`,
];

/** A run as stored, with what KPIs need. */
export interface StoredRun extends RunInfo {
  readonly stepMinutes: number;
  readonly comfortBand: { readonly min: number; readonly max: number };
}

type Row = readonly DuckDBValue[];

function toRun(row: Row): StoredRun {
  const [runId, scenarioId, status, baseline, seed, zones, steps, stepsDone, stepMinutes, comfortMin, comfortMax, startedAt, finishedAt, error] = row;
  return {
    id: String(runId),
    scenarioId: String(scenarioId),
    status: String(status) as RunStatus,
    baseline: baseline === true,
    seed: Number(seed),
    zones: Number(zones),
    steps: Number(steps),
    stepsDone: Number(stepsDone),
    startedAt: new Date(String(startedAt)).toISOString(),
    ...(finishedAt !== null ? { finishedAt: new Date(String(finishedAt)).toISOString() } : {}),
    ...(error !== null ? { error: JSON.parse(String(error)) as ErrorPayload } : {}),
    stepMinutes: Number(stepMinutes),
    comfortBand: { min: Number(comfortMin), max: Number(comfortMax) },
  };
}

const runColumns = `run_id, scenario_id, status, baseline, seed, zones, steps, steps_done, step_minutes, comfort_min, comfort_max,
  strftime(started_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ'), strftime(finished_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ'), error`;

/** Reads and writes runs in the history database. */
export class RunStore {
  private ready: Promise<void> | null = null;

  constructor(private readonly history: HistoryStore) {}

  private write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.ready ??= this.history.withWriter(async (connection) => {
      for (const statement of schema) await connection.run(statement);
    });
    return this.ready.then(() => this.history.withWriter(work));
  }

  private async rows(sql: string, values: DuckDBValue[] = []): Promise<Row[]> {
    return this.write(async (connection) => (await connection.runAndReadAll(sql, values)).getRows());
  }

  /** Records a new run and its zones. */
  async create(run: RunInfo, scenario: Scenario, zones: readonly BoundZone[]): Promise<void> {
    const band = scenario.comfortBand ?? { min: 20, max: 26 };
    await this.write(async (connection) => {
      const existing = await connection.runAndReadAll('SELECT 1 FROM sim_runs WHERE run_id = ?', [run.id]);
      if (existing.currentRowCount > 0) throw new EngineError(ErrorCode.Conflict, `A run named ${run.id} already exists; delete it or choose another id.`, { runId: run.id });
      await connection.run('INSERT INTO sim_runs VALUES (?, ?, ?::JSON, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?::TIMESTAMPTZ, NULL, NULL)', [
        run.id,
        run.scenarioId,
        JSON.stringify(scenario),
        run.status,
        run.baseline,
        run.seed,
        run.zones,
        run.steps,
        scenario.stepMinutes ?? 60,
        band.min,
        band.max,
        run.startedAt,
      ]);
      const appender = await connection.createAppender('sim_zones');
      zones.forEach((zone, i) => {
        appender.appendVarchar(run.id);
        appender.appendInteger(i);
        appender.appendVarchar(zone.id);
        appender.appendVarchar(zone.roomType);
        appender.appendDouble(zone.params.floorArea);
        appender.appendDouble(zone.params.volume);
        appender.endRow();
      });
      appender.flushSync();
      appender.closeSync();
    });
  }

  /** Appends one chunk of results (NaN is stored as NULL). */
  async append(runId: string, startMs: number, stepSeconds: number, zoneIds: readonly string[], chunk: ResultChunk): Promise<void> {
    await this.write(async (connection) => {
      const appender = await connection.createAppender('sim_results');
      const columns = resultColumns.map((name) => chunk.columns[name]);
      for (let s = 0; s < chunk.steps; s++) {
        const step = chunk.firstStep + s;
        const time = new Date(startMs + step * stepSeconds * 1000).toISOString();
        for (let z = 0; z < chunk.zones; z++) {
          const i = s * chunk.zones + z;
          appender.appendVarchar(runId);
          appender.appendInteger(step);
          appender.appendVarchar(time);
          appender.appendVarchar(zoneIds[z]!);
          for (const column of columns) {
            const value = column[i]!;
            if (Number.isNaN(value)) appender.appendNull();
            else appender.appendDouble(value);
          }
          appender.endRow();
        }
      }
      appender.flushSync();
      appender.closeSync();
      await connection.run('UPDATE sim_runs SET steps_done = ? WHERE run_id = ?', [chunk.firstStep + chunk.steps, runId]);
    });
  }

  /** Records how a run ended. */
  async finish(runId: string, status: RunStatus, finishedAt: string, error?: ErrorPayload): Promise<void> {
    await this.rows('UPDATE sim_runs SET status = ?, finished_at = ?::TIMESTAMPTZ, error = ?::JSON WHERE run_id = ?', [status, finishedAt, error ? JSON.stringify(error) : null, runId]);
  }

  async list(): Promise<StoredRun[]> {
    return (await this.rows(`SELECT ${runColumns} FROM sim_runs ORDER BY started_at DESC, run_id`)).map(toRun);
  }

  /** The run, or NotFound. */
  async get(runId: string): Promise<StoredRun> {
    const rows = await this.rows(`SELECT ${runColumns} FROM sim_runs WHERE run_id = ?`, [runId]);
    if (rows.length === 0) throw new EngineError(ErrorCode.NotFound, `There is no run ${runId}.`, { runId });
    return toRun(rows[0]!);
  }

  /** Removes a run with its zones and results. */
  async delete(runId: string): Promise<void> {
    await this.get(runId);
    await this.write(async (connection) => {
      for (const table of ['sim_results', 'sim_zones', 'sim_runs']) await connection.run(`DELETE FROM ${table} WHERE run_id = ?`, [runId]);
    });
  }

  /** Rows of a read query on the writer (KPI and comparison queries). */
  query(sql: string, values: DuckDBValue[] = []): Promise<Row[]> {
    return this.rows(sql, values);
  }

  /** Marks runs that were running when the engine last stopped as failed. */
  async markInterrupted(finishedAt: string): Promise<void> {
    await this.rows("UPDATE sim_runs SET status = 'failed', finished_at = ?::TIMESTAMPTZ, error = ?::JSON WHERE status = 'running'", [
      finishedAt,
      JSON.stringify({ code: ErrorCode.Unavailable, message: 'The engine stopped while the run was going on.' }),
    ]);
  }
}
