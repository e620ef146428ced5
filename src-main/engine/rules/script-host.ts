import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { DigitalTwin, JsonPatchOperation } from '../../../src-shared/contract';
import type { CompiledRule } from './rule-compile';
import type { ScriptDispatch } from './rule-engine';
import type { TwinChange } from './rule-state';
import { scriptWorkerSource } from './script-worker-source';

/** What scripts may do, carried out by the engine on their behalf. */
export interface ScriptApi {
  get(twinId: string): Promise<DigitalTwin>;
  /** Applies a script's patch; the engine treats its names as a change one step deeper. */
  patch(twinId: string, patch: readonly JsonPatchOperation[], depth: number): Promise<void>;
  query(text: string): Promise<unknown[]>;
  publish(ruleId: string, twinId: string, type: string, data: unknown): void;
  failed(ruleId: string, twinId: string, reason: string): void;
  log(ruleId: string, text: string): void;
}

/** Default time limit of one script run, in milliseconds. */
export const defaultScriptTimeoutMs = 1000;
/** Script runs waiting beyond this are dropped (and counted) so a slow script cannot hold memory. */
const maxQueued = 10_000;

type ScriptRule = Extract<CompiledRule, { kind: 'script' }>;
interface Job {
  readonly rule: ScriptRule;
  readonly twinId: string;
  readonly event: string;
  readonly depth: number;
}

/**
 * Runs script rules one event at a time in a worker thread. A run that exceeds its time limit
 * has its worker terminated (a fresh one serves the next run); errors are reported per rule.
 */
export class ScriptHost implements ScriptDispatch {
  private worker: Worker | undefined;
  private queue: Job[] = [];
  private busy = false;
  private seq = 0;
  private active: { seq: number; job: Job; worker: Worker; finish: (error: string) => void } | undefined;
  private closed = false;

  constructor(private readonly api: ScriptApi) {}

  /** Queues a run of `rule` for a change of `twinId`. */
  dispatch(rule: ScriptRule, twinId: string, change: TwinChange): void {
    if (this.closed) return;
    if (this.queue.length >= maxQueued) {
      this.api.failed(rule.id, twinId, `dropped: more than ${maxQueued} script runs are waiting`);
      return;
    }
    const event = JSON.stringify({ twinId, kind: change.cause.kind, properties: [...change.properties], telemetry: [...change.telemetry], cause: change.cause });
    this.queue.push({ rule, twinId, event, depth: change.depth + 1 });
    void this.pump();
  }

  /** Resolves when no script run is waiting or running. */
  async idle(): Promise<void> {
    while (this.busy || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Stops the worker; queued runs are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue = [];
    this.active?.finish('the workspace closed');
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private ready: Promise<void> = Promise.resolve();

  private start(): Worker {
    const worker = new Worker(scriptWorkerSource, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 }, stdout: true, stderr: true });
    worker.on('message', (message: { type: string; seq: number; text?: string; error?: string }) => {
      if (!this.active || message.seq !== this.active.seq) return;
      if (message.type === 'done') this.active.finish(message.error ?? '');
      else if (message.type === 'call' && message.text) void this.answer(worker, this.active.job, message.text);
    });
    // Only the run this worker was serving fails with it: a stopped worker's late exit must not end the next run.
    worker.on('error', (error) => this.active?.worker === worker && this.active.finish(`the script worker failed: ${error.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      if (this.active?.worker === worker) this.active.finish('the script worker stopped');
    });
    worker.unref();
    // The time limit covers the script, not the worker's start-up.
    this.ready = new Promise((resolve) => {
      worker.once('online', () => resolve());
      worker.once('exit', () => resolve());
    });
    return worker;
  }

  private async answer(worker: Worker, job: Job, text: string): Promise<void> {
    const request = JSON.parse(text) as { id: number; op: string; args: unknown[] };
    let reply: { id: number; ok: boolean; value?: unknown; error?: string };
    try {
      let value: unknown = null;
      const [first, second] = request.args as [string, unknown];
      if (request.op === 'get') value = await this.api.get(first);
      else if (request.op === 'patch') await this.api.patch(first, second as JsonPatchOperation[], job.depth);
      else if (request.op === 'query') value = await this.api.query(first);
      else if (request.op === 'publish') this.api.publish(job.rule.id, job.twinId, first, second);
      else if (request.op === 'log') this.api.log(job.rule.id, first);
      reply = { id: request.id, ok: true, value };
    } catch (error) {
      reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (request.id !== 0 && this.worker === worker) worker.postMessage({ type: 'reply', text: JSON.stringify(reply) });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let job = this.queue.shift(); job && !this.closed; job = this.queue.shift()) await this.run(job);
    } finally {
      this.busy = false;
    }
  }

  private async run(job: Job): Promise<void> {
    const worker = (this.worker ??= this.start());
    await this.ready;
    const seq = ++this.seq;
    const timeoutMs = job.rule.rule.timeoutMs ?? defaultScriptTimeoutMs;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        finish(`did not finish within ${timeoutMs} ms and was stopped`);
        this.worker = undefined;
        void worker.terminate();
      }, timeoutMs);
      const finish = (error: string) => {
        if (this.active?.seq !== seq) return;
        clearTimeout(timer);
        this.active = undefined;
        if (error) this.api.failed(job.rule.id, job.twinId, error);
        resolve();
      };
      this.active = { seq, job, worker, finish };
      const key = createHash('sha1').update(job.rule.id).update('\0').update(job.rule.rule.code).digest('hex');
      worker.postMessage({ type: 'run', seq, key, ruleId: job.rule.id, code: job.rule.rule.code, event: job.event });
    });
  }
}
