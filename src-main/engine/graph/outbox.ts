import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { GraphEvent, GraphEventType } from '../../../src-shared/contract';
import { compactEvent, expandEvent, isCompactEvent } from './compact-events';

/** What a change contributes to its event; the outbox adds the envelope and the number. */
export interface EventDraft {
  readonly type: GraphEventType;
  readonly subject: string;
  readonly data: unknown;
  readonly dataschema?: string;
  /** `data` already serialized, when the change has it at hand (saves serializing twins twice). */
  readonly dataJson?: string;
}

const rowsPerInsert = 64;

/** Committed events kept in memory for the subscribers, newest last (see `after`). */
const recentEvents = 10_000;

/** An event written in the open transaction: everything but its number and its parsed data. */
interface UncommittedEvent {
  readonly envelope: Omit<GraphEvent, 'seq' | 'data'>;
  readonly dataJson: string;
}

/**
 * Events of committed changes. `append` must run inside the change's transaction, so the
 * change and its events commit or roll back together; `seq` numbers them without gaps.
 */
export class Outbox {
  private readonly insert: Statement<[string, string, string]>;
  /** One INSERT of `rowsPerInsert` events: AUTOINCREMENT's bookkeeping and the statement's overhead are paid once per batch. */
  private readonly insertBatch: Statement<[string[]]>;
  /** Rows (time, type, event) waiting for `flush`, in buffered mode. */
  private readonly pending: string[] = [];
  private readonly readAfter: Statement<[number, number], { seq: number; time: string; type: GraphEventType; event: string }>;
  private readonly last: Statement<[], { seq: number | null }>;
  private lastRead: { seq: number; limit: number; newest: number; events: readonly GraphEvent[] } | undefined;
  /** The newest number this connection knows of; appends move it, `refresh` rereads it. */
  private newest: number;
  private readonly sourceJson: string;
  /** Events of the open transaction (unbuffered mode), in order; `committed` numbers and keeps them. */
  private uncommitted: UncommittedEvent[] = [];
  /** Events of this connection's latest commits, consecutive numbers, the newest last. */
  private recent: GraphEvent[] = [];

