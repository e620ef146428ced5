import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChild } from '../../fixtures/run-child';

describe('history across a kill -9', () => {
  const child = resolve(import.meta.dirname, 'fixtures/history-child.mjs');
  const builtEngine = resolve(import.meta.dirname, '../../../out/main/engine.js');
  let root: string;
  beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'twinbench-history-crash-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  const run = (mode: 'write' | 'drain', until?: (line: string) => boolean) => runChild(child, [mode, root], until);


  it('keeps acknowledged readings and outbox-fed history, and resumes without gaps or duplicates', async () => {
    expect(existsSync(builtEngine), `${builtEngine} is missing: run npm run build first`).toBe(true);
    const written = await run('write', (line) => line === 'published 60');
    const published = written.lines.filter((line) => line.startsWith('published ')).length;
    expect(published).toBeGreaterThanOrEqual(61);

    const drained = await run('drain');
    expect(drained).toMatchObject({ code: 0, stderr: '' });
    const summary = JSON.parse(drained.lines.at(-1)!) as Record<string, number>;

    const graph = new BetterSqlite3(join(root, 'graph.sqlite'), { readonly: true });
    const twins = (graph.prepare('SELECT count(*) AS n FROM twins').get() as { n: number }).n;
    graph.close();
    expect(twins).toBeGreaterThanOrEqual(published);
    // One Create and one property row per committed twin: nothing lost, nothing twice.
    expect(summary).toMatchObject({ twins, created: twins, distinctCreated: twins, properties: twins, propertyValues: twins });
    // Every acknowledged reading is there once; at most the one in flight at the kill also landed.
    expect(summary.readings).toBe(summary.distinctReadings);
    expect(summary.readings).toBeGreaterThanOrEqual(published);
    expect(summary.readings).toBeLessThanOrEqual(published + 1);
    expect(summary.maxReading).toBe(summary.readings - 1);
  }, 60_000);
});
