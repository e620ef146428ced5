import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine } from '../../../src-main/engine';
import { PropertyIndexes } from '../../../src-main/engine/graph/property-indexes';
import { campusEngine } from '../graph/graph-fixture';

let engine: Engine;
let root: string;
let dispose: () => Promise<void>;

const room = (area: number | undefined, name: string, setpoint?: number) => ({
  $metadata: { $model: 'dtmi:test:campus:Room;1' },
  name,
  ...(area === undefined ? {} : { area }),
  thermostat: { $metadata: {}, ...(setpoint === undefined ? {} : { setpoint }) },
});

beforeEach(async () => {
  ({ engine, root, dispose } = await campusEngine());
  await engine.twins.upsert('r1', room(12, 'north', 21));
  await engine.twins.upsert('r2', room(30, 'south', 23.5));
  await engine.twins.upsert('r3', room(45.5, 'east'));
  await engine.twins.upsert('r4', room(undefined, 'west', 19));
  await engine.twins.upsert('b1', { $metadata: { $model: 'dtmi:test:campus:Building;1' }, name: '30', area: 900 });
});

afterEach(async () => dispose());

const ids = async (text: string, pageSize?: number) => {
  const seen: string[] = [];
  let page = await engine.query.run(text, { pageSize });
  for (;;) {
    seen.push(...page.items.map((item) => (item as { id: string }).id));
    if (!page.continuationToken) return seen.sort();
    page = await engine.query.run(text, { pageSize, continuationToken: page.continuationToken });
  }
};

/** SQLite's plan of a query's SQL, read through a second connection to the workspace's graph. */
async function sqlitePlan(text: string): Promise<string> {
  const { sql, parameters } = await engine.query.explain(text);
  const db = new BetterSqlite3(join(root, 'graph.sqlite'), { readonly: true });
  try {
    return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(parameters).map((row) => (row as { detail: string }).detail).join('\n');
  } finally {
    db.close();
  }
}

const queries = [
  'SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.area > 20',
  'SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.area >= 12 AND T.area < 45.5',
  "SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.name = '30'",
  'SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.name = 30',
  'SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE NOT T.area > 20',
  'SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.thermostat.setpoint <= 21',
  "SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:test:campus:Room;1') AND T.area > 20",
];

