// What strict mode must refuse (ADT would), with the error's reason and position; and that
// extended mode accepts each extension.
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../../../src-main/engine/query';
import { allRows, canonical, fixtureDatabase, queryErrorOf } from './helpers';
import { twin } from './fixtures/graph';

const sixJoins = `SELECT F FROM DIGITALTWINS A JOIN B RELATED A.contains JOIN C RELATED B.contains JOIN D RELATED C.contains JOIN E RELATED D.contains JOIN F RELATED E.contains JOIN G RELATED F.contains WHERE A.$dtId = 'x'`;
const manyTerms = `SELECT * FROM DIGITALTWINS T WHERE ${Array.from({ length: 52 }, (_, i) => `T.n = ${i}`).join(' OR ')}`;
const longQuery = `SELECT * FROM DIGITALTWINS T WHERE T.name = '${'x'.repeat(8_000)}'`;
const bigIn = `SELECT * FROM DIGITALTWINS T WHERE T.$dtId IN [${Array.from({ length: 101 }, (_, i) => `'t${i}'`).join(', ')}]`;

/** [query, reason, line, column, hint fragment?] */
const rejected: readonly (readonly [string, string, number, number, string?])[] = [
  ['SELECT * FROM DIGITALTWINS T ORDER BY T.name', 'Strict', 1, 39],
  ['SELECT T.name, COUNT() FROM DIGITALTWINS T GROUP BY T.name', 'Strict', 1, 53],
  ['SELECT * FROM DIGITALTWINS LIMIT 5', 'Strict', 1, 28],
  ['SELECT * FROM DIGITALTWINS LIMIT 5 OFFSET 5', 'Strict', 1, 28],
  ['SELECT * FROM DIGITALTWINS OFFSET 5', 'Strict', 1, 28],
  ['SELECT DISTINCT T.name FROM DIGITALTWINS T', 'Strict', 1, 1],
  ["SELECT T, C FROM DIGITALTWINS T LEFT JOIN C RELATED T.contains WHERE T.$dtId = 'ABC'", 'Strict', 1, 33],
  ["SELECT T, C FROM DIGITALTWINS T OPTIONAL JOIN C RELATED T.contains WHERE T.$dtId = 'ABC'", 'Strict', 1, 33],
  [sixJoins, 'Limit', 1, 160],
  ["SELECT B FROM DIGITALTWINS MATCH (A)-[*..11]->(B) WHERE A.$dtId = 'x'", 'Limit', 1, 39],
  ["SELECT B FROM DIGITALTWINS MATCH (A)-[*6]->(B)-[*5]->(C) WHERE A.$dtId = 'x'", 'Limit', 1, 49],
  [longQuery, 'Limit', 1, 8001],
  [manyTerms, 'Limit', 1, 36],
  [bigIn, 'Limit', 1, 47],
  ['SELECT T, C FROM DIGITALTWINS T JOIN C RELATED T.contains', 'Strict', 1, 33, '$dtId'],
  ['SELECT A, B FROM DIGITALTWINS MATCH (A)-[]->(B) WHERE B.temperature > 5', 'Strict', 1, 31, '$dtId'],
  ["SELECT * FROM DIGITALTWINS T JOIN C RELATED T.contains WHERE T.$dtId = 'ABC'", 'Strict', 1, 1, 'SELECT T, C'],
  ['SELECT SUM(T.Capacity) FROM DIGITALTWINS T', 'Strict', 1, 8],
  ['SELECT AVG(T.Capacity) FROM DIGITALTWINS T', 'Strict', 1, 8],
  ['SELECT MAX(T.Capacity) AS m FROM DIGITALTWINS T', 'Strict', 1, 8],
  ['SELECT TOP(5) COUNT() FROM DIGITALTWINS', 'Strict', 1, 8],
  ['SELECT COUNT(T.name) FROM DIGITALTWINS T', 'Strict', 1, 8],
  ["SELECT * \nFROM (SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'x')", 'Syntax', 2, 6],
  ["SELECT Building, Sensor FROM DIGITALTWINS   \nMATCH (Building)-[:contains|isAssociatedWith]-(Sensor)  \nWHERE building.$dtId = 'Seattle21'", 'Name', 3, 7, 'did you mean Building?'],
  ["SELECT Building, Sensor FROM DIGITALTWINS   \nMATCH (Building-[]-(Sensor)  \nWHERE Building.$dtId = 'Seattle21'", 'Syntax', 2, 16],
  ["SELECT Floor,Cafe, Rel DIGITALTWINS   \nMATCH (Floor)-[Rel]-(Cafe)  \nWHERE Floor.$dtId = 'thermostat-15' AND Rel.name = 'child'", 'Syntax', 1, 24, 'FROM DIGITALTWINS'],
  ["SELECT * \nFROM DIGITIALTWINS \nWHERE IS_STRING( Status ) AND Status != 'Completed'", 'Syntax', 2, 6, 'did you mean DIGITALTWINS?'],
  ['SELECT * \nFROM DIGITALTWINS \nWHERE IS_OBJECT<MapObject)', 'Syntax', 3, 26],
  ['SELECT Floor\nFROM DIGITALTWINS Building\nJOIN Floor RELATED Building.contains\nWHERE Building.$dtId = @buildingId', 'Syntax', 4, 24, 'parameters'],
  ["SELECT Room\nFROM DIGITALTWINS Floor\nJOIN Room RELATED Floor.contains\nWHERE Floor.$dtId IN ['floor1','floor2', ..'floorn']", 'Syntax', 4, 42],
  ["SELECT device\nFROM DIGITALTWINS space\nJOIN device RELATED space.has\nWHERE space.$dtid = 'Room 123'\nAND device.$metadata.model = 'dtmi:contoso:com:DigitalTwins:MxChip:3'\nAND has.role = 'Operator'", 'Name', 6, 5],
  ["SELECT * FROM DIGITALTWINS T WHERE T.<propertyName>.<mapKey> = '<mapValue>'", 'Syntax', 1, 38],
  ['SELECT TOP (5)\nFROM DIGITALTWINS\nWHERE ...', 'Syntax', 3, 7],
  ["SELECT A, B FROM DIGITALTWINS MATCH (A)-[r:contains*2]->(B) WHERE A.$dtId = 'x'", 'Semantic', 1, 40],
  ["SELECT A, B FROM DIGITALTWINS MATCH (A)<-[]->(B) WHERE A.$dtId = 'x'", 'Syntax', 1, 40],
  ["SELECT * FROM DIGITALTWINS T WHERE IS_NUMBR(T.x)", 'Name', 1, 36, 'did you mean IS_NUMBER?'],
  ["SELECT * FROM DIGITALTWINS T WHERE T.name = 'abc", 'Syntax', 1, 45],
  ["SELECT * FROM DIGITALTWINS T WHERE (T.a = 1 AND (T.b = 2)", 'Syntax', 1, 58],
  ["SELECT A, B FROM DIGITALTWINS MATCH (A)-[*3..3]->(B) WHERE A.$dtId = 'x'", 'Semantic', 1, 42],
  ["SELECT * FROM DIGITALTWINS WHERE Group = 'BravoTeam'", 'Syntax', 1, 34, '[[Group]]'],
  ["SELECT A FROM DIGITALTWINS MATCH (A)-[]->(B) MATCH (B)-[]->(C) WHERE A.$dtId = 'x'", 'Syntax', 1, 46],
  ["SELECT * FROM RELATIONSHIPS R JOIN T RELATED R.contains WHERE R.$sourceId = 'x'", 'Semantic', 1, 31],
  ['SELECT * FROM DIGITALTWINS T WHERE T.x = 1 WHERE T.y = 2', 'Syntax', 1, 44],
];

