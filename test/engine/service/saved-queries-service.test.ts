import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src-main/engine';
import { ErrorCode, queryHistoryLimit } from '../../../src-shared/contract';

describe('saved queries and query history', () => {
  let dir: string;
  let engine: Engine;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'twinbench-saved-queries-'));
    engine = await createEngine({ workspace: dir });
  });

  afterEach(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps saved queries in workspace.json, ordered by name, one per name and language', async () => {
    await engine.savedQueries.save({ name: 'rooms', language: 'adt', text: 'SELECT * FROM DIGITALTWINS', strict: true });
    await engine.savedQueries.save({ name: 'all', language: 'adt', text: 'SELECT T FROM DIGITALTWINS T' });
    await engine.savedQueries.save({ name: 'rooms', language: 'sql', text: 'SELECT 1', strict: true });
    await engine.savedQueries.save({ name: ' rooms ', language: 'adt', text: 'SELECT COUNT() FROM DIGITALTWINS' });
    const adt = await engine.savedQueries.list('adt');
    expect(adt.map(({ name, text, strict }) => ({ name, text, strict }))).toEqual([
      { name: 'all', text: 'SELECT T FROM DIGITALTWINS T', strict: undefined },
      { name: 'rooms', text: 'SELECT COUNT() FROM DIGITALTWINS', strict: undefined },
    ]);
    expect((await engine.savedQueries.list('sql')).map(({ name, strict }) => ({ name, strict }))).toEqual([{ name: 'rooms', strict: undefined }]);
    const stored = JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')) as { savedQueries: unknown[] };
    expect(stored.savedQueries).toHaveLength(3);
  });

  it('reopens a workspace with its saved queries and history', async () => {
    await engine.savedQueries.save({ name: 'floors', language: 'adt', text: 'SELECT F FROM DIGITALTWINS F' });
    await engine.savedQueries.record({ language: 'sql', text: 'SELECT 42', rows: 1 });
    await engine.close();
    engine = await createEngine({ workspace: dir });
    expect((await engine.savedQueries.list()).map((query) => query.name)).toEqual(['floors']);
    expect((await engine.savedQueries.history('sql')).map((entry) => [entry.text, entry.rows])).toEqual([['SELECT 42', 1]]);
  });

  it('deletes a saved query and refuses an unknown one with NotFound', async () => {
    await engine.savedQueries.save({ name: 'gone', language: 'adt', text: 'SELECT * FROM DIGITALTWINS' });
    await engine.savedQueries.delete('adt', 'gone');
    expect(await engine.savedQueries.list()).toEqual([]);
    await expect(engine.savedQueries.delete('adt', 'gone')).rejects.toMatchObject({ code: ErrorCode.NotFound, details: { language: 'adt', name: 'gone' } });
  });

  it('refuses a query without text, a blank name or an unknown language', async () => {
    await expect(engine.savedQueries.save({ name: 'x', language: 'adt', text: '  ' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: 'A query needs its text.' });
    await expect(engine.savedQueries.save({ name: '', language: 'adt', text: 'SELECT 1' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: "A saved query's name has 1 to 100 characters." });
    const save = engine.savedQueries.save as (query: unknown) => Promise<unknown>;
    await expect(save({ name: 'x', language: 'kql', text: 'T' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: 'A query language is "adt" or "sql"; got "kql".' });
  });

  it('records runs newest first, moves a repeated text to the top and keeps the newest 100 per language', async () => {
    await engine.savedQueries.record({ language: 'adt', text: 'A', rows: 3 });
    await engine.savedQueries.record({ language: 'adt', text: 'B', error: 'bad' });
    await engine.savedQueries.record({ language: 'sql', text: 'A', rows: 1 });
    await engine.savedQueries.record({ language: 'adt', text: 'A', rows: 4, strict: true });
    expect((await engine.savedQueries.history('adt')).map(({ text, rows, error, strict }) => ({ text, rows, error, strict }))).toEqual([
      { text: 'A', rows: 4, error: undefined, strict: true },
      { text: 'B', rows: undefined, error: 'bad', strict: undefined },
    ]);
    for (let i = 0; i < queryHistoryLimit + 5; i++) await engine.savedQueries.record({ language: 'adt', text: `Q${i}` });
    const history = await engine.savedQueries.history('adt');
    expect(history).toHaveLength(queryHistoryLimit);
    expect(history[0]!.text).toBe(`Q${queryHistoryLimit + 4}`);
    expect((await engine.savedQueries.history('sql')).map((entry) => entry.text)).toEqual(['A']);
    await engine.savedQueries.clearHistory('adt');
    expect(await engine.savedQueries.history('adt')).toEqual([]);
    expect(await engine.savedQueries.history('sql')).toHaveLength(1);
  });
});