describe('property indexes', () => {
  it('add, list and remove indexes; adding twice is a no-op', async () => {
    expect(await engine.query.indexes()).toEqual([]);
    expect(await engine.query.addIndex('area')).toEqual({ index: { property: 'area' }, created: true });
    expect(await engine.query.addIndex('thermostat.setpoint')).toEqual({ index: { property: 'thermostat.setpoint' }, created: true });
    expect(await engine.query.addIndex('area')).toEqual({ index: { property: 'area' }, created: false });
    expect(await engine.query.indexes()).toEqual([{ property: 'area' }, { property: 'thermostat.setpoint' }]);
    expect(await engine.query.removeIndex('area')).toBe(true);
    expect(await engine.query.removeIndex('area')).toBe(false);
    expect(await engine.query.indexes()).toEqual([{ property: 'thermostat.setpoint' }]);
  });

  it('refuses property paths that are not DTDL names', async () => {
    for (const property of ['', 'te-mp', 'a..b', '_x', 'x_', "x'); DROP TABLE twins; --", 'a.b.c.d.e.f.g.h.i', 42]) {
      await expect(engine.query.addIndex(property as string)).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    }
    expect(await engine.query.indexes()).toEqual([]);
  });

  it('answers every query exactly as without the index, and seeks in it', async () => {
    const before = await Promise.all(queries.map((text) => ids(text)));
    expect(before).toEqual([['b1', 'r2', 'r3'], ['r1', 'r2'], ['b1'], [], ['r1'], ['r1', 'r4'], ['r2', 'r3']]);
    await engine.query.addIndex('area');
    await engine.query.addIndex('name');
    await engine.query.addIndex('thermostat.setpoint');
    expect(await Promise.all(queries.map((text) => ids(text)))).toEqual(before);
    const explained = await engine.query.explain(queries[0]!);
    expect(explained.sql).toContain("json_extract(t0.body, '$.area') > @p0");
    expect(explained.plan).toContain('property indexes the filter may seek in: area');
    expect(await sqlitePlan(queries[0]!)).toMatch(/USING INDEX twins_by_property:area \(<expr>>\?\)/);
    expect((await engine.query.explain(queries[5]!)).sql).toContain("json_extract(t0.body, '$.thermostat.setpoint') <= @p0");
    // Under NOT a comparison keeps ADT's undefined for missing values; it reads the twins as before.
    expect((await engine.query.explain(queries[4]!)).sql).not.toContain("'$.area'");
  });

  it('keeps the index in step with writes', async () => {
    await engine.query.addIndex('area');
    await engine.twins.update('r1', [{ op: 'replace', path: '/area', value: 50 }]);
    await engine.twins.update('r3', [{ op: 'remove', path: '/area' }]);
    await engine.twins.upsert('r5', room(21, 'new'));
    expect(await ids(queries[0]!)).toEqual(['b1', 'r1', 'r2', 'r5']);
  });

  it('continues a query with the SQL of its first page after the index is dropped or added', async () => {
    const text = 'SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.area > 0';
    await engine.query.addIndex('area');
    const first = await engine.query.run(text, { pageSize: 2 });
    await engine.query.removeIndex('area');
    const second = await engine.query.run(text, { pageSize: 2, continuationToken: first.continuationToken });
    expect([...first.items, ...second.items].map((item) => (item as { id: string }).id).sort()).toEqual(['b1', 'r1', 'r2', 'r3']);
    expect(second.continuationToken).toBeUndefined();
    const unindexed = await engine.query.run(text, { pageSize: 2 });
    await engine.query.addIndex('area');
    const rest = await engine.query.run(text, { pageSize: 2, continuationToken: unindexed.continuationToken });
    expect([...unindexed.items, ...rest.items].map((item) => (item as { id: string }).id).sort()).toEqual(['b1', 'r1', 'r2', 'r3']);
  });

  it('refuses a continuation token whose index paths could reach the SQL text', async () => {
    const text = 'SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.area > 0';
    await engine.query.addIndex('area');
    const { continuationToken } = await engine.query.run(text, { pageSize: 1 });
    const token = JSON.parse(Buffer.from(continuationToken!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(token.i).toEqual(['$.area']);
    const forged = Buffer.from(JSON.stringify({ ...token, i: ["$.area') OR 1=1 --"] }), 'utf8').toString('base64url');
    await expect(engine.query.run(text, { pageSize: 1, continuationToken: forged })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('sees indexes another connection adds or drops', async () => {
    const other = new BetterSqlite3(join(root, 'graph.sqlite'));
    try {
      const mine = new PropertyIndexes(other);
      const before = mine.forQueries();
      expect([...before.paths]).toEqual([]);
      await engine.query.addIndex('area');
      const after = mine.forQueries();
      expect([...after.paths]).toEqual(['$.area']);
      expect(after.key).not.toBe(before.key);
      expect(mine.forQueries()).toBe(after);
    } finally {
      other.close();
    }
  });
});

describe('whole answers in one run', () => {
  it('reads every row as paging would, keeping TOP, LIMIT and OFFSET', async () => {
    const { allQueryRows, iterateQueryRows } = await import('../../../src-main/engine/query');
    const db = new BetterSqlite3(join(root, 'graph.sqlite'), { readonly: true });
    try {
      for (const text of [
        'SELECT T.$dtId AS id FROM DIGITALTWINS T ORDER BY T.$dtId',
        'SELECT TOP(2) T.$dtId AS id FROM DIGITALTWINS T ORDER BY T.$dtId',
        'SELECT T.$dtId AS id FROM DIGITALTWINS T ORDER BY T.$dtId LIMIT 3 OFFSET 1',
        'SELECT COUNT() FROM DIGITALTWINS',
      ]) {
        const paged: unknown[] = [];
        let page = await engine.query.run(text, { pageSize: 1 });
        paged.push(...page.items);
        while (page.continuationToken) {
          page = await engine.query.run(text, { pageSize: 1, continuationToken: page.continuationToken });
          paged.push(...page.items);
        }
        expect(allQueryRows(db, text)).toEqual(paged);
        expect([...iterateQueryRows(db, text)]).toEqual(paged);
      }
      expect(allQueryRows(db, 'SELECT T.$dtId AS id FROM DIGITALTWINS T ORDER BY T.$dtId LIMIT 3 OFFSET 1')).toEqual([{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }]);
    } finally {
      db.close();
    }
  });
});
