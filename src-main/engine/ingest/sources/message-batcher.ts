import type { DeviceMessage, MessageOutcome } from '../device-pipeline';
import type { SourceCounters } from './source-counters';

/** Called once per message: an error means it was not stored and must not be acknowledged. */
export type MessageDone = (error: Error | null, outcome?: MessageOutcome) => void;

interface Pending {
  readonly message: DeviceMessage;
  readonly done: MessageDone;
}

const maxBatch = 5_000;

/**
 * Gathers the messages a source receives into batches (everything that arrived while the previous
 * batch was being stored), applies each batch, counts the outcomes and answers every message once
 * its readings are durable. One batch is stored at a time, so a burst becomes a few big batches.
 */
export class MessageBatcher {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(
    private readonly apply: (messages: readonly DeviceMessage[]) => Promise<MessageOutcome[]>,
    private readonly counters: SourceCounters,
  ) {}

  /** Queues a message; `done` hears when it is stored, refused (with the outcome) or failed. */
  push(message: DeviceMessage, done: MessageDone): void {
    this.queue.push({ message, done });
    if (!this.flushing && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Resolves when everything queued so far has been answered. */
  async drained(): Promise<void> {
    while (this.flushing || this.scheduled || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.length > maxBatch ? this.queue.splice(0, maxBatch) : this.queue;
        if (batch === this.queue) this.queue = [];
        await this.store(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async store(batch: readonly Pending[]): Promise<void> {
    let outcomes: MessageOutcome[];
    try {
      outcomes = await this.apply(batch.map((pending) => pending.message));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const pending of batch) {
        this.counters.failed('storeFailed', `Could not store the reading: ${failure.message}`);
        pending.done(failure);
      }
      return;
    }
    let stored = 0;
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) stored++;
      else this.counters.failed(outcome.reason, outcome.message);
      batch[i]!.done(null, outcome);
    });
    this.counters.stored(stored);
  }
}
