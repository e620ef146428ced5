import type { Database } from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeferredIndexes } from '../../../src-main/engine/transfer/deferred-indexes';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';

let root: string;
let db: Database;

const secondaryIndexes = () => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('twins', 'relationships') ORDER BY name").all();
const expected = [
  { name: 'relationships_by_source', sql: 'CREATE INDEX relationships_by_source ON relationships (source, name, target)' },
  { name: 'relationships_by_target', sql: 'CREATE INDEX relationships_by_target ON relationships (target, name, source)' },
  { name: 'twins_by_model', sql: 'CREATE INDEX twins_by_model ON twins (model)' },
];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-deferred-'));
  db = await openGraphDatabase(join(root, 'graph.sqlite'));
  const twin = db.prepare("INSERT INTO twins (id, model, etag, body) VALUES (?, 'm', 'e', '{}')");
  for (let i = 0; i < 10; i++) twin.run(`t${i}`);
});
afterEach(async () => {
  db.close();
  await rm(root, { recursive: true, force: true });
});

describe('secondary indexes of a bulk import', () => {
  it('keeps them while the import has written fewer rows than the graph holds', () => {
    db.exec('BEGIN IMMEDIATE');
    const indexes = new DeferredIndexes(db, 1);
    indexes.consider(9);
    expect(secondaryIndexes()).toEqual(expected);
    db.exec('ROLLBACK');
  });

  it('drops them past the threshold and rebuilds them from their own definitions before commit', () => {
    db.exec('BEGIN IMMEDIATE');
    const indexes = new DeferredIndexes(db, 1);
    indexes.consider(10);
    expect(secondaryIndexes()).toEqual([]);
    db.prepare("INSERT INTO twins (id, model, etag, body) VALUES ('late', 'other', 'e', '{}')").run();
    indexes.restore();
    db.exec('COMMIT');
    expect(secondaryIndexes()).toEqual(expected);
    expect(db.prepare("SELECT id FROM twins INDEXED BY twins_by_model WHERE model = 'other'").all()).toEqual([{ id: 'late' }]);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('leaves them as they were when the import rolls back after dropping them', () => {
    db.exec('BEGIN IMMEDIATE');
    new DeferredIndexes(db, 1).consider(50);
    db.exec('ROLLBACK');
    expect(secondaryIndexes()).toEqual(expected);
  });

  it('waits for the minimum number of rows on a small graph', () => {
    db.exec('BEGIN IMMEDIATE');
    const indexes = new DeferredIndexes(db, 1_000);
    indexes.consider(999);
    expect(secondaryIndexes()).toEqual(expected);
    indexes.consider(1_000);
    expect(secondaryIndexes()).toEqual([]);
    db.exec('ROLLBACK');
  });
});