describe('strict mode rejects what ADT rejects', () => {
  it('has at least 30 rejection cases', () => expect(rejected.length).toBeGreaterThanOrEqual(30));
  it.each(rejected.map((r) => [r[0].slice(0, 70).replace(/\s+/g, ' '), ...r] as const))('%s', (_, query, reason, line, column, hint) => {
    const error = queryErrorOf(() => compileQuery(query, { strict: true }));
    expect({ reason: error.details.reason, line: error.details.line, column: error.details.column }).toEqual({ reason, line, column });
    if (hint) expect(error.details.hint).toContain(hint);
  });
});

describe('extended mode (the default) accepts the extensions', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDatabase();
  });
  afterAll(() => db.close());

  it('runs a JOIN without a $dtId anchor', () => {
    expect(canonical(allRows(db, 'SELECT P.$dtId AS p, B.$dtId AS b FROM DIGITALTWINS P JOIN B RELATED P.contains WHERE IS_OF_MODEL(B, \'dtmi:contoso:com:lightbulb;1\')')))
      .toEqual(canonical([{ p: 'Row11', b: 'Bulb11' }, { p: 'panel1', b: 'bulb1' }, { p: 'panel1', b: 'bulb2' }, { p: 'panel2', b: 'bulb3' }, { p: 'room2', b: 'bulb4' }]));
  });
  it('orders with ORDER BY, types first then values, DESC reversing both', () => {
    expect(allRows(db, 'SELECT T.$dtId AS id, T.Temperature AS t FROM DIGITALTWINS T WHERE IS_DEFINED(T.Temperature) ORDER BY T.Temperature DESC, T.$dtId'))
      .toEqual([{ id: 'area1-pump', t: '80' }, { id: 'Room1', t: 80 }, { id: 'Room3', t: 75.5 }, { id: 'room-11a', t: 74 }, { id: 'room-11b', t: 73 }, { id: '456', t: 71 }, { id: 'room-11c', t: 71 }, { id: '123', t: 70 }, { id: '789', t: 70 }, { id: 'Room2', t: 70 }]);
  });
  it('groups with GROUP BY and COUNT/SUM/AVG/MIN/MAX', () => {
    expect(allRows(db, "SELECT B.$metadata.$model AS model, COUNT() AS n, SUM(B.watts) AS total, AVG(B.watts) AS mean, MIN(B.watts) AS low, MAX(B.watts) AS high FROM DIGITALTWINS B WHERE IS_OF_MODEL(B, 'dtmi:contoso:com:lightbulb;1') GROUP BY B.$metadata.$model"))
      .toEqual([{ model: 'dtmi:contoso:com:lightbulb;1', n: 5, total: 160, mean: 160 / 3, low: 40, high: 60 }]);
  });
  it('pages with LIMIT and OFFSET', () => {
    expect(allRows(db, 'SELECT T.$dtId FROM DIGITALTWINS T ORDER BY T.$dtId LIMIT 3 OFFSET 2', { pageSize: 2 })).toEqual([{ $dtId: '789' }, { $dtId: 'ABC' }, { $dtId: 'Annex' }]);
  });
  it('keeps rows without a match in an optional JOIN', () => {
    expect(allRows(db, "SELECT B.$dtId AS b, F.$dtId AS f FROM DIGITALTWINS B LEFT JOIN F RELATED B.contains WHERE B.$dtId IN ['Building1', 'Building2'] ORDER BY B.$dtId"))
      .toEqual([{ b: 'Building1', f: 'Floor1' }, { b: 'Building2' }]);
  });
  it('finds twins without a relationship with an optional JOIN and NOT IS_DEFINED', () => {
    expect(allRows(db, "SELECT B.$dtId AS b FROM DIGITALTWINS B LEFT JOIN F RELATED B.contains WHERE IS_OF_MODEL(B, 'dtmi:example:Building;1') AND NOT IS_DEFINED(F) ORDER BY B.$dtId"))
      .toEqual([{ b: 'Building2' }, { b: 'building-3' }]);
  });
  it('removes duplicates with SELECT DISTINCT', () => {
    expect(canonical(allRows(db, "SELECT DISTINCT R.$relationshipName AS name FROM RELATIONSHIPS R WHERE R.$sourceId IN ['ABC', 'panel1']")))
      .toEqual(canonical([{ name: 'customer' }, { name: 'contains' }, { name: 'servicedBy' }]));
  });
  it('allows more JOINs and hops than ADT', () => {
    const hops = "SELECT b.$dtId AS id FROM DIGITALTWINS MATCH (a)-[*12]-(b) WHERE a.$dtId = 'Building1'";
    expect(allRows(db, hops)).toEqual([]);
    expect(allRows(db, "SELECT C FROM DIGITALTWINS MATCH (A)-[*4]->(B)-[*1]->(C) WHERE A.$dtId = 'Building1'")).toEqual([{ C: twin('Bulb11') }]);
  });
  it('returns every named collection for SELECT * with JOIN', () => {
    expect(allRows(db, "SELECT * FROM DIGITALTWINS T JOIN C RELATED T.feeds R WHERE T.$dtId = 'source-twin'"))
      .toEqual([{ T: twin('source-twin'), C: twin('target-twin'), R: expect.objectContaining({ $relationshipId: 'feeds-1' }) }]);
  });
});
