// Safety and bad input: injection is inert, hostile queries fail fast with typed, positioned errors,
// and a seeded fuzz run finds no crash, hang or untyped exception.
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../../src-shared/contract';
import { compileQuery, runQuery } from '../../../src-main/engine/query';
import { allTwinIds, fixtureCatalog, twin } from './fixtures/graph';
import { allRows, fixtureDatabase, queryErrorOf } from './helpers';

let db: Database;
beforeAll(async () => {
  db = await fixtureDatabase();
});
afterAll(() => db.close());

describe('injection attempts are inert', () => {
  const attacks = [
    "x'; DROP TABLE twins; --",
    "' OR 1=1 --",
    'Room1" OR "1"="1',
    "') UNION SELECT body FROM relationships --",
  ];
  it.each(attacks)('a literal %s is only ever a value', (attack) => {
    const escaped = attack.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    const compiled = compileQuery(`SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '${escaped}' OR T.name = '${escaped}'`);
    expect(compiled.sql).not.toContain(attack);
    expect(Object.values(compiled.parameters)).toContain(attack);
    expect(allRows(db, compiled.text)).toEqual([]);
    expect(allRows(db, 'SELECT COUNT() FROM DIGITALTWINS')).toEqual([{ COUNT: allTwinIds.length }]);
  });
  it('an escaped identifier is only ever a JSON path parameter', () => {
    const attack = "x') FROM twins; DROP TABLE twins; --";
    const compiled = compileQuery(`SELECT T.[[${attack}]] FROM DIGITALTWINS T WHERE IS_DEFINED(T.[[${attack}]])`);
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.parameters).toEqual({ p0: `$."${attack}"` });
    expect(allRows(db, compiled.text)).toEqual([]);
  });
  it('collection and relationship names never reach the SQL text', () => {
    const compiled = compileQuery("SELECT [[a; DROP TABLE twins]] FROM DIGITALTWINS [[a; DROP TABLE twins]] JOIN B RELATED [[a; DROP TABLE twins]].[[r'); DELETE FROM twins; --]] WHERE B.$dtId = 'x'");
    expect(compiled.sql).not.toMatch(/DROP|DELETE/);
    expect(compiled.sql).toBe('SELECT t0.body AS c0 FROM twins AS t0 JOIN relationships AS r0 ON r0.source = t0.id AND r0.name = @p0 JOIN twins AS t1 ON t1.id = r0.target WHERE (t1.id = @p1)');
    expect(allRows(db, compiled.text)).toEqual([]);
    expect(allRows(db, 'SELECT COUNT() FROM DIGITALTWINS')).toEqual([{ COUNT: allTwinIds.length }]);
  });
});

