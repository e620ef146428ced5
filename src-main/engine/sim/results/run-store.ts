// Simulation runs in the workspace's history database: one row per run, its zones, and its
// results per zone per step. Results arrive as columns and go in as DuckDB data chunks of
// numbers only, copied whole from the runner's typed arrays (no per-value calls, no per-row
// strings or timestamps cross into DuckDB); one INSERT … SELECT per chunk then adds the run id,
// the time and the zone id inside DuckDB, vectorised, in the stage's (step, zone) order.
import { DOUBLE, DuckDBDataChunk, INTEGER, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { EngineError, ErrorCode, type ErrorPayload, type RunInfo, type RunStatus, type Scenario } from '../../../../src-shared/contract';
import { chunkRows, type HistoryStore } from '../../history';
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
  // Per connection and in memory: a chunk's numbers on their way into sim_results.
  `CREATE TEMP TABLE IF NOT EXISTS sim_results_stage (step INTEGER NOT NULL, zone_index INTEGER NOT NULL, ${resultColumns.map((name) => `${name} DOUBLE`).join(', ')})`,
];

const stageTypes = [INTEGER, INTEGER, ...resultColumns.map(() => DOUBLE)];
// NaN (a value not defined at that step, such as PMV with nobody present) is stored as NULL.
const moveStage = `INSERT INTO sim_results
  SELECT $run, s.step, $start::TIMESTAMPTZ + to_microseconds(s.step::BIGINT * $stepMicros), z.ids[s.zone_index + 1],
    ${resultColumns.map((name) => `CASE WHEN isnan(s.${name}) THEN NULL ELSE s.${name} END`).join(', ')}
  FROM sim_results_stage s, (SELECT list(zone_id ORDER BY zone_index) AS ids FROM sim_zones WHERE run_id = $run) z`;

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

  /** Appends one chunk of results (NaN is stored as NULL); the zones are the run's, in order. */
  async append(runId: string, startMs: number, stepSeconds: number, chunk: ResultChunk): Promise<void> {
    await this.write(async (connection) => {
      await connection.run('DELETE FROM sim_results_stage');
      const appender = await connection.createAppender('sim_results_stage', null, 'temp');
      appendStage(appender, chunk);
      appender.flushSync();
      appender.closeSync();
      await connection.run('BEGIN TRANSACTION');
      try {
        await connection.run(moveStage, { run: runId, start: new Date(startMs).toISOString(), stepMicros: Math.round(stepSeconds * 1e6) });
        await connection.run('UPDATE sim_runs SET steps_done = ? WHERE run_id = ?', [chunk.firstStep + chunk.steps, runId]);
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      } finally {
        await connection.run('DELETE FROM sim_results_stage');
      }
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

/**
 * Appends a result chunk to sim_results_stage a data chunk (one, reused) at a time: the step and
 * zone of each row, then each result column copied straight from its Float64Array (rows are
 * step-major, as the stage's columns are).
 */
function appendStage(appender: DuckDBAppender, chunk: ResultChunk): void {
  const rows = chunk.steps * chunk.zones;
  const data = DuckDBDataChunk.create(stageTypes);
  const steps = new Int32Array(chunkRows);
  const zones = new Int32Array(chunkRows);
  for (let first = 0; first < rows; first += chunkRows) {
    const count = Math.min(chunkRows, rows - first);
    for (let r = 0; r < count; r++) {
      const row = first + r;
      const z = row % chunk.zones;
      steps[r] = chunk.firstStep + (row - z) / chunk.zones;
      zones[r] = z;
    }
    data.reset();
    data.rowCount = count;
    const vector = (column: number) => duckdb.data_chunk_get_vector(data.chunk, column);
    duckdb.copy_data_to_vector(vector(0), 0, steps.buffer, 0, count * 4);
    duckdb.copy_data_to_vector(vector(1), 0, zones.buffer, 0, count * 4);
    resultColumns.forEach((name, c) => {
      const values = chunk.columns[name];
      duckdb.copy_data_to_vector(vector(c + 2), 0, values.buffer as ArrayBuffer, values.byteOffset + first * 8, count * 8);
    });
    appender.appendDataChunk(data);
  }
}
