import type { Database, Statement } from 'better-sqlite3';
import { setImmediate } from 'node:timers';
import type { Disposable, GraphEvent } from '../../../src-shared/contract';
import type { Outbox } from './outbox';

/**
 * A consumer of the outbox. A subscriber that stores its effects somewhere else keeps its own
 * position (`position`, read once at subscription) and records it with its effects, so a crash
 * neither loses nor repeats anything. Otherwise the drainer persists the position after each
 * handled batch (at-least-once: `seq` lets the handler drop a repeat), or, for `transient`
 * subscribers such as a UI connection, keeps it in memory from the moment they subscribe.
 * Every subscriber is handed the same event objects: a handler reads them and never changes them.
 */
export interface OutboxSubscriber {
  readonly name: string;
  handle(events: readonly GraphEvent[]): void | Promise<void>;
  position?(): number | Promise<number>;
  readonly transient?: boolean;
  /**
   * False while the subscriber would do nothing with events (a live view nobody watches, routes
   * when none are set up): they are skipped unread and its position moves past them. Not for a
   * subscriber that keeps its own position.
   */
  active?(): boolean;
  /** Most events handed over at once (500 by default); one that pays per batch (a transaction) takes more. */
  readonly batchSize?: number;
}

interface Cursor {
  readonly subscriber: OutboxSubscriber;
  position: number;
  running: boolean;
  again: boolean;
  closed: boolean;
  failures: number;
}

const defaultBatchSize = 500;

/** How many of the newest events the outbox keeps even when every subscriber has them. */
export const defaultRetainedEvents = 10_000;

/** Hands the outbox's events, in order, to each subscriber, and remembers how far each got. */
export class OutboxDrainer {
  private readonly cursors = new Set<Cursor>();
  private readonly idle = new Set<() => void>();
  private readonly loadPosition: Statement<[string], { seq: number }>;
  private readonly savePosition: Statement<[string, number]>;
  private readonly slowestPosition: Statement<[], { seq: number | null }>;
  private readonly deleteUpTo: Statement<[number]>;
  private prunedUpTo = 0;

  constructor(
    db: Database,
    private readonly outbox: Outbox,
    private readonly onError: (subscriber: string, error: unknown) => void = (name, error) => console.error(`Outbox subscriber ${name} failed:`, error),
    private readonly retainedEvents: number = defaultRetainedEvents,
  ) {
    this.loadPosition = db.prepare('SELECT seq FROM outbox_positions WHERE subscriber = ?');
    this.savePosition = db.prepare('INSERT INTO outbox_positions (subscriber, seq) VALUES (?, ?) ON CONFLICT (subscriber) DO UPDATE SET seq = excluded.seq');
    this.slowestPosition = db.prepare('SELECT min(seq) AS seq FROM outbox_positions');
    this.deleteUpTo = db.prepare('DELETE FROM outbox WHERE seq <= ?');
  }

  /**
   * Deletes events every durable subscriber has handled (as far as `outbox_positions` records,
   * wherever the subscriber runs), keeping at least the newest `retainedEvents`, so the outbox
   * does not grow without bound. Returns the number of the newest event deleted so far.
   */
  prune(): number {
    const recorded = this.slowestPosition.get()?.seq ?? 0;
    const here = [...this.cursors].filter((cursor) => !cursor.subscriber.transient).map((cursor) => cursor.position);
    const cutoff = Math.min(recorded, ...here, this.outbox.lastSeq() - this.retainedEvents);
    if (cutoff > this.prunedUpTo) {
      this.deleteUpTo.run(cutoff);
      this.prunedUpTo = cutoff;
    }
    return this.prunedUpTo;
  }

  /** Starts delivering to `subscriber` from where it left off. */
  async subscribe(subscriber: OutboxSubscriber): Promise<Disposable> {
    const position = subscriber.transient
      ? this.outbox.lastSeq()
      : subscriber.position
        ? await subscriber.position()
        : (this.loadPosition.get(subscriber.name)?.seq ?? 0);
    const cursor: Cursor = { subscriber, position, running: false, again: false, closed: false, failures: 0 };
    this.cursors.add(cursor);
    this.run(cursor);
    return {
      dispose: () => {
        cursor.closed = true;
        this.cursors.delete(cursor);
      },
    };
  }

  /** Wakes every subscriber: call after a commit. */
  notify(): void {
    for (const cursor of this.cursors) this.run(cursor);
  }

  /** Resolves when every subscriber has handled every committed event. */
  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private isIdle(): boolean {
    const last = this.outbox.lastSeq();
    return [...this.cursors].every((cursor) => !cursor.running && (cursor.position >= last || cursor.failures > 0));
  }

  private run(cursor: Cursor): void {
    if (cursor.running) {
      cursor.again = true;
      return;
    }
    cursor.running = true;
    void this.deliver(cursor).finally(() => {
      cursor.running = false;
      if (cursor.again && !cursor.closed) {
        cursor.again = false;
        this.run(cursor);
      } else if (this.isIdle()) {
        // Pruning waits for quiet moments, and for a worthwhile amount to delete.
        if (this.outbox.lastSeq() - this.prunedUpTo > 2 * this.retainedEvents) this.safely(() => this.prune());
        for (const resolve of this.idle) resolve();
        this.idle.clear();
      }
    });
  }

  private async deliver(cursor: Cursor): Promise<void> {
    const { subscriber } = cursor;
    if (subscriber.active && !subscriber.active()) {
      cursor.position = this.outbox.lastSeq();
      if (!subscriber.transient) this.safely(() => this.savePosition.run(subscriber.name, cursor.position));
      return;
    }
    const batchSize = subscriber.batchSize ?? defaultBatchSize;
    while (!cursor.closed) {
      const events = this.outbox.after(cursor.position, batchSize);
      if (events.length === 0) return;
      try {
        await subscriber.handle(events);
      } catch (error) {
        cursor.failures++;
        this.onError(subscriber.name, error);
        // Retry later with backoff; the position stays, so nothing is skipped.
        setTimeout(() => this.run(cursor), Math.min(30_000, 100 * 2 ** cursor.failures)).unref();
        return;
      }
      cursor.failures = 0;
      cursor.position = events.at(-1)!.seq;
      // Kept for every durable subscriber (for those with their own position, as a record that
      // tells pruning how far they are, even when they run in another process).
      if (!subscriber.transient) this.safely(() => this.savePosition.run(subscriber.name, cursor.position));
      // A long backlog (after a bulk import) is delivered a batch per turn of the event loop, so
      // requests, timers and file writes keep going while subscribers catch up.
      if (events.length === batchSize) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Bookkeeping that must not break delivery (the database may be busy with a bulk import). */
  private safely(work: () => unknown): void {
    try {
      work();
    } catch (error) {
      this.onError('outbox bookkeeping', error);
    }
  }
}
