import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine } from '../../../src-main/engine';
import { startServer, type RunningServer } from '../../../src-main/hosts/server';

let root: string;
let engine: Engine;
let server: RunningServer;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-upload-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
});
afterEach(async () => {
  await server?.close();
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

const serve = async (options: { token?: string; maxUploadBytes?: number } = {}) => (server = await startServer({ engine, port: 0, rendererDir: join(root, 'renderer'), ...options }));
const put = (name: string, body: string, headers: Record<string, string> = {}) => fetch(new URL(`files/imports/${name}`, server.url), { method: 'PUT', body, headers });
const imports = () => readdir(join(root, 'ws', 'imports')).catch(() => [] as string[]);

describe('uploading a file for an import', () => {
  it('writes the file into the workspace imports folder and never over another one', async () => {
    await serve();
    const first = await put('campus%20twins.csv', '$dtId,$model\n');
    expect(first.status).toBe(201);
    const path = join(root, 'ws', 'imports', 'campus twins.csv');
    expect(await first.json()).toEqual({ path, name: 'campus twins.csv', bytes: 13 });
    expect(await readFile(path, 'utf8')).toBe('$dtId,$model\n');
    const second = await put('campus%20twins.csv', 'other');
    expect(await second.json()).toEqual({ path: join(root, 'ws', 'imports', 'campus twins (2).csv'), name: 'campus twins (2).csv', bytes: 5 });
    expect(await readFile(path, 'utf8')).toBe('$dtId,$model\n');
  });

  it('refuses names that leave the folder or hide the file, writing nothing', async () => {
    await serve();
    for (const name of ['..%2Fescape.csv', '%2e%2e%5Cescape.csv', '.hidden', 'a%3Ab.csv', '%E0%A4%A']) {
      const response = await put(name, 'x');
      expect(response.status, name).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.InvalidArgument);
    }
    expect(await imports()).toEqual([]);
    expect(await readdir(join(root, 'ws'))).not.toContain('escape.csv');
  });

  it('refuses a file over the size limit and leaves no part of it behind', async () => {
    await serve({ maxUploadBytes: 10 });
    const response = await put('big.csv', '12345678901');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('The file is larger than 10 bytes, the most this server accepts.');
    expect(await imports()).toEqual([]);
    expect((await put('small.csv', '1234567890')).status).toBe(201);
    expect(await imports()).toEqual(['small.csv']);
  });

  it('needs a token where the server asks for one, a PUT, and the server own origin', async () => {
    await serve({ token: 'admin-secret' });
    expect((await put('a.csv', 'x')).status).toBe(401);
    expect((await put('a.csv', 'x', { authorization: 'Bearer admin-secret' })).status).toBe(201);
    expect((await put('b.csv', 'x', { authorization: 'Bearer admin-secret', origin: 'https://elsewhere.example' })).status).toBe(403);
    expect((await fetch(new URL('files/imports/a.csv?token=admin-secret', server.url))).status).toBe(400);
    expect(await imports()).toEqual(['a.csv']);
  });
});
