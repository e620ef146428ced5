import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../../../../src-main/engine/query';
import { openGraphDatabase } from '../../../../src-main/engine/workspace/graph-database';
import { allRows } from '../helpers';

// Comparisons outside NOT test the value first and its JSON type after; under NOT they keep
// ADT's "undefined" (NULL) for a missing property or a value of another type.
const bodies: Record<string, Record<string, unknown>> = {
  warm: { temperature: 25 },
  cold: { temperature: 12.5 },
  text: { temperature: 'hot' },
  flag: { temperature: true },
  none: {},
};
let db: Database;

beforeAll(async () => {
  db = await openGraphDatabase(':memory:');
  const insert = db.prepare('INSERT INTO twins (id, model, etag, body) VALUES (?, ?, ?, ?)');
  for (const [id, body] of Object.entries(bodies)) insert.run(id, 'dtmi:test:T;1', 'W/"1"', JSON.stringify({ $dtId: id, $etag: 'W/"1"', $metadata: { $model: 'dtmi:test:T;1' }, ...body }));
});

afterAll(() => db.close());

const ids = (query: string) => allRows(db, query).map((row) => (row as { $dtId: string }).$dtId).sort();

describe('comparisons of a property with a literal', () => {
  it('compares the value before testing its type outside NOT', () => {
    const { sql } = compileQuery('SELECT * FROM DIGITALTWINS T WHERE T.temperature > 20');
    expect(sql).toContain("(json_extract(t0.body, @p0) > @p1 AND json_type(t0.body, @p0) IN ('integer', 'real'))");
  });

  it('matches numbers only: strings and booleans never compare with a number', () => {
    expect(ids('SELECT * FROM DIGITALTWINS T WHERE T.temperature > 20')).toEqual(['warm']);
    expect(ids('SELECT * FROM DIGITALTWINS T WHERE T.temperature < 20')).toEqual(['cold']);
    expect(ids('SELECT * FROM DIGITALTWINS T WHERE T.temperature >= 1 OR T.temperature = 1')).toEqual(['cold', 'warm']);
    expect(ids("SELECT * FROM DIGITALTWINS T WHERE T.temperature = 'hot'")).toEqual(['text']);
    expect(ids('SELECT * FROM DIGITALTWINS T WHERE T.temperature = true')).toEqual(['flag']);
  });

  it('keeps undefined under NOT: a missing property or another type matches neither a comparison nor its negation', () => {
    expect(ids('SELECT * FROM DIGITALTWINS T WHERE NOT T.temperature > 20')).toEqual(['cold']);
    // 0 OR undefined is undefined, so its negation matches nothing.
    expect(ids("SELECT * FROM DIGITALTWINS T WHERE NOT (T.temperature > 20 OR T.temperature = 'x')")).toEqual([]);
    expect(ids('SELECT * FROM DIGITALTWINS T WHERE NOT NOT T.temperature > 20')).toEqual(['warm']);
  });
});
