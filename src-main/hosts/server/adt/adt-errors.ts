import { ErrorCode, toErrorPayload, type ErrorPayload } from '../../../engine';

/** ADT's error code and HTTP status for each engine error code: the REST API's one table. */
const adtErrors: Readonly<Record<ErrorCode, { readonly status: number; readonly code: string }>> = {
  [ErrorCode.InvalidArgument]: { status: 400, code: 'ValidationFailed' },
  [ErrorCode.WorkspaceInvalid]: { status: 500, code: 'InternalServerError' },
  [ErrorCode.ModelInvalid]: { status: 400, code: 'DTDLParserError' },
  [ErrorCode.ModelNotFound]: { status: 404, code: 'ModelNotFound' },
  [ErrorCode.TwinNotFound]: { status: 404, code: 'DigitalTwinNotFound' },
  [ErrorCode.RelationshipNotFound]: { status: 404, code: 'RelationshipNotFound' },
  [ErrorCode.NotFound]: { status: 404, code: 'NotFound' },
  [ErrorCode.Conflict]: { status: 409, code: 'Conflict' },
  [ErrorCode.PreconditionFailed]: { status: 412, code: 'PreconditionFailed' },
  [ErrorCode.QuerySyntax]: { status: 400, code: 'BadRequest' },
  [ErrorCode.Unauthorized]: { status: 401, code: 'Unauthorized' },
  [ErrorCode.Forbidden]: { status: 403, code: 'Forbidden' },
  [ErrorCode.MethodNotFound]: { status: 404, code: 'NotFound' },
  [ErrorCode.MalformedMessage]: { status: 400, code: 'BadRequest' },
  [ErrorCode.Cancelled]: { status: 400, code: 'OperationCanceled' },
  [ErrorCode.Unavailable]: { status: 503, code: 'ServiceUnavailable' },
  [ErrorCode.Internal]: { status: 500, code: 'InternalServerError' },
};

/** An ADT-shaped error response for any thrown value: status and `{ error: { code, message } }`. */
export function adtError(error: unknown): { status: number; body: { error: { code: string; message: string; details?: unknown } } } {
  const payload: ErrorPayload = toErrorPayload(error);
  const { status, code } = adtErrors[payload.code];
  const conflictCode = payload.code === ErrorCode.Conflict && /already exists/.test(payload.message) ? 'ModelIdAlreadyExists' : code;
  return { status, body: { error: { code: conflictCode, message: payload.message, ...(payload.details !== undefined ? { details: payload.details } : {}) } } };
}

/** An error that is ADT's own (routing, api-version, content type), not an engine one. */
export class AdtRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
