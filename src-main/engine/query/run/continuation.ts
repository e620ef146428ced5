import { createHash } from 'node:crypto';
import { EngineError, ErrorCode } from '../../../../src-shared/contract';
import { isIndexablePath } from '../../graph/property-indexes';
import type { CompiledQuery } from '../compile';

/** What a continuation token carries: the query itself (as in ADT) and where the next page starts. */
export interface Continuation {
  readonly text: string;
  readonly strict: boolean;
  readonly offset: number;
  readonly fingerprint: string;
  /** The indexed JSON paths the query's SQL was compiled with: later pages compile with the same, whatever the store's indexes are by then. */
  readonly indexes: readonly string[];
}

/** A short digest of the compiled statement, so a token only resumes the query that made it. */
export function fingerprintOf(compiled: CompiledQuery): string {
  return createHash('sha256').update(compiled.sql).update('\u0000').update(JSON.stringify(compiled.parameters)).digest('base64url').slice(0, 16);
}

/** Encodes a continuation token (opaque to callers). */
export function encodeContinuation(continuation: Continuation): string {
  const { text, strict, offset, fingerprint, indexes } = continuation;
  return Buffer.from(JSON.stringify({ v: 1, q: text, s: strict, o: offset, f: fingerprint, ...(indexes.length > 0 ? { i: indexes } : {}) }), 'utf8').toString('base64url');
}

function invalid(): EngineError {
  return new EngineError(ErrorCode.InvalidArgument, 'The continuation token is invalid. Run the query again without it.');
}

/** Decodes a continuation token; anything malformed is an InvalidArgument error. */
export function decodeContinuation(token: unknown): Continuation {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200_000 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof data !== 'object' || data === null) throw invalid();
  const { v, q, s, o, f, i = [] } = data as Record<string, unknown>;
  if (v !== 1 || typeof q !== 'string' || typeof s !== 'boolean' || typeof f !== 'string' || typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) throw invalid();
  // The paths reach SQL text, so they must be what the store's indexes are made of: `$.` and DTDL names.
  if (!Array.isArray(i) || !i.every(isIndexablePath)) throw invalid();
  return { text: q, strict: s, offset: o, fingerprint: f, indexes: i as string[] };
}
