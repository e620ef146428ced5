import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { EngineError, ErrorCode, type GraphEvent, type RetentionPolicy, type RetentionResult, type TelemetryImportRequest } from '../../../src-shared/contract';
import type { OutboxSubscriber } from '../graph/outbox-drainer';
import { HistoryAnalytics } from './analytics';
import { mirrorKeys, projectEvents, type GraphMirror, type KeySets } from './event-rows';
import { isRecord, type JsonRecord } from './lenient-patch';
import { MirrorCache } from './mirror-cache';
import { schemaStatements } from './schema';
import type { HistoryTask } from './history-tasks';
import { applyRetention } from './retention';
import { appendTelemetryBatch, appendTextRows } from './telemetry';
import type { TelemetryBatch } from './telemetry-batch';
import { importTelemetryFile, type ImportChecks } from './telemetry-import';

/** How to open the history store. */
export interface HistoryStoreOptions {
  /** The workspace's `history.duckdb`; created when missing. */
  readonly path: string;
  /** `ServiceId` written in every history row (ADT writes the instance's host name). */
  readonly serviceId?: string;
  /** The subscriber name (and the key of its position row). */
  readonly name?: string;
  /** DuckDB's memory limit for the whole history (queries beyond it fail); default 2GB. */
  readonly memoryLimit?: string;
}

/** A model and every interface it extends, transitively. */
export interface ModelAncestry {
  readonly id: string;
  readonly ancestors: readonly string[];
}

const rowsPerInsert = 100;
const defaultMemoryLimit = '2GB';
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The history of the graph in DuckDB, fed by the outbox. It keeps its own position in the same
 * database and writes it in the transaction that stores a batch's rows, so a crash neither loses
 * nor repeats a change; events at or below the position (a redelivery) are ignored.
 */
export class HistoryStore implements OutboxSubscriber {
  /** Each batch is one DuckDB transaction whose mirror lookups scan the mirror: a bulk import's backlog goes in large batches. */
  readonly batchSize = 10_000;
  readonly analytics: HistoryAnalytics;
  private seq = 0;
  /** Work on the writing connection (graph history, models, retention, simulation results), in order. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Telemetry appends, in order, on their own connection: a reading does not wait behind the
   * history of the previous rule pass (DuckDB lets appends to separate tables commit side by side).
   */
  private telemetryQueue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly mirrorCache = new MirrorCache();

  private constructor(
    readonly name: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly telemetryWriter: DuckDBConnection,
    private readonly serviceId: string,
    private readonly stagingDir: string,
  ) {
    this.analytics = new HistoryAnalytics(instance, stagingDir);
  }

  /** Opens (or creates) the history database, with external access off for everything but export staging. */
  static async open(options: HistoryStoreOptions): Promise<HistoryStore> {
    const name = options.name ?? 'history';
    const stagingDir = await mkdtemp(join(tmpdir(), 'twinbench-history-'));
    let instance: DuckDBInstance | undefined;
    try {
      instance = await DuckDBInstance.create(options.path);
      const writer = await instance.connect();
      // Settings are per instance: after these, no connection can read or write files other
      // than the database and the staging folder, nor change settings back.
      await writer.run(`SET allowed_directories = [${quote(stagingDir + sep)}]`);
      await writer.run(`SET memory_limit = ${quote(options.memoryLimit ?? defaultMemoryLimit)}`);
      await writer.run('SET enable_external_access = false');
      await writer.run('SET lock_configuration = true');
      for (const statement of schemaStatements) await writer.run(statement);
      const found = (await writer.runAndReadAll('SELECT seq FROM history_position WHERE subscriber = ?', [name])).getRowsJS();
      if (found.length === 0) await writer.run('INSERT INTO history_position VALUES (?, 0)', [name]);
      const store = new HistoryStore(name, instance, writer, await instance.connect(), options.serviceId ?? 'twinbench', stagingDir);
      store.seq = found.length === 0 ? 0 : Number(found[0]![0]);
      return store;
    } catch (error) {
      instance?.closeSync();
      await rm(stagingDir, { recursive: true, force: true });
      if (error instanceof EngineError) throw error;
      throw new EngineError(ErrorCode.WorkspaceInvalid, `Cannot open the history database ${options.path}: ${error instanceof Error ? error.message : String(error)}`, { path: options.path });
    }
  }

  /** The seq of the last event stored (0 before any). */
  position(): number {
    return this.seq;
  }

