import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, defaultWorkspaceDir, ErrorCode } from '../../../src-main/engine';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';
import type { Migration } from '../../../src-main/engine/workspace/migrations';

let root: string;
beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'twinbench-ws-'))));
afterEach(() => rm(root, { recursive: true, force: true }));

describe('opening a workspace', () => {
  it('creates the folder, workspace.json, graph.sqlite and history.duckdb', async () => {
    const dir = join(root, 'a', 'b');
    const engine = await createEngine({ workspace: dir });
    await engine.close();
    expect((await readdir(dir)).filter((name) => !name.includes('-wal') && !name.includes('-shm')).sort()).toEqual(['graph.sqlite', 'history.duckdb', 'workspace.json']);
    const settings = JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')) as Record<string, unknown>;
    expect(settings).toEqual({ formatVersion: 1, name: 'b', createdAt: settings.createdAt });
  });

  it('keeps a rename across reopening', async () => {
    const first = await createEngine({ workspace: root });
    await first.workspace.rename('Campus');
    await first.close();
    const second = await createEngine({ workspace: root });
    expect((await second.workspace.info()).name).toBe('Campus');
    await second.close();
  });

  it('refuses a path that is a file, naming it', async () => {
    const file = join(root, 'plain.txt');
    await writeFile(file, 'x');
    await expect(createEngine({ workspace: file })).rejects.toMatchObject({
      code: ErrorCode.WorkspaceInvalid,
      message: `The workspace path ${file} is a file, not a folder. Choose a folder, or a path that does not exist yet.`,
      details: { path: file },
    });
  });

  it('refuses a folder that cannot be created, naming it', async () => {
    const file = join(root, 'plain.txt');
    await writeFile(file, 'x');
    const dir = join(file, 'inside');
    await expect(createEngine({ workspace: dir })).rejects.toMatchObject({ code: ErrorCode.WorkspaceInvalid, details: { path: dir } });
    await expect(createEngine({ workspace: dir })).rejects.toThrow(`Cannot create the workspace folder ${dir}: a part of its path is a file. Choose a folder you can write to.`);
  });

  it('refuses a workspace.json that is not JSON, saying where it is', async () => {
    await writeFile(join(root, 'workspace.json'), '{ "name": ');
    await expect(createEngine({ workspace: root })).rejects.toMatchObject({ code: ErrorCode.WorkspaceInvalid, details: { path: join(root, 'workspace.json') } });
  });

  it('refuses a workspace.json of a newer format', async () => {
    await writeFile(join(root, 'workspace.json'), JSON.stringify({ formatVersion: 2, name: 'x', createdAt: 'now' }));
    await expect(createEngine({ workspace: root })).rejects.toThrow('has formatVersion 2; this Twinbench reads version 1.');
  });

  it('refuses a database written by a newer Twinbench and leaves it untouched', async () => {
    const path = join(root, 'graph.sqlite');
    const db = new BetterSqlite3(path);
    db.pragma('user_version = 99');
    db.close();
    await expect(createEngine({ workspace: root })).rejects.toMatchObject({ code: ErrorCode.WorkspaceInvalid, details: { path, schemaVersion: 99 } });
    const after = new BetterSqlite3(path);
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    after.close();
  });

  it('fails calls after close with Unavailable', async () => {
    const engine = await createEngine({ workspace: root });
    await engine.close();
    await engine.close();
    await expect(engine.models.list()).rejects.toMatchObject({ code: ErrorCode.Unavailable, message: 'The workspace is closed.' });
  });
});

describe('migrating the graph database', () => {
  const steps: Migration[] = [
    { version: 1, description: 'a', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
    { version: 2, description: 'b', up: (db) => db.exec('CREATE TABLE b (y INTEGER)') },
  ];

  it('backs up an existing database before migrating it forward', async () => {
    const path = join(root, 'graph.sqlite');
    const old = await openGraphDatabase(path, { migrations: steps.slice(0, 1) });
    old.prepare('INSERT INTO a VALUES (42)').run();
    old.close();
    const now = new Date('2026-03-04T05:06:07.089Z');
    const db = await openGraphDatabase(path, { migrations: steps, now: () => now });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
    const backupPath = `${path}.v1.2026-03-04T05-06-07-089Z.bak`;
    expect(existsSync(backupPath)).toBe(true);
    const backup = new BetterSqlite3(backupPath, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT x FROM a').all()).toEqual([{ x: 42 }]);
    backup.close();
  });

  it('takes no backup of a new database', async () => {
    const db = await openGraphDatabase(join(root, 'graph.sqlite'), { migrations: steps });
    db.close();
    expect((await readdir(root)).some((name) => name.endsWith('.bak'))).toBe(false);
  });
});

describe('the default workspace folder', () => {
  it('follows each platform convention', () => {
    expect(defaultWorkspaceDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/twinbench/default');
    expect(defaultWorkspaceDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toMatch(/Twinbench[\\/]default$/);
    expect(defaultWorkspaceDir({}, 'darwin')).toMatch(/Library\/Application Support\/Twinbench\/default$/);
  });
});
