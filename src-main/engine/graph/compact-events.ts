import type { GraphEvent, GraphEventType } from '../../../src-shared/contract';
import type { EventDraft } from './outbox';

/**
 * Create events stored as their data alone. A Create event's data is the new twin or
 * relationship exactly as stored, and everything else in its envelope follows from that data:
 * the subject from its ids, the schema from the twin's model, the id from its ETag (a fresh
 * UUID for every change). Storing the document once instead of inside a full envelope keeps
 * the outbox of a bulk import about half the size; reading rebuilds the same event.
 */

const etagPattern = /^W\/"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"$/;

type Document = Record<string, unknown>;

/** The envelope members a Create event's data determines, or undefined when it does not. */
function implied(type: GraphEventType, data: unknown): { id: string; subject: string; dataschema?: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const document = data as Document;
  const id = typeof document.$etag === 'string' ? etagPattern.exec(document.$etag)?.[1] : undefined;
  if (id === undefined) return undefined;
  if (type === 'Microsoft.DigitalTwins.Twin.Create') {
    const model = (document.$metadata as Document | undefined)?.$model;
    return typeof document.$dtId === 'string' && typeof model === 'string' ? { id, subject: document.$dtId, dataschema: model } : undefined;
  }
  if (type === 'Microsoft.DigitalTwins.Relationship.Create') {
    const { $sourceId: source, $relationshipId: relationship } = document;
    return typeof source === 'string' && typeof relationship === 'string' ? { id, subject: `${source}/relationships/${relationship}` } : undefined;
  }
  return undefined;
}

/** The stored form of a Create event whose envelope its data implies (its data's JSON) and the event id it implies, or undefined. */
export function compactEvent(draft: EventDraft): { readonly json: string; readonly id: string } | undefined {
  if (draft.dataJson === undefined) return undefined;
  const envelope = implied(draft.type, draft.data);
  return envelope && envelope.subject === draft.subject && envelope.dataschema === draft.dataschema ? { json: draft.dataJson, id: envelope.id } : undefined;
}

/** True when a stored event is in the compact form (a full event starts with its specversion). */
export function isCompactEvent(stored: string): boolean {
  return !stored.startsWith('{"specversion"');
}

/** The event a compact row stands for, members in the order full events are stored in. */
export function expandEvent(seq: number, type: GraphEventType, time: string, source: string, stored: string): GraphEvent {
  const data = JSON.parse(stored) as unknown;
  const envelope = implied(type, data);
  if (!envelope) throw new Error(`Outbox event ${seq} is neither a CloudEvent nor a Create event's data.`);
  return {
    seq,
    specversion: '1.0',
    id: envelope.id,
    type,
    source,
    subject: envelope.subject,
    time,
    datacontenttype: 'application/json',
    ...(envelope.dataschema ? { dataschema: envelope.dataschema } : {}),
    data,
  } as GraphEvent;
}
