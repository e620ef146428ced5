import { ErrorCode } from '../../engine';

/** The CLI's exit codes; scripts rely on them, so they never change meaning. */
export const ExitCode = {
  Ok: 0,
  InvalidInput: 1,
  Usage: 2,
  NotFound: 3,
  Conflict: 4,
  Internal: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Exit code of each error code: the CLI host's one table. */
export const exitCodeOf: Readonly<Record<ErrorCode, ExitCode>> = {
  [ErrorCode.InvalidArgument]: ExitCode.InvalidInput,
  [ErrorCode.WorkspaceInvalid]: ExitCode.InvalidInput,
  [ErrorCode.ModelInvalid]: ExitCode.InvalidInput,
  [ErrorCode.QuerySyntax]: ExitCode.InvalidInput,
  [ErrorCode.Unauthorized]: ExitCode.InvalidInput,
  [ErrorCode.Forbidden]: ExitCode.InvalidInput,
  [ErrorCode.ModelNotFound]: ExitCode.NotFound,
  [ErrorCode.TwinNotFound]: ExitCode.NotFound,
  [ErrorCode.RelationshipNotFound]: ExitCode.NotFound,
  [ErrorCode.NotFound]: ExitCode.NotFound,
  [ErrorCode.Conflict]: ExitCode.Conflict,
  [ErrorCode.PreconditionFailed]: ExitCode.Conflict,
  [ErrorCode.MethodNotFound]: ExitCode.Internal,
  [ErrorCode.MalformedMessage]: ExitCode.Internal,
  [ErrorCode.Cancelled]: ExitCode.Internal,
  [ErrorCode.Unavailable]: ExitCode.Internal,
  [ErrorCode.Internal]: ExitCode.Internal,
};