  /**
   * `buffered` (for a bulk import's own connection): `appendMany` keeps rows until a full batch or
   * `flush`, which must run before the transaction commits.
   */
  constructor(
    db: Database,
    private readonly source: string,
    private readonly buffered = false,
  ) {
    this.sourceJson = JSON.stringify(source);
    this.insert = db.prepare('INSERT INTO outbox (time, type, event) VALUES (?, ?, ?)');
    this.insertBatch = db.prepare<[string[]]>(`INSERT INTO outbox (time, type, event) VALUES ${Array.from({ length: rowsPerInsert }, () => '(?, ?, ?)').join(', ')}`);
    this.readAfter = db.prepare('SELECT seq, time, type, event FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.last = db.prepare('SELECT max(seq) AS seq FROM outbox');
    this.newest = this.last.get()!.seq ?? 0;
  }

  /** Records an event in the current transaction and returns it with its number. */
  append(draft: EventDraft, time: string): GraphEvent {
    const { envelope, dataJson } = this.serialize(draft, time);
    const { lastInsertRowid } = this.insert.run(time, draft.type, this.eventJson(draft, time, envelope.id, dataJson));
    this.newest = Number(lastInsertRowid);
    return { seq: this.newest, ...envelope, data: draft.data };
  }

  /**
   * Records events in the current transaction, in order, several per INSERT (buffered: possibly
   * at the next `flush`). A Create event is stored as its data alone (see compact-events.ts).
   */
  appendMany(drafts: readonly EventDraft[], time: string): void {
    if (this.buffered) {
      for (const draft of drafts) this.pending.push(time, draft.type, compactEvent(draft)?.json ?? this.eventJson(draft, time));
      if (this.pending.length >= 3 * rowsPerInsert) this.flush();
      return;
    }
    for (const draft of drafts) {
      // Kept in memory as read back from the table would give it: a compact event's id is its ETag's.
      const compact = compactEvent(draft);
      const { envelope, dataJson } = this.serialize(draft, time, compact?.id);
      this.pending.push(time, draft.type, compact?.json ?? this.eventJson(draft, time, envelope.id, dataJson));
      this.uncommitted.push({ envelope, dataJson });
    }
    this.flush();
  }

  /**
   * The transaction that appended the latest events has committed: they are kept in memory, so
   * subscribers get them without reading them back (each with its own copy of the data, as a read
   * from the table gives). Events appended outside a transaction of the caller's own (within a
   * bulk import's) are forgotten instead, and read from the table.
   */
  committed(kept = true): void {
    const events = this.uncommitted;
    this.uncommitted = [];
    if (!kept || events.length === 0) {
      if (!kept) this.recent = [];
      return;
    }
    const first = this.newest - events.length + 1;
    if (this.recent.length > 0 && this.recent.at(-1)!.seq !== first - 1) this.recent = [];
    for (let i = 0; i < events.length; i++) this.recent.push({ seq: first + i, ...events[i]!.envelope, data: JSON.parse(events[i]!.dataJson) as unknown });
    if (this.recent.length > 2 * recentEvents) this.recent = this.recent.slice(-recentEvents);
  }

  /** The transaction that appended the latest events rolled back: forgets them and rereads the newest number. */
  rolledBack(): void {
    this.uncommitted = [];
    this.recent = [];
    this.refresh();
  }

  /** Writes the events `appendMany` holds back. */
  flush(): void {
    const rows = this.pending;
    let at = 0;
    // A multi-row INSERT's last rowid is its last row's: the newest number.
    for (; rows.length - at >= 3 * rowsPerInsert; at += 3 * rowsPerInsert) this.newest = Number(this.insertBatch.run(rows.slice(at, at + 3 * rowsPerInsert)).lastInsertRowid);
    for (; at < rows.length; at += 3) this.newest = Number(this.insert.run(rows[at]!, rows[at + 1]!, rows[at + 2]!).lastInsertRowid);
    rows.length = 0;
  }

  private serialize(draft: EventDraft, time: string, id: string = randomUUID()) {
    const envelope = {
      specversion: '1.0' as const,
      id,
      type: draft.type,
      source: this.source,
      subject: draft.subject,
      time,
      datacontenttype: 'application/json' as const,
      ...(draft.dataschema ? { dataschema: draft.dataschema } : {}),
    };
    return { envelope, dataJson: draft.dataJson ?? JSON.stringify(draft.data) };
  }

  /**
   * The stored JSON of an event: the envelope's members in a fixed order, written out directly
   * (bulk imports write millions of them). Only the subject, the schema and the data can hold
   * characters JSON must escape; the type, id and time never do.
   */
  private eventJson(draft: EventDraft, time: string, id: string = randomUUID(), dataJson = draft.dataJson ?? JSON.stringify(draft.data)): string {
    const schema = draft.dataschema ? `,"dataschema":${JSON.stringify(draft.dataschema)}` : '';
    return (
      `{"specversion":"1.0","id":"${id}","type":"${draft.type}","source":${this.sourceJson},"subject":${JSON.stringify(draft.subject)},` +
      `"time":"${time}","datacontenttype":"application/json"${schema},"data":${dataJson}}`
    );
  }

  /**
   * Up to `limit` events after `seq`, in order: from memory when this connection committed them
   * lately and nothing newer exists, otherwise from the table. Subscribers usually ask for the same
   * batch one after another, so the last batch read is shared until the outbox moves on.
   */
  after(seq: number, limit: number): readonly GraphEvent[] {
    const recent = this.recent;
    if (recent.length > 0 && seq + 1 >= recent[0]!.seq && recent.at(-1)!.seq === this.newest) {
      const from = seq + 1 - recent[0]!.seq;
      return recent.slice(from, from + limit);
    }
    const last = this.lastRead;
    if (last && last.seq === seq && last.limit === limit && last.newest === this.newest) return last.events;
    const events = this.readAfter
      .all(seq, limit)
      .map((row) => (isCompactEvent(row.event) ? expandEvent(row.seq, row.type, row.time, this.source, row.event) : { seq: row.seq, ...(JSON.parse(row.event) as Omit<GraphEvent, 'seq'>) }));
    this.lastRead = { seq, limit, newest: this.newest, events };
    return events;
  }

  /** The number of the newest event (0 when there is none), without a query. */
  lastSeq(): number {
    return this.newest;
  }

  /** Rereads the newest number after another connection (a bulk import) has appended events. */
  refresh(): void {
    this.newest = this.last.get()!.seq ?? 0;
  }
}