  /** Stores a batch's history rows, mirror changes and new position in one transaction. */
  handle(events: readonly GraphEvent[]): Promise<void> {
    return this.exclusive(async () => {
      const fresh = events.filter((event) => event.seq > this.seq);
      if (fresh.length === 0) return;
      const keys = mirrorKeys(fresh);
      const mirror = await this.loadMirror(keys.load);
      const rows = projectEvents(fresh, mirror, this.serviceId);
      const last = fresh.at(-1)!.seq;
      await this.transaction(async () => {
        await this.rewriteMirror(mirror, keys);
        await appendTextRows(this.writer, 'property_events', rows.properties.map((row) => [row.TimeStamp, row.SourceTimeStamp, row.ServiceId, row.Id, row.ModelId, row.Key, row.Value, row.RelationshipId, row.RelationshipTarget]));
        await appendTextRows(this.writer, 'twin_lifecycle_events', rows.twinLifecycle.map((row) => [row.TwinId, row.Action, row.TimeStamp, row.ServiceId, row.ModelId]));
        await appendTextRows(this.writer, 'relationship_lifecycle_events', rows.relationshipLifecycle.map((row) => [row.RelationshipId, row.Name, row.Action, row.Source, row.Target, row.TimeStamp, row.ServiceId]));
        await this.writer.run('UPDATE history_position SET seq = ? WHERE subscriber = ?', [last, this.name]);
      });
      this.mirrorCache.remember(mirror, keys.load);
      this.seq = last;
    });
  }

  /** Appends a telemetry batch through DuckDB's appender, whole or not at all; names are the caller's to validate. Returns the count. */
  appendTelemetry(batch: TelemetryBatch): Promise<number> {
    if (this.closed) return Promise.reject(new EngineError(ErrorCode.Unavailable, 'The history store is closed.'));
    const next = this.telemetryQueue.then(() => appendTelemetryBatch(this.telemetryWriter, batch));
    this.telemetryQueue = next.catch(() => undefined);
    return next;
  }

  /** Imports a telemetry file all or nothing (see `importTelemetryFile`); closing waits for it. */
  importTelemetry(request: TelemetryImportRequest, checks: ImportChecks, task: HistoryTask): Promise<{ stored: number; twins: number }> {
    if (this.closed) return Promise.reject(new EngineError(ErrorCode.Unavailable, 'The history store is closed.'));
    return this.track(importTelemetryFile(this.instance, this.stagingDir, request, checks, task));
  }

  /** Applies a retention policy now, in one transaction (see `applyRetention`). */
  applyRetention(policy: RetentionPolicy, now: Date): Promise<RetentionResult> {
    // Retention rewrites telemetry, so it also waits for the appends queued before it, and they for it.
    const appends = this.telemetryQueue;
    const done = this.exclusive(async () => {
      await appends;
      return applyRetention(this.writer, policy, now);
    });
    this.telemetryQueue = done.catch(() => undefined);
    return done;
  }

