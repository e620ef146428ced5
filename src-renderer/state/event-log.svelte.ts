import type { EngineApi } from '../../src-shared/contract';
import { alertEntry, eventCategories, EventRing, failureEntry, graphEntry, readingEntry, type EventCategory, type LogEntry } from '../features/event-flow/event-log';

/** Entries the log keeps; older ones drop off. */
export const eventLogCapacity = 10_000;
/** The view is redrawn at most this often, however fast events arrive. */
const redrawMs = 250;

/** The live event log: every graph change, reading, alert and failed delivery, filtered, pausable, bounded. */
export class EventLogState {
  /** What the view shows: entries passing the filter, newest first. */
  shown = $state.raw<LogEntry[]>([]);
  categories = $state.raw<readonly EventCategory[]>(eventCategories.map((category) => category.id));
  subject = $state('');
  text = $state('');
  paused = $state(false);
  /** Entries received since the page opened, and since the log was paused. */
  received = $state(0);
  sincePause = $state(0);
  private readonly ring = new EventRing(eventLogCapacity);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pausedAt = 0;

  constructor(api: EngineApi) {
    api.twins.onDidChange((events) => this.take(events.map(graphEntry)));
    // A burst bigger than the log costs only the readings it keeps.
    api.telemetry.onDidPublish((readings) => this.take(readings.slice(-eventLogCapacity).map(readingEntry), Math.max(0, readings.length - eventLogCapacity)));
    api.rules.onDidAlert((alert) => this.take([alertEntry(alert)]));
    api.routes.onDidFail((failure) => this.take([failureEntry(failure)]));
  }

  private take(entries: readonly Omit<LogEntry, 'seq'>[], dropped = 0): void {
    this.ring.push(entries, dropped);
    this.schedule();
  }

  /** Coalesces redraws: a burst of thousands of events costs one filter pass and one render. */
  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.received = this.ring.received;
      if (this.paused) this.sincePause = this.ring.received - this.pausedAt;
      else this.redraw();
    }, redrawMs);
  }

  /** Applies the filter now. */
  redraw(): void {
    this.shown = this.ring.newestFirst({ categories: this.categories, subject: this.subject, text: this.text }, this.paused ? this.pausedAt : Infinity);
  }

  toggleCategory(category: EventCategory): void {
    this.categories = this.categories.includes(category) ? this.categories.filter((other) => other !== category) : [...this.categories, category];
    this.redraw();
  }

  /** Freezes the view (events are still kept) or catches up. */
  togglePause(): void {
    this.paused = !this.paused;
    this.pausedAt = this.ring.received;
    this.sincePause = 0;
    this.redraw();
  }

  clear(): void {
    this.ring.clear();
    this.redraw();
  }
}
