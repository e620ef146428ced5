import { ErrorCode, isErrorCode, type ErrorPayload } from '../contract';

/** Envelopes from the calling side (the proxy) to the serving side (the dispatcher). */
export type RpcRequest =
  | { readonly type: 'call'; readonly id: number; readonly service: string; readonly method: string; readonly args: readonly unknown[] }
  | { readonly type: 'listen'; readonly id: number; readonly service: string; readonly event: string }
  | { readonly type: 'unlisten'; readonly id: number };

/** Envelopes from the serving side back. An `error` with a null id answers a message too broken to have one. */
export type RpcResponse =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number | null; readonly error: ErrorPayload }
  | { readonly type: 'event'; readonly id: number; readonly value: unknown };

/** The outcome of reading an incoming envelope: the message, or why it is not one. */
export type Parsed<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly id: number | null; readonly reason: string };

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

function idOf(fields: Fields): number | null {
  return isId(fields.id) ? fields.id : null;
}

function fail<T>(id: number | null, reason: string): Parsed<T> {
  return { ok: false, id, reason };
}

/** Reads a request envelope without trusting it. */
export function parseRequest(raw: unknown): Parsed<RpcRequest> {
  if (!isRecord(raw)) return fail(null, 'an rpc message must be a JSON object');
  const id = idOf(raw);
  if (id === null) return fail(null, 'an rpc message needs an "id" that is a non-negative integer');
  switch (raw.type) {
    case 'call':
      if (!isName(raw.service)) return fail(id, 'a call needs a "service" name');
      if (!isName(raw.method)) return fail(id, 'a call needs a "method" name');
      if (!Array.isArray(raw.args)) return fail(id, 'a call needs "args", an array');
      return { ok: true, message: { type: 'call', id, service: raw.service, method: raw.method, args: raw.args } };
    case 'listen':
      if (!isName(raw.service)) return fail(id, 'a listen needs a "service" name');
      if (!isName(raw.event)) return fail(id, 'a listen needs an "event" name');
      return { ok: true, message: { type: 'listen', id, service: raw.service, event: raw.event } };
    case 'unlisten':
      return { ok: true, message: { type: 'unlisten', id } };
    default:
      return fail(id, `unknown rpc message type ${JSON.stringify(raw.type)}; expected "call", "listen" or "unlisten"`);
  }
}

function parseErrorPayload(raw: unknown): ErrorPayload | null {
  if (!isRecord(raw) || typeof raw.message !== 'string') return null;
  const code = isErrorCode(raw.code) ? raw.code : ErrorCode.Internal;
  return raw.details === undefined ? { code, message: raw.message } : { code, message: raw.message, details: raw.details };
}

/** Reads a response envelope without trusting it. */
export function parseResponse(raw: unknown): Parsed<RpcResponse> {
  if (!isRecord(raw)) return fail(null, 'an rpc response must be a JSON object');
  const id = idOf(raw);
  switch (raw.type) {
    case 'result':
    case 'event':
      if (id === null) return fail(null, `a ${raw.type} needs an "id"`);
      return { ok: true, message: { type: raw.type, id, value: raw.value } };
    case 'error': {
      const error = parseErrorPayload(raw.error);
      if (error === null) return fail(id, 'an error response needs "error" with a "message"');
      return { ok: true, message: { type: 'error', id, error } };
    }
    default:
      return fail(id, `unknown rpc response type ${JSON.stringify(raw.type)}`);
  }
}
