// The `twinbench` command (the `cli` build entry).
import { runCli } from './program';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode ||= code;