  /** Runs `work` on the writing connection after everything queued before it (simulation results use it). */
  withWriter<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.writer));
  }

  /** Replaces the `models` table: each model with its ancestors (the model itself first). */
  setModels(models: readonly ModelAncestry[]): Promise<void> {
    return this.exclusive(() =>
      this.transaction(async () => {
        await this.writer.run('DELETE FROM models');
        const rows = models.map((model) => [model.id, JSON.stringify(model.ancestors.includes(model.id) ? model.ancestors : [model.id, ...model.ancestors])]);
        await this.insert('models', ['id::VARCHAR', 'ancestors::JSON::VARCHAR[]'], rows);
      }),
    );
  }

  /** Waits for pending work, then closes the database and removes the staging folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.telemetryQueue.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    this.analytics.close();
    this.writer.disconnectSync();
    this.telemetryWriter.disconnectSync();
    this.instance.closeSync();
    await rm(this.stagingDir, { recursive: true, force: true });
  }

  /** Keeps `work` in sight until it settles, so `close` can wait for it. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /** Runs `work` after everything queued before it: one writer, one transaction at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngineError(ErrorCode.Unavailable, 'The history store is closed.'));
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async transaction(work: () => Promise<void>): Promise<void> {
    await this.writer.run('BEGIN TRANSACTION');
    try {
      await work();
      await this.writer.run('COMMIT');
    } catch (error) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** The mirror rows the batch needs, read once before the batch is projected (from memory when recently committed). */
  private async loadMirror(keys: KeySets): Promise<GraphMirror> {
    const mirror: GraphMirror = { twins: new Map(), relationships: new Map() };
    const twins = this.mirrorCache.fill('twins', keys.twins, mirror);
    if (twins.length > 0) {
      const twinRows = await this.writer.runAndReadAll('SELECT id, body FROM twins WHERE id IN (SELECT unnest(?::JSON::VARCHAR[]))', [JSON.stringify(twins)]);
      for (const [id, body] of twinRows.getRowsJS()) mirror.twins.set(String(id), parseBody(body));
    }
    const pairs = this.mirrorCache.fill('relationships', keys.relationships, mirror).map((key) => JSON.parse(key) as [string, string]);
    if (pairs.length > 0) {
      const relationshipRows = await this.writer.runAndReadAll(
        'SELECT r.source, r.id, r.body FROM relationships r JOIN (SELECT unnest(?::JSON::VARCHAR[]) AS s, unnest(?::JSON::VARCHAR[]) AS i) k ON r.source = k.s AND r.id = k.i',
        [JSON.stringify(pairs.map((pair) => pair[0])), JSON.stringify(pairs.map((pair) => pair[1]))],
      );
      for (const [source, id, body] of relationshipRows.getRowsJS()) mirror.relationships.set(JSON.stringify([String(source), String(id)]), parseBody(body));
    }
    return mirror;
  }

  /**
   * Replaces the mirror rows the batch changed with their state after it (deleted ones stay
   * gone). Only rows that may exist (the loaded keys) are deleted first; rows read only for
   * reference are left alone.
   */
  private async rewriteMirror(mirror: GraphMirror, keys: { load: KeySets; changed: KeySets }): Promise<void> {
    const replacedTwins = [...keys.changed.twins].filter((id) => keys.load.twins.has(id));
    if (replacedTwins.length > 0) await this.writer.run('DELETE FROM twins WHERE id IN (SELECT unnest(?::JSON::VARCHAR[]))', [JSON.stringify(replacedTwins)]);
    const twins = [...keys.changed.twins].flatMap((id) => {
      const body = mirror.twins.get(id);
      return body ? [[id, modelOf(body), JSON.stringify(body)]] : [];
    });
    await appendTextRows(this.writer, 'twins', twins);
    const replaced = [...keys.changed.relationships].filter((key) => keys.load.relationships.has(key)).map((key) => JSON.parse(key) as [string, string]);
    if (replaced.length > 0) {
      await this.writer.run(
        'DELETE FROM relationships r USING (SELECT unnest(?::JSON::VARCHAR[]) AS s, unnest(?::JSON::VARCHAR[]) AS i) k WHERE r.source = k.s AND r.id = k.i',
        [JSON.stringify(replaced.map((pair) => pair[0])), JSON.stringify(replaced.map((pair) => pair[1]))],
      );
    }
    const relationships = [...keys.changed.relationships].flatMap((key) => {
      const body = mirror.relationships.get(key);
      if (!body) return [];
      const [source, id] = JSON.parse(key) as [string, string];
      return [[source, id, textOf(body.$relationshipName), textOf(body.$targetId), JSON.stringify(body)]];
    });
    await appendTextRows(this.writer, 'relationships', relationships);
  }

  /** Multi-row INSERTs of `rows`, every value cast as `columns` says (`name::TYPE`). */
  private async insert(table: string, columns: readonly string[], rows: readonly (readonly (string | null)[])[]): Promise<void> {
    const casts = columns.map((column) => `?::${column.slice(column.indexOf('::') + 2)}`);
    const tuple = `(${casts.join(', ')})`;
    for (let start = 0; start < rows.length; start += rowsPerInsert) {
      const chunk = rows.slice(start, start + rowsPerInsert);
      const values: DuckDBValue[] = chunk.flat();
      await this.writer.run(`INSERT INTO ${table} VALUES ${chunk.map(() => tuple).join(', ')}`, values);
    }
  }
}

function parseBody(body: unknown): JsonRecord | null {
  if (typeof body !== 'string') return null;
  const parsed = JSON.parse(body) as unknown;
  return isRecord(parsed) ? parsed : null;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function modelOf(twin: JsonRecord): string | null {
  return isRecord(twin.$metadata) ? textOf(twin.$metadata.$model) : null;
}
