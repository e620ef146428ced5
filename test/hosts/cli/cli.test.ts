import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { latestSchemaVersion } from '../../../src-main/engine/workspace/migrations';
import { cli } from './run-cli';

let root: string;
let ws: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-'));
  ws = join(root, 'site');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the twinbench CLI', () => {
  it('prints help and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: twinbench [options] [command]');
    expect(run.stdout).toContain('-w, --workspace <dir>');
  });

  it('prints its version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints usage and exits 2 for an unknown command', async () => {
    const run = await cli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown command 'frobnicate'");
    expect(run.stderr).toContain('Usage: twinbench');
  });

  it('prints the command usage and exits 2 for an unknown option', async () => {
    const run = await cli(['models', 'list', '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--colour'");
    expect(run.stderr).toContain('Usage: twinbench models list');
  });

  it('exits 2 for a missing argument', async () => {
    const run = await cli(['-w', ws, 'workspace', 'rename']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: missing required argument 'name'");
  });

  it('shows the workspace as text and as JSON', async () => {
    const text = await cli(['-w', ws, 'workspace', 'info']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Name            site\\nPath            ${ws}\\nSchema version  ${latestSchemaVersion}\\nEngine          ${version.replace(/\./g, '\\.')}\\nCreated         \\S+\\n$`));
    const json = await cli(['workspace', 'info', '--json'], { TWINBENCH_WORKSPACE: ws });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'site', path: ws, schemaVersion: latestSchemaVersion, engineVersion: version });
  });

  it('renames the workspace', async () => {
    expect((await cli(['-w', ws, 'workspace', 'rename', 'Harbour', '--json'])).code).toBe(0);
    expect(JSON.parse((await cli(['-w', ws, '--json', 'workspace', 'info'])).stdout).name).toBe('Harbour');
  });

  it('lists no models, as text and JSON', async () => {
    expect(await cli(['-w', ws, 'models', 'list'])).toEqual({ code: 0, stdout: 'No models in this workspace.\n', stderr: '' });
    expect(await cli(['-w', ws, 'models', 'list', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('exits 1 with the path when the workspace is a file', async () => {
    const file = join(root, 'notes.txt');
    await writeFile(file, 'x');
    expect(await cli(['-w', file, 'models', 'list'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `twinbench: The workspace path ${file} is a file, not a folder. Choose a folder, or a path that does not exist yet.\n`,
    });
  });

  it('prints errors as JSON with --json', async () => {
    const run = await cli(['-w', ws, '--json', 'workspace', 'rename', ' ']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: 'InvalidArgument', message: 'A workspace name must have 1 to 100 characters; got 0.', details: { length: 0 } } });
  });

  it('refuses to serve beyond loopback without a token, exit 1', async () => {
    const run = await cli(['-w', ws, 'serve', '--host', '0.0.0.0', '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'twinbench: Refusing to listen on 0.0.0.0 without tokens: anyone who can reach this machine could read and change the workspace. Create tokens with `twinbench token create --subject <name>` or pass --token <secret>, or listen on 127.0.0.1.\n',
    );
  });

  it('rejects a port that is not a number, exit 2', async () => {
    const run = await cli(['serve', '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: option '-p, --port <port>' argument 'eighty' is invalid. a port is a whole number from 0 to 65535.");
  });
});

describe('the built twinbench command', () => {
  const bin = resolve(import.meta.dirname, '../../../out/main/cli.js');

  it('runs as an executable after the build', async () => {
    expect(existsSync(bin), `${bin} is missing: run npm run build first`).toBe(true);
    const { stdout } = await promisify(execFile)(bin, ['--help']);
    expect(stdout).toContain('Usage: twinbench [options] [command]');
  });

  it('exits 2 on an unknown command', async () => {
    const failure = await promisify(execFile)(process.execPath, [bin, 'nope']).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
  });
});
