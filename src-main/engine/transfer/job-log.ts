import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ErrorPayload, JobLog as JobLogLines, JobLogEntry } from '../../../src-shared/contract';
import type { Rejection } from './graph-import';
import type { Section } from './records';

/** A job's log in ADT's NDJSON shape: one `{ timestamp, jobId, jobType, logType, details }` per line. */
export class JobLog {
  private readonly stream: WriteStream;

  constructor(
    path: string,
    private readonly jobId: string,
    private readonly jobType: 'Import' | 'Export',
    private readonly now: () => Date,
  ) {
    this.stream = createWriteStream(path);
  }

  private line(logType: 'Info' | 'Error', details: Record<string, unknown>): void {
    this.stream.write(`${JSON.stringify({ timestamp: this.now().toISOString(), jobId: this.jobId, jobType: this.jobType, logType, details })}\n`);
  }

  section(section: Section, status: 'Started' | 'Succeeded'): void {
    this.line('Info', { section, status });
  }

  rejected(rejection: Rejection): void {
    const { section, line, id, error } = rejection;
    this.line('Error', { section, ...(line !== undefined ? { line } : {}), ...(id !== undefined ? { id } : {}), code: error.code, message: error.message });
  }

  /** Writes the final status and closes the file. */
  finish(status: 'Succeeded' | 'Failed' | 'Cancelled', error?: ErrorPayload): Promise<void> {
    this.line(status === 'Succeeded' ? 'Info' : 'Error', { status, ...(error ? { code: error.code, message: error.message } : {}) });
    return new Promise((resolve) => this.stream.end(resolve));
  }
}

/** Reads a job's log back: its first `limit` lines (as the contract shapes them) and how many more it has. */
export async function readJobLog(path: string, limit: number): Promise<JobLogLines> {
  const entries: JobLogEntry[] = [];
  let omitted = 0;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (entries.length >= limit) {
      omitted++;
      continue;
    }
    const { timestamp, logType, details } = JSON.parse(line) as JobLogEntry;
    entries.push({ timestamp, logType, details });
  }
  return { entries, omitted };
}
