import { ErrorCode } from '../../engine';

/** HTTP status of each error code: the server host's one table. */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.InvalidArgument]: 400,
  [ErrorCode.WorkspaceInvalid]: 500,
  [ErrorCode.ModelInvalid]: 400,
  [ErrorCode.ModelNotFound]: 404,
  [ErrorCode.TwinNotFound]: 404,
  [ErrorCode.RelationshipNotFound]: 404,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.QuerySyntax]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.MethodNotFound]: 404,
  [ErrorCode.MalformedMessage]: 400,
  [ErrorCode.Cancelled]: 499,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.Internal]: 500,
};
