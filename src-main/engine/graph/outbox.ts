import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { GraphEvent, GraphEventType } from '../../../src-shared/contract';

/** What a change contributes to its event; the outbox adds the envelope and the number. */
export interface EventDraft {
  readonly type: GraphEventType;
  readonly subject: string;
  readonly data: unknown;
  readonly dataschema?: string;
  /** `data` already serialized, when the change has it at hand (saves serializing twins twice). */
  readonly dataJson?: string;
}

/**
 * Events of committed changes. `append` must run inside the change's transaction, so the
 * change and its events commit or roll back together; `seq` numbers them without gaps.
 */
export class Outbox {
  private readonly insert: Statement<[string, string, string]>;
  private readonly readAfter: Statement<[number, number], { seq: number; event: string }>;
  private readonly last: Statement<[], { seq: number | null }>;
  /** The newest number this connection knows of; appends move it, `refresh` rereads it. */
  private newest: number;

  constructor(
    db: Database,
    private readonly source: string,
  ) {
    this.insert = db.prepare('INSERT INTO outbox (time, type, event) VALUES (?, ?, ?)');
    this.readAfter = db.prepare('SELECT seq, event FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.last = db.prepare('SELECT max(seq) AS seq FROM outbox');
    this.newest = this.last.get()!.seq ?? 0;
  }

  /** Records an event in the current transaction and returns it with its number. */
  append(draft: EventDraft, time: string): GraphEvent {
    const envelope = {
      specversion: '1.0' as const,
      id: randomUUID(),
      type: draft.type,
      source: this.source,
      subject: draft.subject,
      time,
      datacontenttype: 'application/json' as const,
      ...(draft.dataschema ? { dataschema: draft.dataschema } : {}),
    };
    const head = JSON.stringify(envelope);
    const json = `${head.slice(0, -1)},"data":${draft.dataJson ?? JSON.stringify(draft.data)}}`;
    const { lastInsertRowid } = this.insert.run(time, draft.type, json);
    this.newest = Number(lastInsertRowid);
    return { seq: this.newest, ...envelope, data: draft.data };
  }

  /** Up to `limit` events after `seq`, in order. */
  after(seq: number, limit: number): GraphEvent[] {
    return this.readAfter.all(seq, limit).map((row) => ({ seq: row.seq, ...(JSON.parse(row.event) as Omit<GraphEvent, 'seq'>) }));
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
