import type { GraphEvent, RouteFailure, RuleAlert, TelemetryReading } from '../../../src-shared/contract';

/** What an event log entry is about; the log filters by these. */
export type EventCategory = 'twin' | 'relationship' | 'telemetry' | 'alert' | 'delivery';

export const eventCategories: readonly { readonly id: EventCategory; readonly label: string }[] = [
  { id: 'twin', label: 'Twins' },
  { id: 'relationship', label: 'Relationships' },
  { id: 'telemetry', label: 'Telemetry' },
  { id: 'alert', label: 'Alerts' },
  { id: 'delivery', label: 'Failed deliveries' },
];

/** One line of the live event log. */
export interface LogEntry {
  /** Numbered in arrival order, from 1. */
  readonly seq: number;
  readonly time: string;
  readonly category: EventCategory;
  /** ADT's CloudEvents type for graph events; `Telemetry`, `Alert raised` or `Alert cleared` otherwise. */
  readonly type: string;
  /** The twin (or `<source>/relationships/<id>`) the event is about. */
  readonly subject: string;
  /** One line for people: the value, the patch, the alert's message. */
  readonly text: string;
  /** The event as it came, for the details view. */
  readonly data: unknown;
}

/** What the log shows: categories, a twin or subject, and free text (all case-insensitive). */
export interface LogFilter {
  readonly categories: readonly EventCategory[];
  readonly subject: string;
  readonly text: string;
}

type NewEntry = Omit<LogEntry, 'seq'>;

const shortType = (type: string) => type.replace(/^Microsoft\.DigitalTwins\./, '');
const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

function graphText(event: GraphEvent): string {
  const data = event.data as { patch?: unknown; $metadata?: { $model?: string }; $relationshipName?: string; $targetId?: string } | null;
  if (event.type.endsWith('.Update')) return clip(JSON.stringify(data?.patch ?? data));
  if (event.type.startsWith('Microsoft.DigitalTwins.Relationship.')) return `${data?.$relationshipName ?? ''} → ${data?.$targetId ?? ''}`;
  return data?.$metadata?.$model ?? '';
}

/** A graph change as a log entry. */
export function graphEntry(event: GraphEvent): NewEntry {
  const category = event.type.startsWith('Microsoft.DigitalTwins.Relationship.') ? 'relationship' : 'twin';
  return { time: event.time, category, type: shortType(event.type), subject: event.subject, text: graphText(event), data: event };
}

/** A stored reading as a log entry. */
export function readingEntry(reading: TelemetryReading): NewEntry {
  const value = typeof reading.value === 'number' ? String(reading.value) : clip(JSON.stringify(reading.value));
  const subject = reading.component ? `${reading.twinId}/${reading.component}` : reading.twinId;
  return { time: reading.time, category: 'telemetry', type: 'Telemetry', subject, text: `${reading.name} = ${value}`, data: reading };
}

/** An alert raised or cleared as a log entry. */
export function alertEntry(alert: RuleAlert): NewEntry {
  return { time: alert.time, category: 'alert', type: `Alert ${alert.state}`, subject: alert.twinId, text: `${alert.severity}: ${alert.message} (rule ${alert.ruleId})`, data: alert };
}

/** An event a route's endpoint refused after its retries (it went to the dead-letter file) as a log entry. */
export function failureEntry(failure: RouteFailure): NewEntry {
  return {
    time: failure.time,
    category: 'delivery',
    type: 'Delivery failed',
    subject: failure.subject ?? '',
    text: `${shortType(failure.eventType)} by route ${failure.routeId} to ${failure.endpointName}: ${failure.error} (kept in ${failure.deadLetterFile})`,
    data: failure,
  };
}

/** True when the entry passes the filter. */
export function matches(entry: LogEntry, filter: LogFilter): boolean {
  if (!filter.categories.includes(entry.category)) return false;
  const subject = filter.subject.trim().toLowerCase();
  if (subject && !entry.subject.toLowerCase().includes(subject)) return false;
  const text = filter.text.trim().toLowerCase();
  return !text || entry.text.toLowerCase().includes(text) || entry.type.toLowerCase().includes(text);
}

/**
 * The newest `capacity` entries in a fixed ring: memory stays bounded whatever the event rate,
 * and a batch bigger than the ring costs only its last `capacity` entries.
 */
export class EventRing {
  private readonly slots: (LogEntry | undefined)[];
  private next = 0;
  /** Entries received since the start, kept or not. */
  received = 0;

  constructor(readonly capacity: number) {
    this.slots = new Array<LogEntry | undefined>(capacity);
  }

  /** Adds entries in arrival order; `dropped` counts those that came before them but were not even made into entries. */
  push(entries: readonly NewEntry[], dropped = 0): void {
    const skipped = Math.max(0, entries.length - this.capacity);
    this.received += dropped + skipped;
    for (let index = skipped; index < entries.length; index++) {
      this.received++;
      this.slots[this.next] = { ...entries[index]!, seq: this.received };
      this.next = (this.next + 1) % this.capacity;
    }
  }

  /** Entries passing the filter, newest first; with `until`, only those numbered up to it (a paused view). */
  newestFirst(filter: LogFilter, until = Infinity): LogEntry[] {
    const out: LogEntry[] = [];
    for (let step = 1; step <= this.capacity; step++) {
      const entry = this.slots[(this.next - step + this.capacity) % this.capacity];
      if (!entry) break;
      if (entry.seq <= until && matches(entry, filter)) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.next = 0;
  }
}
