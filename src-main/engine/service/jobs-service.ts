import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  EngineError,
  ErrorCode,
  toErrorPayload,
  type ExportJobRequest,
  type ImportFormat,
  type ImportJobRequest,
  type JobInfo,
  type JobLog as JobLogLines,
  type JobProgress,
  type JobsService,
  type SampleJobRequest,
  type Rule,
} from '../../../src-shared/contract';
import { generateWorld, isSampleWorld, readWorldModels, sampleRecords, sampleRules, sampleWorlds } from '../samples';
import { detectFormat } from '../transfer/detect-format';
import { exportGraph } from '../transfer/graph-export';
import type { DeleteCounts } from '../transfer/delete-all';
import { importGraph, type ImportEnvironment } from '../transfer/graph-import';
import { JobLog, readJobLog } from '../transfer/job-log';
import { readCsv } from '../transfer/read-csv';
import { readExplorerJson } from '../transfer/read-explorer-json';
import { readExplorerXlsx } from '../transfer/read-explorer-xlsx';
import { readJobsNdjson } from '../transfer/read-jobs-ndjson';
import type { ImportReader } from '../transfer/records';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';

const readers: Readonly<Record<ImportFormat, ImportReader>> = { jobs: readJobsNdjson, explorer: readExplorerJson, xlsx: readExplorerXlsx, csv: readCsv };

interface Job {
  info: JobInfo;
  readonly controller: AbortController;
  readonly done: Promise<JobInfo>;
}

function checkJobId(id: unknown): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id)) {
    throw new EngineError(ErrorCode.InvalidArgument, 'A job id is 1 to 128 letters, digits, dots, dashes or underscores, starting with a letter or digit.', { id });
  }
  return id;
}

const emptyProgress: JobProgress = { bytesRead: 0, totalBytes: 0, models: 0, twins: 0, relationships: 0, rejected: 0 };

