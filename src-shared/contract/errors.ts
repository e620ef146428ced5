/**
 * Stable error codes. A code crosses every boundary (in-process, IPC, WebSocket, HTTP, CLI)
 * and each host maps it in one table: HTTP status, exit code, UI message.
 */
export const ErrorCode = {
  /** An argument has the wrong type, shape or value. */
  InvalidArgument: 'InvalidArgument',
  /** A workspace folder cannot be used (a file, not writable, corrupt, too new). */
  WorkspaceInvalid: 'WorkspaceInvalid',
  /** A DTDL model set does not validate. */
  ModelInvalid: 'ModelInvalid',
  ModelNotFound: 'ModelNotFound',
  TwinNotFound: 'TwinNotFound',
  RelationshipNotFound: 'RelationshipNotFound',
  /** Any other named thing that does not exist. */
  NotFound: 'NotFound',
  /** The change clashes with the current state (already exists, still in use). */
  Conflict: 'Conflict',
  /** An If-Match / If-None-Match condition failed. */
  PreconditionFailed: 'PreconditionFailed',
  QuerySyntax: 'QuerySyntax',
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  /** An rpc message named a service, method or event the contract does not have. */
  MethodNotFound: 'MethodNotFound',
  /** An rpc message that is not a well-formed envelope. */
  MalformedMessage: 'MalformedMessage',
  Cancelled: 'Cancelled',
  /** The other side went away (connection lost, engine closed). */
  Unavailable: 'Unavailable',
  Internal: 'Internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The serialized form of every error, on every transport. */
export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

const knownCodes = new Set<string>(Object.values(ErrorCode));

/** True when `value` is one of the stable error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownCodes.has(value);
}

/** The one error type of the product: a stable code, a message for people, optional details. */
export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Revives an error that crossed a boundary as a payload. */
  static fromPayload(payload: ErrorPayload): EngineError {
    return new EngineError(payload.code, payload.message, payload.details);
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for an EngineError, whichever copy of this module created it. */
export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError || (error instanceof Error && error.name === 'EngineError' && isErrorCode((error as { code?: unknown }).code));
}

/**
 * The member of a definition an error is about. An `InvalidArgument` refusing a rule, route,
 * endpoint, device source or device binding names the member at fault in `details.field`
 * (`filter`, `url`, `expression`, `twinId`; a binding's payload mappings are `fields`, with the
 * payload field in `details.payloadField`), so a form can show the message beside it.
 */
export function errorField(error: unknown): string | undefined {
  const details = isEngineError(error) ? error.details : undefined;
  const field = typeof details === 'object' && details !== null ? (details as { field?: unknown }).field : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** Any thrown value as a payload; anything that is not an EngineError becomes `Internal`. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (isEngineError(error)) return error.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  return { code: ErrorCode.Internal, message: `Internal error: ${message}` };
}
