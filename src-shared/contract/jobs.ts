import type { ErrorPayload } from './errors';
import type { Event } from './event';

/** File formats an import reads: ADT import-job NDJSON, ADT Explorer JSON or Excel, or CSV. */
export type ImportFormat = 'jobs' | 'explorer' | 'xlsx' | 'csv';

/** File formats an export writes; both re-import to the same graph. */
export type ExportFormat = 'jobs' | 'explorer';

/** ADT's job states. */
export type JobStatus = 'notstarted' | 'running' | 'succeeded' | 'failed' | 'cancelling' | 'cancelled';

export interface ImportJobRequest {
  /** The file to read, on the engine's machine. */
  readonly inputPath: string;
  /** Detected from the file when absent. */
  readonly format?: ImportFormat;
  /** Apply what is valid and log every refused record; by default one refusal fails the import. */
  readonly bestEffort?: boolean;
  /** Where the job log (ADT's NDJSON shape) goes; a file in the workspace's jobs folder by default. */
  readonly outputPath?: string;
}

/** A sample world to create: its models and a generated, deterministic graph. */
export interface SampleJobRequest {
  /** `campus`, `factory` or `grid`. */
  readonly world: string;
  /** Campus: buildings; factory: factories; grid: regions. Default 1. */
  readonly scale?: number;
  /** The same world, scale and seed give the same graph. Default 1. */
  readonly seed?: number;
}

export interface ExportJobRequest {
  readonly outputPath: string;
  readonly format?: ExportFormat;
}

/** Where a job has got to. */
export interface JobProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly models: number;
  readonly twins: number;
  readonly relationships: number;
  readonly rejected: number;
  /** Entities a sample job will create (imports measure progress in bytes instead). */
  readonly totalEntities?: number;
}

export interface JobInfo {
  readonly id: string;
  readonly type: 'import' | 'export' | 'sample' | 'delete';
  readonly status: JobStatus;
  /** The file format, or for a sample job the world's name. */
  readonly format: ImportFormat | ExportFormat | string;
  readonly inputPath?: string;
  /** The log of an import or a sample, or the file an export writes. */
  readonly outputPath: string;
  readonly bestEffort?: boolean;
  readonly createdDateTime: string;
  readonly lastActionDateTime: string;
  readonly finishedDateTime?: string;
  readonly progress: JobProgress;
  readonly error?: ErrorPayload;
}

/** A line of a job's log (ADT's shape): a section started or finished, a refused record, or the final status. */
export interface JobLogEntry {
  readonly timestamp: string;
  readonly logType: 'Info' | 'Error';
  readonly details: {
    readonly section?: string;
    readonly status?: string;
    /** Line of the input file a refused record starts at. */
    readonly line?: number;
    /** Id of the refused twin or relationship. */
    readonly id?: string;
    readonly code?: string;
    readonly message?: string;
  };
}

/** A job's log as read back: its first lines, and how many more there are. */
export interface JobLog {
  readonly entries: readonly JobLogEntry[];
  /** Lines left out after the limit. */
  readonly omitted: number;
}

export interface JobsService {
  /** Starts an import; one bulk job runs at a time (Conflict otherwise). */
  startImport(id: string, request: ImportJobRequest): Promise<JobInfo>;
  startExport(id: string, request: ExportJobRequest): Promise<JobInfo>;
  /** Creates a sample world in the workspace (models, twins, relationships), all or nothing. */
  startSample(id: string, request: SampleJobRequest): Promise<JobInfo>;
  /** Deletes every relationship, twin and model of the workspace, as ADT's delete job does; what it deleted stays deleted if cancelled. */
  startDelete(id: string): Promise<JobInfo>;
  get(id: string): Promise<JobInfo>;
  /** Jobs of this session, newest first. */
  list(): Promise<JobInfo[]>;
  /** Resolves when the job has finished, with its final state. */
  wait(id: string): Promise<JobInfo>;
  cancel(id: string): Promise<JobInfo>;
  /** The log of a finished import or sample job of this session, up to `limit` lines (default 1,000). */
  log(id: string, options?: { readonly limit?: number }): Promise<JobLog>;
  /** Forgets a finished job. */
  delete(id: string): Promise<void>;
  /** Every change of a job's status or progress. */
  onDidChange: Event<JobInfo>;
}
