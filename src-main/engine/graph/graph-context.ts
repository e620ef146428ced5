import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { EngineError, ErrorCode, type WriteConditions } from '../../../src-shared/contract';
import type { GraphStore } from './graph-store';
import type { EventDraft, Outbox } from './outbox';
import type { OutboxDrainer } from './outbox-drainer';
import type { TwinModel, TwinModels } from './twin-model';

/** What the twin and relationship rules share: storage, events, models and the clock. */
export interface GraphContext {
  readonly db: Database;
  readonly store: GraphStore;
  readonly outbox: Outbox;
  readonly drainer: OutboxDrainer;
  readonly models: TwinModels;
  /** True when model `id` is marked decommissioned. */
  readonly isDecommissioned: (id: string) => boolean;
  /** True when model `model` is `ancestor` or extends it. */
  readonly isOfModel: (model: string, ancestor: string) => boolean;
  readonly now: () => Date;
}

/** A fresh weak ETag, as ADT gives them. */
export function newEtag(): string {
  return `W/"${randomUUID()}"`;
}

/** Largest id accepted for a twin or a relationship, in characters. */
export const maxIdLength = 1024;

/** Checks a twin or relationship id: a non-empty, well-formed string without control characters. */
export function checkId(id: unknown, what: 'twin' | 'relationship'): string {
  if (typeof id !== 'string' || id.length === 0) throw new EngineError(ErrorCode.InvalidArgument, `A ${what} id must be a non-empty string.`);
  if (id.length > maxIdLength) throw new EngineError(ErrorCode.InvalidArgument, `A ${what} id may have at most ${maxIdLength} characters; this one has ${id.length}.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id) || !id.isWellFormed()) {
    throw new EngineError(ErrorCode.InvalidArgument, `The ${what} id ${JSON.stringify(id)} holds control characters or broken Unicode.`, { id });
  }
  return id;
}

/** Applies ADT's preconditions to the current ETag (undefined when nothing exists yet). */
export function checkConditions(what: string, current: string | undefined, conditions: WriteConditions = {}): void {
  if (conditions.ifNoneMatch === '*' && current !== undefined) {
    throw new EngineError(ErrorCode.PreconditionFailed, `${what} already exists (If-None-Match: *).`, { etag: current });
  }
  if (conditions.ifMatch !== undefined && conditions.ifMatch !== '*' ? conditions.ifMatch !== current : conditions.ifMatch === '*' && current === undefined) {
    throw new EngineError(ErrorCode.PreconditionFailed, `${what} has ETag ${current ?? '(none: it does not exist)'}, not ${conditions.ifMatch} (If-Match).`, {
      etag: current,
      ifMatch: conditions.ifMatch,
    });
  }
}

function checkModelId(modelId: unknown, twinId: string): string {
  if (typeof modelId !== 'string' || modelId.length === 0) {
    throw new EngineError(ErrorCode.InvalidArgument, `Twin ${twinId}: "$metadata": { "$model": "<DTMI>" } is required.`, { twinId, path: '/$metadata/$model' });
  }
  return modelId;
}

function modelNotFound(modelId: string, twinId: string): EngineError {
  return new EngineError(ErrorCode.ModelNotFound, `Twin ${twinId}: there is no model ${modelId} in this workspace. Add the model first.`, { twinId, model: modelId });
}

/** The twin view of a model a twin names, refusing a model the workspace lacks. */
export async function modelFor(context: GraphContext, modelId: unknown, twinId: string): Promise<TwinModel> {
  const id = checkModelId(modelId, twinId);
  return (await context.models.get(id)) ?? (() => { throw modelNotFound(id, twinId); })();
}

/** As `modelFor`, synchronously, for writers that warmed the model views first (`get` or `loadAll`). */
export function loadedModelFor(context: GraphContext, modelId: unknown, twinId: string): TwinModel {
  const id = checkModelId(modelId, twinId);
  return context.models.peek(id) ?? (() => { throw modelNotFound(id, twinId); })();
}

/**
 * Runs `write` in one SQLite transaction with its events, then wakes the outbox's subscribers.
 * Inside a bulk import's transaction it runs directly: the import commits or rolls back as one.
 */
export function commit<T>(context: GraphContext, write: (time: string) => { result: T; events: readonly EventDraft[] }): T {
  const time = context.now().toISOString();
  const apply = () => {
    const done = write(time);
    context.outbox.appendMany(done.events, time);
    return done.result;
  };
  let result: T;
  if (context.db.inTransaction) {
    result = apply();
    // The enclosing transaction may still roll back: its events are read from the table.
    context.outbox.committed(false);
  } else {
    try {
      result = context.db.transaction(apply)();
    } catch (error) {
      // Rolled back: what the store and the outbox remembered of the writes is no longer true.
      context.store.forgetCached();
      context.outbox.rolledBack();
      throw error;
    }
    context.outbox.committed();
  }
  context.drainer.notify();
  return result;
}

/** A twin's JSON, refused when it is larger than `maxBytes`. */
export function serializeTwin(twinId: string, twin: unknown, maxBytes: number): string {
  const json = JSON.stringify(twin);
  // A UTF-8 byte count is needed only when the character count could exceed the limit.
  const bytes = json.length * 3 > maxBytes ? Buffer.byteLength(json, 'utf8') : json.length;
  if (bytes > maxBytes) {
    throw new EngineError(ErrorCode.InvalidArgument, `Twin ${twinId}: the twin is ${bytes} bytes of JSON; the largest accepted is ${maxBytes} bytes.`, { twinId, path: '' });
  }
  return json;
}
