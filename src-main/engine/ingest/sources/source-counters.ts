import type { RejectReason } from '../../../../src-shared/contract';

const windowSeconds = 5;

/** A source's live counters: stored messages, failures by reason, the last error and a recent rate. */
export class SourceCounters {
  messages = 0;
  errors = 0;
  readonly reasons: Partial<Record<RejectReason, number>> = {};
  lastError: string | undefined;
  lastErrorTime: string | undefined;
  private readonly perSecond = new Map<number, number>();
  private readonly startedAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  /** Counts messages whose readings were stored. */
  stored(count: number): void {
    if (count === 0) return;
    this.messages += count;
    const second = Math.floor(this.now() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + count);
    if (this.perSecond.size > windowSeconds + 2) {
      for (const key of this.perSecond.keys()) if (key < second - windowSeconds) this.perSecond.delete(key);
    }
  }

  /** Counts a refused message or a connection problem, with its reason. */
  failed(reason: RejectReason, message: string): void {
    this.errors++;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
    this.lastError = message;
    this.lastErrorTime = new Date(this.now()).toISOString();
  }

  /** Messages per second over the last few whole seconds (fewer when the source is younger). */
  rate(): number {
    const now = this.now();
    const current = Math.floor(now / 1000);
    let total = 0;
    for (const [second, count] of this.perSecond) if (second < current && second >= current - windowSeconds) total += count;
    const seconds = Math.min(windowSeconds, Math.floor((now - this.startedAt) / 1000));
    if (seconds >= 1) return Math.round(total / seconds);
    const elapsed = (now - this.startedAt) / 1000;
    return elapsed > 0 ? Math.round((this.perSecond.get(current) ?? 0) / elapsed) : 0;
  }

  /** The counters as a status carries them. */
  snapshot() {
    return {
      messages: this.messages,
      messagesPerSecond: this.rate(),
      errors: this.errors,
      reasons: { ...this.reasons },
      ...(this.lastError !== undefined ? { lastError: this.lastError, lastErrorTime: this.lastErrorTime } : {}),
    };
  }
}
