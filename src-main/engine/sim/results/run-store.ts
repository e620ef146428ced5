// Simulation runs in the workspace's history database: one row per run, its zones, and its
// results per zone per step. Results are stored compactly in sim_values (a run number, the step,
// the zone's index, the numbers) as DuckDB data chunks copied whole from the runner's typed
// arrays: no per-value calls, and no strings or timestamps per row. A NaN (a value not defined at
// that step, such as PMV with nobody present) is stored as NULL. The view sim_results gives the
// rows their run id, time and zone id.
import { DOUBLE, DuckDBDataChunk, INTEGER, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { EngineError, ErrorCode, type ErrorPayload, type RunInfo, type RunStatus, type Scenario } from '../../../../src-shared/contract';
import { chunkRows, type HistoryStore } from '../../history';
import type { BoundZone } from '../binding/bound-model';
import { resultColumns, type ResultChunk } from '../runner/result-columns';
import { startTime } from '../runner/step-table';

const valueColumns = resultColumns.map((name) => `${name} DOUBLE`).join(', ');

const schema = [
  `CREATE TABLE IF NOT EXISTS sim_runs (
    run_id VARCHAR NOT NULL, scenario_id VARCHAR NOT NULL, scenario JSON NOT NULL, status VARCHAR NOT NULL,
    baseline BOOLEAN NOT NULL, seed BIGINT NOT NULL, zones INTEGER NOT NULL, steps INTEGER NOT NULL,
    steps_done INTEGER NOT NULL, step_minutes INTEGER NOT NULL, comfort_min DOUBLE NOT NULL, comfort_max DOUBLE NOT NULL,
    started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, error JSON
  )`,
  // The run's number in sim_values, and the time of its step 0 (the scenario's start).
  'ALTER TABLE sim_runs ADD COLUMN IF NOT EXISTS run_key INTEGER',
  'ALTER TABLE sim_runs ADD COLUMN IF NOT EXISTS start_time TIMESTAMPTZ',
  `CREATE TABLE IF NOT EXISTS sim_zones (run_id VARCHAR NOT NULL, zone_index INTEGER NOT NULL, zone_id VARCHAR NOT NULL, room_type VARCHAR, floor_area DOUBLE NOT NULL, volume DOUBLE NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sim_values (run_key INTEGER NOT NULL, step INTEGER NOT NULL, zone_index INTEGER NOT NULL, ${valueColumns})`,
];

/** Results as users query them: one row per zone per step, with the run id, time and zone id. */
const resultsView = `CREATE OR REPLACE VIEW sim_results AS
  SELECT r.run_id, v.step, r.start_time + to_microseconds(v.step::BIGINT * r.step_minutes * 60000000) AS time, z.zone_id,
    ${resultColumns.map((name) => `v.${name}`).join(', ')}
  FROM sim_values v JOIN sim_runs r ON r.run_key = v.run_key JOIN sim_zones z ON z.run_id = r.run_id AND z.zone_index = v.zone_index`;

const valueTypes = [INTEGER, INTEGER, INTEGER, ...resultColumns.map(() => DOUBLE)];

/** Creates the tables and the view, moving results stored one row per zone id and time (the earlier layout) into sim_values. */
async function prepareSchema(connection: DuckDBConnection): Promise<void> {
  for (const statement of schema) await connection.run(statement);
  const earlier = await connection.runAndReadAll("SELECT 1 FROM information_schema.tables WHERE table_name = 'sim_results' AND table_type = 'BASE TABLE'");
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(`UPDATE sim_runs SET run_key = n.key FROM (
        SELECT run_id, (SELECT coalesce(max(run_key), 0) FROM sim_runs) + row_number() OVER (ORDER BY started_at, run_id) AS key FROM sim_runs WHERE run_key IS NULL
      ) n WHERE sim_runs.run_id = n.run_id`);
    for (const [runId, scenario] of (await connection.runAndReadAll('SELECT run_id, scenario FROM sim_runs WHERE start_time IS NULL')).getRows()) {
      await connection.run('UPDATE sim_runs SET start_time = ?::TIMESTAMPTZ WHERE run_id = ?', [new Date(startTime(JSON.parse(String(scenario)) as Scenario)).toISOString(), String(runId)]);
    }
    if (earlier.currentRowCount > 0) {
      await connection.run(`INSERT INTO sim_values
        SELECT r.run_key, s.step, z.zone_index, ${resultColumns.map((name) => `s.${name}`).join(', ')}
        FROM sim_results s JOIN sim_runs r ON r.run_id = s.run_id JOIN sim_zones z ON z.run_id = s.run_id AND z.zone_id = s.zone_id`);
      await connection.run('DROP TABLE sim_results');
    }
    await connection.run(resultsView);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

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
  /** Run numbers in sim_values, by run id. */
  private readonly keys = new Map<string, number>();

  constructor(private readonly history: HistoryStore) {}

  private write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.ready ??= this.history.withWriter(prepareSchema);
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
      const [[key]] = (await connection.runAndReadAll('SELECT coalesce(max(run_key), 0) + 1 FROM sim_runs')).getRows() as [[number]];
      await connection.run('INSERT INTO sim_runs VALUES (?, ?, ?::JSON, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?::TIMESTAMPTZ, NULL, NULL, ?, ?::TIMESTAMPTZ)', [
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
        key,
        new Date(startTime(scenario)).toISOString(),
      ]);
      this.keys.set(run.id, key);
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

  /** Appends one chunk of results (NaN is stored as NULL) with the run's progress, in one transaction. */
  async append(runId: string, chunk: ResultChunk): Promise<void> {
    const key = await this.key(runId);
    await this.write(async (connection) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        const appender = await connection.createAppender('sim_values');
        appendValues(appender, key, chunk);
        appender.flushSync();
        appender.closeSync();
        await connection.run('UPDATE sim_runs SET steps_done = ? WHERE run_id = ?', [chunk.firstStep + chunk.steps, runId]);
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
    });
  }

  /** The run's number in sim_values. */
  async key(runId: string): Promise<number> {
    const known = this.keys.get(runId);
    if (known !== undefined) return known;
    const rows = await this.rows('SELECT run_key FROM sim_runs WHERE run_id = ?', [runId]);
    if (rows.length === 0) throw new EngineError(ErrorCode.NotFound, `There is no run ${runId}.`, { runId });
    const key = Number(rows[0]![0]);
    this.keys.set(runId, key);
    return key;
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
    const key = await this.key(runId);
    await this.write(async (connection) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        await connection.run('DELETE FROM sim_values WHERE run_key = ?', [key]);
        for (const table of ['sim_zones', 'sim_runs']) await connection.run(`DELETE FROM ${table} WHERE run_id = ?`, [runId]);
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
    });
    this.keys.delete(runId);
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
 * Appends a result chunk to sim_values a data chunk (one, reused) at a time: the run number, the
 * step and zone index of each row, then each result column copied straight from its Float64Array
 * (rows are step-major, as the table's are), with a validity mask where the column holds NaN.
 */
function appendValues(appender: DuckDBAppender, key: number, chunk: ResultChunk): void {
  const rows = chunk.steps * chunk.zones;
  const data = DuckDBDataChunk.create(valueTypes);
  const keys = new Int32Array(chunkRows).fill(key);
  const steps = new Int32Array(chunkRows);
  const zones = new Int32Array(chunkRows);
  const validity = new Uint8Array(chunkRows / 8);
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
    duckdb.copy_data_to_vector(vector(0), 0, keys.buffer, 0, count * 4);
    duckdb.copy_data_to_vector(vector(1), 0, steps.buffer, 0, count * 4);
    duckdb.copy_data_to_vector(vector(2), 0, zones.buffer, 0, count * 4);
    resultColumns.forEach((name, c) => {
      const values = chunk.columns[name];
      const target = vector(c + 3);
      duckdb.copy_data_to_vector(target, 0, values.buffer as ArrayBuffer, values.byteOffset + first * 8, count * 8);
      if (markNaN(validity, values, first, count)) {
        duckdb.vector_ensure_validity_writable(target);
        duckdb.copy_data_to_vector_validity(target, 0, validity.buffer, 0, Math.ceil(count / 8));
      }
    });
    appender.appendDataChunk(data);
  }
}

/** Clears the validity bit of every NaN among `count` values from `first`; false (mask untouched) when there is none. */
function markNaN(validity: Uint8Array, values: Float64Array, first: number, count: number): boolean {
  let r = 0;
  while (r < count && values[first + r] === values[first + r]) r++;
  if (r === count) return false;
  validity.fill(0xff);
  for (; r < count; r++) if (Number.isNaN(values[first + r])) validity[r >> 3]! &= ~(1 << (r & 7));
  return true;
}