/** Bulk jobs (imports and exports): one at a time, with progress, cancellation and an ADT-shaped log. */
export class LocalJobsService implements JobsService {
  readonly onDidChange;
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly environment: ImportEnvironment & {
      readonly jobsDir: string;
      readonly resourcesDir?: string;
      /** Installs a sample world's rules once its graph is in place. */
      readonly addRules?: (rules: readonly Rule[]) => Promise<void>;
      /** Draws a sample world's floors and rooms as a 3D scene, once its graph is in place. */
      readonly addScene?: (world: string) => Promise<void>;
      /** Deletes everything (a delete job); runs inside the write queue. */
      readonly deleteAll?: (signal: AbortSignal, onProgress: (counts: DeleteCounts) => void) => Promise<DeleteCounts>;
    },
    private readonly writes: SerialQueue,
    private readonly changes: Emitter<JobInfo>,
  ) {
    this.onDidChange = changes.event;
  }

  private update(job: Job, change: Partial<JobInfo>): void {
    job.info = { ...job.info, ...change, lastActionDateTime: this.environment.graph.now().toISOString() };
    this.changes.fire(job.info);
  }

  /** Runs a job's work with its log: the final status line is written whatever happens. */
  private async logged(outputPath: string, id: string, work: (log: JobLog) => Promise<void>): Promise<void> {
    const log = new JobLog(outputPath, id, 'Import', this.environment.graph.now);
    try {
      await work(log);
      await log.finish('Succeeded');
    } catch (error) {
      const payload = toErrorPayload(error);
      await log.finish(payload.code === ErrorCode.Cancelled ? 'Cancelled' : 'Failed', payload);
      throw error;
    }
  }

  private reserve(id: string): void {
    if (this.jobs.has(checkJobId(id))) throw new EngineError(ErrorCode.Conflict, `A job named ${id} already exists; delete it or choose another id.`, { id });
    const running = [...this.jobs.values()].find((job) => job.info.status === 'running' || job.info.status === 'cancelling' || job.info.status === 'notstarted');
    if (running) throw new EngineError(ErrorCode.Conflict, `Job ${running.info.id} is still running; one bulk job runs at a time.`, { running: running.info.id });
  }

  private launch(info: JobInfo, work: (job: Job) => Promise<void>): JobInfo {
    const controller = new AbortController();
    const job: Job = { info, controller, done: Promise.resolve(info) };
    this.jobs.set(info.id, job);
    Object.assign(job, {
      done: work(job).then(
        () => {
          this.update(job, { status: 'succeeded', finishedDateTime: this.environment.graph.now().toISOString() });
          return job.info;
        },
        (error: unknown) => {
          const payload = toErrorPayload(error);
          this.update(job, { status: payload.code === ErrorCode.Cancelled ? 'cancelled' : 'failed', error: payload, finishedDateTime: this.environment.graph.now().toISOString() });
          return job.info;
        },
      ),
    });
    this.changes.fire(job.info);
    return job.info;
  }

  private newInfo(id: string, type: JobInfo['type'], format: JobInfo['format'], outputPath: string, extra: Partial<JobInfo>): JobInfo {
    const now = this.environment.graph.now().toISOString();
    return { id, type, status: 'running', format, outputPath, createdDateTime: now, lastActionDateTime: now, progress: emptyProgress, ...extra };
  }

  async startImport(id: string, request: ImportJobRequest): Promise<JobInfo> {
    this.reserve(id);
    if (typeof request?.inputPath !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'An import needs "inputPath", the file to read.');
    const size = await stat(request.inputPath).then(
      (info) => info.size,
      () => {
        throw new EngineError(ErrorCode.NotFound, `There is no file ${request.inputPath} to import.`, { path: request.inputPath });
      },
    );
    const format = request.format ?? (await detectFormat(request.inputPath));
    if (!Object.hasOwn(readers, format)) throw new EngineError(ErrorCode.InvalidArgument, `Unknown import format ${JSON.stringify(format)}; use jobs, explorer, xlsx or csv.`);
    await mkdir(this.environment.jobsDir, { recursive: true });
    const outputPath = request.outputPath ?? join(this.environment.jobsDir, `${id}.log.ndjson`);
    const info = this.newInfo(id, 'import', format, outputPath, { inputPath: request.inputPath, bestEffort: request.bestEffort === true, progress: { ...emptyProgress, totalBytes: size } });
    return this.launch(info, (job) =>
      this.writes.run(() =>
        this.logged(outputPath, id, async (log) => {
          let bytesRead = 0;
          let lastReport = 0;
          const report = (counts: { models: number; twins: number; relationships: number; rejected: number }, force = false) => {
            const now = Date.now();
            if (!force && now - lastReport < 250) return;
            lastReport = now;
            this.update(job, { progress: { bytesRead, totalBytes: size, ...counts } });
          };
          const counts = await importGraph(this.environment, readers[format](request.inputPath, (bytes) => (bytesRead = bytes)), {
            bestEffort: request.bestEffort === true,
            signal: job.controller.signal,
            onRejection: (rejection) => log.rejected(rejection),
            onSection: (section, status) => log.section(section, status),
            onProgress: (current) => report(current),
          });
          report(counts, true);
        }),
      ),
    );
  }

  async startSample(id: string, request: SampleJobRequest): Promise<JobInfo> {
    this.reserve(id);
    const world = request?.world;
    if (typeof world !== 'string' || !isSampleWorld(world)) {
      throw new EngineError(ErrorCode.InvalidArgument, `There is no sample world ${JSON.stringify(world)}; choose one of ${sampleWorlds.join(', ')}.`);
    }
    if (!this.environment.resourcesDir) throw new EngineError(ErrorCode.Unavailable, 'This engine was opened without its resources folder, so it has no sample worlds.');
    const generated = generateWorld(world, { scale: request.scale, seed: request.seed });
    const models = await readWorldModels(join(this.environment.resourcesDir, 'worlds', world, 'models'));
    await mkdir(this.environment.jobsDir, { recursive: true });
    const outputPath = join(this.environment.jobsDir, `${id}.log.ndjson`);
    const totalEntities = generated.counts.twins + generated.counts.relationships;
    const info = this.newInfo(id, 'sample', world, outputPath, { progress: { ...emptyProgress, totalEntities } });
    return this.launch(info, async (job) => {
      await this.writes.run(() =>
        this.logged(outputPath, id, async (log) => {
          const counts = await importGraph(this.environment, sampleRecords(models, generated), {
            bestEffort: false,
            signal: job.controller.signal,
            onRejection: (rejection) => log.rejected(rejection),
            onSection: (section, status) => log.section(section, status),
            onProgress: (current) => this.update(job, { progress: { ...emptyProgress, ...current, totalEntities } }),
          });
          this.update(job, { progress: { ...emptyProgress, ...counts, totalEntities } });
          await this.environment.addRules?.(sampleRules(world));
        }),
      );
      // Outside the write queue: the scene is built from queries and stored with a write of its own.
      await this.environment.addScene?.(world);
    });
  }

  async startDelete(id: string): Promise<JobInfo> {
    this.reserve(id);
    const deleteEverything = this.environment.deleteAll;
    if (!deleteEverything) throw new EngineError(ErrorCode.Unavailable, 'This engine cannot run delete jobs.');
    await mkdir(this.environment.jobsDir, { recursive: true });
    const info = this.newInfo(id, 'delete', 'all', join(this.environment.jobsDir, `${id}.log.ndjson`), {});
    return this.launch(info, (job) =>
      this.writes.run(async () => {
        const counts = await deleteEverything(job.controller.signal, (current) => this.update(job, { progress: { ...emptyProgress, ...current } }));
        this.update(job, { progress: { ...emptyProgress, ...counts } });
      }),
    );
  }

  async startExport(id: string, request: ExportJobRequest): Promise<JobInfo> {
    this.reserve(id);
    if (typeof request?.outputPath !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'An export needs "outputPath", the file to write.');
    const format = request.format ?? 'explorer';
    if (format !== 'jobs' && format !== 'explorer') throw new EngineError(ErrorCode.InvalidArgument, `Unknown export format ${JSON.stringify(format)}; use jobs or explorer.`);
    const info = this.newInfo(id, 'export', format, request.outputPath, {});
    return this.launch(info, async (job) => {
      const db = this.environment.openConnection();
      try {
        await exportGraph(db, request.outputPath, format, job.controller.signal, (counts) => this.update(job, { progress: { ...emptyProgress, ...counts } }));
      } finally {
        db.close();
      }
    });
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new EngineError(ErrorCode.NotFound, `There is no job ${id}.`, { id });
    return job;
  }

  async get(id: string): Promise<JobInfo> {
    return this.job(id).info;
  }

  async list(): Promise<JobInfo[]> {
    return [...this.jobs.values()].map((job) => job.info).reverse();
  }

  async wait(id: string): Promise<JobInfo> {
    return this.job(id).done;
  }

  async cancel(id: string): Promise<JobInfo> {
    const job = this.job(id);
    if (job.info.status === 'running') {
      job.controller.abort();
      this.update(job, { status: 'cancelling' });
    }
    return job.info;
  }

  async log(id: string, options: { readonly limit?: number } = {}): Promise<JobLogLines> {
    const job = this.job(id);
    if (job.info.type === 'export' || job.info.type === 'delete') throw new EngineError(ErrorCode.InvalidArgument, `Job ${id} is ${job.info.type === 'export' ? 'an export' : 'a delete'}; only imports and samples keep a log.`, { id });
    if (job.info.status === 'running' || job.info.status === 'cancelling') throw new EngineError(ErrorCode.Conflict, `Job ${id} is still running; its log is complete once it has finished.`, { id });
    const limit = options.limit ?? 1_000;
    if (!Number.isInteger(limit) || limit < 1) throw new EngineError(ErrorCode.InvalidArgument, `The log limit must be a whole number of lines ≥ 1; got ${JSON.stringify(limit)}.`, { limit });
    return readJobLog(job.info.outputPath, limit);
  }

  async delete(id: string): Promise<void> {
    const job = this.job(id);
    if (job.info.status === 'running' || job.info.status === 'cancelling') throw new EngineError(ErrorCode.Conflict, `Job ${id} is still running; cancel it first.`, { id });
    this.jobs.delete(id);
  }
}
