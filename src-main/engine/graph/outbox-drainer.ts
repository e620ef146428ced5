import type { Database, Statement } from 'better-sqlite3';
import type { Disposable, GraphEvent } from '../../../src-shared/contract';
import type { Outbox } from './outbox';

/**
 * A consumer of the outbox. A subscriber that stores its effects somewhere else keeps its own
 * position (`position`, read once at subscription) and records it with its effects, so a crash
 * neither loses nor repeats anything. Otherwise the drainer persists the position after each
 * handled batch (at-least-once: `seq` lets the handler drop a repeat), or, for `transient`
 * subscribers such as a UI connection, keeps it in memory from the moment they subscribe.
 */
export interface OutboxSubscriber {
  readonly name: string;
  handle(events: readonly GraphEvent[]): void | Promise<void>;
  position?(): number | Promise<number>;
  readonly transient?: boolean;
  /** For a transient subscriber: false while nobody listens, so events are skipped unread. */
  active?(): boolean;
}

interface Cursor {
  readonly subscriber: OutboxSubscriber;
  position: number;
  running: boolean;
  again: boolean;
  closed: boolean;
  failures: number;
}

const batchSize = 500;

/** Hands the outbox's events, in order, to each subscriber, and remembers how far each got. */
export class OutboxDrainer {
  private readonly cursors = new Set<Cursor>();
  private readonly idle = new Set<() => void>();
  private readonly loadPosition: Statement<[string], { seq: number }>;
  private readonly savePosition: Statement<[string, number]>;

  constructor(
    db: Database,
    private readonly outbox: Outbox,
    private readonly onError: (subscriber: string, error: unknown) => void = (name, error) => console.error(`Outbox subscriber ${name} failed:`, error),
  ) {
    this.loadPosition = db.prepare('SELECT seq FROM outbox_positions WHERE subscriber = ?');
    this.savePosition = db.prepare('INSERT INTO outbox_positions (subscriber, seq) VALUES (?, ?) ON CONFLICT (subscriber) DO UPDATE SET seq = excluded.seq');
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
        for (const resolve of this.idle) resolve();
        this.idle.clear();
      }
    });
  }

  private async deliver(cursor: Cursor): Promise<void> {
    const { subscriber } = cursor;
    if (subscriber.transient && subscriber.active && !subscriber.active()) {
      cursor.position = this.outbox.lastSeq();
      return;
    }
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
      if (!subscriber.transient && !subscriber.position) this.savePosition.run(subscriber.name, cursor.position);
    }
  }
}
