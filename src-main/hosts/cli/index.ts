// The CLI host's face: run the CLI in-process (tests, embedding).
export { runCli } from './program';
export { ExitCode, exitCodeOf } from './exit-codes';
export type { CliIo } from './cli-context';