describe('bad input gives typed, positioned errors quickly', () => {
  const timed = (action: () => unknown) => {
    const start = performance.now();
    const error = queryErrorOf(action);
    expect(performance.now() - start).toBeLessThan(1_000);
    return error.details;
  };
  it('an unbalanced quote points at the opening quote', () => {
    expect(timed(() => compileQuery("SELECT * FROM DIGITALTWINS T\nWHERE T.a = 'open"))).toMatchObject({ line: 2, column: 13, reason: 'Syntax' });
  });
  it('an unbalanced [[ points at its start', () => {
    expect(timed(() => compileQuery('SELECT * FROM DIGITALTWINS WHERE [[Group = 1'))).toMatchObject({ line: 1, column: 34, reason: 'Syntax' });
  });
  it('a missing ) is reported at the end', () => {
    expect(timed(() => compileQuery('SELECT * FROM DIGITALTWINS T WHERE (T.a = 1'))).toMatchObject({ line: 1, column: 44, reason: 'Syntax' });
  });
  it('an extra ) is reported where it is', () => {
    expect(timed(() => compileQuery('SELECT * FROM DIGITALTWINS T WHERE T.a = 1)'))).toMatchObject({ line: 1, column: 43, reason: 'Syntax' });
  });
  it('an unknown function suggests the nearest one', () => {
    expect(timed(() => compileQuery("SELECT * FROM DIGITALTWINS T WHERE STARTS_WITH(T.$dtId, 'a')"))).toMatchObject({ reason: 'Name', hint: 'did you mean STARTSWITH?' });
  });
  it('a 1 MB query is refused without being parsed', () => {
    const huge = `SELECT * FROM DIGITALTWINS T WHERE T.a = '${'x'.repeat(1_000_000)}'`;
    expect(timed(() => compileQuery(huge))).toMatchObject({ reason: 'Limit', line: 1, column: 100_001 });
    expect(timed(() => compileQuery(huge, { strict: true }))).toMatchObject({ reason: 'Limit', line: 1, column: 8_001 });
  });
  it('10,000 IN values run in extended mode and are refused in strict mode', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `'id-${i}'`);
    ids[5_000] = "'Room1'";
    const query = `SELECT T.$dtId FROM DIGITALTWINS T WHERE T.$dtId IN [${ids.join(',')}]`;
    const start = performance.now();
    expect(allRows(db, query)).toEqual([{ $dtId: 'Room1' }]);
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(timed(() => compileQuery(query, { strict: true }))).toMatchObject({ reason: 'Limit', column: 8_001 });
  });
  it('deep nesting of NOT and parentheses is bounded, not a stack overflow', () => {
    const nots = `SELECT * FROM DIGITALTWINS T WHERE ${'NOT '.repeat(20_000)}T.a = 1`;
    const parens = `SELECT * FROM DIGITALTWINS T WHERE ${'('.repeat(20_000)}T.a = 1${')'.repeat(20_000)}`;
    expect(timed(() => compileQuery(nots))).toMatchObject({ reason: 'Limit' });
    expect(timed(() => compileQuery(parens))).toMatchObject({ reason: 'Limit', line: 1, column: 100 });
    expect(allRows(db, `SELECT T.$dtId FROM DIGITALTWINS T WHERE ${'NOT '.repeat(40)}T.$dtId = 'Room1'`)).toEqual([{ $dtId: 'Room1' }]);
  });
  it.each([
    ["MATCH (a)-[*]->(b) WHERE a.$dtId = 'x'", 'Syntax'],
    ["MATCH (a)-[*0]->(b) WHERE a.$dtId = 'x'", 'Semantic'],
    ["MATCH (a)-[*5..2]->(b) WHERE a.$dtId = 'x'", 'Semantic'],
    ["MATCH (a)-[*2..]->(b) WHERE a.$dtId = 'x'", 'Syntax'],
    ["MATCH (a)-[*-1]->(b) WHERE a.$dtId = 'x'", 'Syntax'],
    ["MATCH (a)-[*99999999999999999999]->(b) WHERE a.$dtId = 'x'", 'Limit'],
  ])('an invalid MATCH range: %s', (match, reason) => {
    expect(timed(() => compileQuery(`SELECT b FROM DIGITALTWINS ${match}`)).reason).toBe(reason);
  });
  it('a catalog turns unknown relationship and model names into hints', () => {
    expect(queryErrorOf(() => compileQuery("SELECT C FROM DIGITALTWINS Room JOIN C RELATED Room.contain WHERE Room.$dtId = 'x'", { catalog: fixtureCatalog })).details)
      .toEqual({ line: 1, column: 53, offset: 52, reason: 'Name', hint: 'did you mean Room.contains?' });
    expect(queryErrorOf(() => compileQuery("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Thing;1')", { catalog: fixtureCatalog })).details.hint)
      .toBe('did you mean dtmi:example:thing;1?');
  });
  it('a bad continuation token or page size is an InvalidArgument error', () => {
    for (const token of ['nope!', 'e30', Buffer.from('{"v":1,"q":"SELECT * FROM DIGITALTWINS","s":false,"o":1,"f":"wrong"}').toString('base64url')]) {
      expect(() => runQuery(db, 'SELECT * FROM DIGITALTWINS', { continuationToken: token })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    }
    expect(() => runQuery(db, 'SELECT * FROM DIGITALTWINS', { pageSize: 1001 })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});

describe('pages', () => {
  it('splits results into pages of the requested size with no duplicates or gaps', () => {
    const first = runQuery(db, 'SELECT T.$dtId FROM DIGITALTWINS T', { pageSize: 10 });
    expect(first.items).toHaveLength(10);
    const ids = allRows(db, 'SELECT T.$dtId FROM DIGITALTWINS T', { pageSize: 10 }).map((row) => (row as { $dtId: string }).$dtId);
    expect(ids).toHaveLength(allTwinIds.length);
    expect(new Set(ids).size).toBe(allTwinIds.length);
  });
  it('resumes from the token alone, as ADT does', () => {
    const first = runQuery(db, "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL('dtmi:sample:Room;1')", { pageSize: 1 });
    expect(first.items).toEqual([twin('Room2')]);
    const second = runQuery(db, '', { continuationToken: first.continuationToken ?? '' });
    expect(second).toEqual({ items: [twin('Room3')] });
  });
  it('stops at TOP across pages', () => {
    expect(allRows(db, 'SELECT TOP(5) T.$dtId FROM DIGITALTWINS T', { pageSize: 2 })).toEqual([{ $dtId: 'Room1' }, { $dtId: 'Room2' }, { $dtId: 'Room3' }, { $dtId: '123' }, { $dtId: '456' }]);
  });
});

describe('compiled output', () => {
  it('is plain data with SQL, parameters, row shape and a readable plan', () => {
    const compiled = compileQuery("SELECT Floor, Room FROM DIGITALTWINS MATCH (Floor)-[:contains*..2]->(Room) WHERE Floor.$dtId = 'Floor1' AND Room.temperature > 20", { strict: true });
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(compiled);
    expect(compiled.plan).toEqual([
      'mode: strict (ADT dialect)',
      'scan twins Floor by $dtId (1 id, index lookup)',
      'reach Floor -[:contains*1..2 (inclusive)]-> Room, one row per twin pair',
      "filter: (Floor.$dtId = 'Floor1' AND Room.temperature > 20)",
      'project: Floor, Room',
    ]);
    expect(compiled.parameters).toEqual({ p0: 'contains', p1: 'Floor1', p2: '$.temperature', p3: 20 });
    expect(compiled.shape).toEqual({ mode: 'object', columns: [{ key: 'Floor', kind: 'document' }, { key: 'Room', kind: 'document' }] });
  });
});

// A small deterministic generator (mulberry32) so the fuzz run is the same every time.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzzing', () => {
  it('10,000 generated and mutated queries: no crash, no hang, only typed errors', () => {
    const next = random(20240601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const paths = ['T.$dtId', 'T.Temperature', 'T.tags.red', 'T.$metadata.$model', 'Capacity', 'T.[[Group]]', 'X.y', 'T'];
    const values = ["'Room1'", '70', 'true', 'null', "'a\\'b'", '-3.5', "'%_'"];
    const condition = (depth: number): string => {
      const roll = next();
      if (depth > 3 || roll < 0.3) return `${pick(paths)} ${pick(['=', '!=', '<', '>=', '<>'])} ${pick(values)}`;
      if (roll < 0.45) return `${pick(['IS_DEFINED', 'IS_NUMBER', 'IS_BOOL', 'IS_NULL', 'IS_OBJECT', 'IS_PRIMITIVE', 'IS_STRING'])}(${pick(paths)})`;
      if (roll < 0.55) return `${pick(['STARTSWITH', 'ENDSWITH', 'CONTAINS'])}(${pick(paths)}, ${pick(values)})`;
      if (roll < 0.6) return `IS_OF_MODEL(${pick(["'dtmi:sample:Room;1'", "T, 'dtmi:example:thing;1', exact"])})`;
      if (roll < 0.7) return `${pick(paths)} ${pick(['IN', 'NIN'])} [${values.slice(0, 1 + Math.floor(next() * 5)).join(', ')}]`;
      if (roll < 0.8) return `NOT (${condition(depth + 1)})`;
      return `(${condition(depth + 1)} ${pick(['AND', 'OR'])} ${condition(depth + 1)})`;
    };
    const query = (): string => pick([
      () => `SELECT ${pick(['*', 'T', 'T.$dtId', 'COUNT()', 'TOP(3) T', 'DISTINCT T.Temperature'])} FROM DIGITALTWINS T WHERE ${condition(0)}`,
      () => `SELECT T, C FROM DIGITALTWINS T ${pick(['', 'LEFT '])}JOIN C RELATED T.${pick(['contains', 'feeds'])} R WHERE T.$dtId ${pick(["= 'ABC'", "IN ['room1', 'panel2']"])} AND ${condition(1)}`,
      () => `SELECT a, b FROM DIGITALTWINS MATCH (a)${pick(['-', '<-'])}[${pick(['', ':contains', 'r:contains|has', '*2', '*..3', ':contains*1..4'])}]${pick(['->', '-'])}(b) WHERE a.$dtId = '${pick(['Room1', 'thermostat-15', 'room2'])}'`,
      () => `SELECT * FROM RELATIONSHIPS R WHERE ${condition(0).replace(/T\./g, 'R.')}`,
      () => `SELECT T.$dtId FROM DIGITALTWINS T WHERE ${condition(0)} ORDER BY ${pick(paths)} ${pick(['ASC', 'DESC'])} LIMIT ${Math.floor(next() * 5)}`,
    ])();
    const mutate = (text: string): string => {
      const chars = [...text];
      for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) {
        const at = Math.floor(next() * (chars.length + 1));
        const roll = next();
        if (roll < 0.33) chars.splice(at, 1);
        else if (roll < 0.66) chars.splice(at, 0, pick(["'", '(', ')', '[', ']', '-', '>', '*', '..', ',', ' ', 'NOT ', '"', '\\', '|', ':', '.', '$', '@']));
        else chars.splice(at, 0, ...chars.slice(at, at + Math.floor(next() * 8)));
      }
      return chars.join('');
    };
    let ok = 0;
    let rejected = 0;
    const start = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const text = i % 2 === 0 ? query() : mutate(query());
      const strict = i % 3 === 0;
      try {
        runQuery(db, text, { strict, pageSize: 5 });
        ok++;
      } catch (error) {
        if (!isEngineError(error) || error.code !== 'QuerySyntax') throw new Error(`untyped failure for ${JSON.stringify(text)}: ${String(error)}`, { cause: error });
        const details = error.details as { line: number; column: number };
        expect(details.line).toBeGreaterThanOrEqual(1);
        expect(details.column).toBeGreaterThanOrEqual(1);
        rejected++;
      }
    }
    expect(ok + rejected).toBe(10_000);
    expect(ok).toBeGreaterThan(2_000);
    expect(performance.now() - start).toBeLessThan(15_000);
  });
});
