// Compiled ADT queries against hand-written SQL for the same answer (the baseline), on a campus
// graph of ~210,000 twins: region → campuses → buildings → floors → rooms → sensors, all `contains`.
import type { Database } from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { compileQuery, runQuery, type CompiledQuery } from '../../src-main/engine/query';
import { openGraphDatabase } from '../../src-main/engine/workspace/graph-database';

const fanOut = [5, 10, 10, 20, 20] as const; // campuses, buildings, floors, rooms, sensors per parent
const models = ['dtmi:campus:Region;1', 'dtmi:campus:Campus;1', 'dtmi:campus:Building;1', 'dtmi:campus:Floor;1', 'dtmi:campus:Room;1', 'dtmi:campus:Sensor;1'];
let db: Database;

function build(target: Database): void {
  const twin = target.prepare('INSERT INTO twins (id, model, etag, body) VALUES (?, ?, ?, ?)');
  const relation = target.prepare('INSERT INTO relationships (source, id, name, target, etag, body) VALUES (?, ?, ?, ?, ?, ?)');
  const ancestor = target.prepare('INSERT INTO model_ancestors (ancestor, model, depth) VALUES (?, ?, 0)');
  let seed = 1;
  const temperature = () => {
    seed = (seed * 48271) % 2147483647;
    return 15 + (seed % 150) / 10;
  };
  target.transaction(() => {
    for (const model of models) ancestor.run(model, model);
    const add = (id: string, level: number) => {
      const props = level === 4 ? { temperature: temperature() } : {};
      const body = { $dtId: id, $etag: `W/"${id}"`, $metadata: { $model: models[level], $lastUpdateTime: '2024-01-01T00:00:00Z' }, ...props };
      twin.run(id, models[level], body.$etag, JSON.stringify(body));
    };
    let level: string[] = ['region-0'];
    add('region-0', 0);
    fanOut.forEach((count, depth) => {
      const next: string[] = [];
      for (const parent of level) {
        for (let i = 0; i < count; i++) {
          const id = `${parent.split('-')[0] === 'region' ? 'c' : parent}.${i}`;
          add(id, depth + 1);
          const relId = `contains-${i}`;
          relation.run(parent, relId, 'contains', id, `W/"${relId}"`, JSON.stringify({ $relationshipId: relId, $etag: `W/"${relId}"`, $sourceId: parent, $relationshipName: 'contains', $targetId: id }));
          next.push(id);
        }
      }
      level = next;
    });
  })();
}

const queries = {
  point: "SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'c.2.3.4.5'",
  filter: "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:campus:Room;1', exact) AND T.temperature > 29.5",
  twoJoins: "SELECT Room FROM DIGITALTWINS Building JOIN Floor RELATED Building.contains JOIN Room RELATED Floor.contains WHERE Building.$dtId = 'c.1.2'",
  fiveHops: "SELECT COUNT() FROM DIGITALTWINS MATCH (region)-[:contains*5]->(sensor) WHERE region.$dtId = 'region-0'",
};
const compiled: Partial<Record<keyof typeof queries, CompiledQuery>> = {};
const handWritten = {
  point: 'SELECT body FROM twins WHERE id = ?',
  filter: "SELECT body FROM twins WHERE model = ? AND json_extract(body, '$.temperature') > ? LIMIT 1000",
  twoJoins: "SELECT room.body FROM relationships a JOIN relationships b ON b.source = a.target AND b.name = 'contains' JOIN twins room ON room.id = b.target WHERE a.source = ? AND a.name = 'contains' LIMIT 1000",
  fiveHops: "SELECT COUNT(*) FROM relationships h1 JOIN relationships h2 ON h2.source = h1.target AND h2.name = 'contains' JOIN relationships h3 ON h3.source = h2.target AND h3.name = 'contains' JOIN relationships h4 ON h4.source = h3.target AND h4.name = 'contains' JOIN relationships h5 ON h5.source = h4.target AND h5.name = 'contains' WHERE h1.source = ? AND h1.name = 'contains'",
};

beforeAll(async () => {
  db = await openGraphDatabase(join(mkdtempSync(join(tmpdir(), 'twinbench-query-bench-')), 'graph.sqlite'));
  build(db);
  db.pragma('optimize');
  for (const key of Object.keys(queries) as (keyof typeof queries)[]) compiled[key] = compileQuery(queries[key]);
}, 120_000);

afterAll(() => db.close());

const statement = (sql: string) => {
  const cache = new Map<string, ReturnType<Database['prepare']>>();
  return () => cache.get(sql) ?? cache.set(sql, db.prepare(sql)).get(sql)!;
};
const point = statement(handWritten.point);
const filter = statement(handWritten.filter);
const twoJoins = statement(handWritten.twoJoins);
const fiveHops = statement(handWritten.fiveHops);

describe('point lookup by $dtId', () => {
  bench('hand-written SQL (baseline)', () => void (point().all('c.2.3.4.5') as { body: string }[]).map((r) => JSON.parse(r.body)));
  bench('compiled query', () => void runQuery(db, compiled.point!));
});

describe('filter on model and a property (first page)', () => {
  bench('hand-written SQL (baseline)', () => void (filter().all('dtmi:campus:Room;1', 29.5) as { body: string }[]).map((r) => JSON.parse(r.body)));
  bench('compiled query', () => void runQuery(db, compiled.filter!));
});

describe('two JOINs from a building', () => {
  bench('hand-written SQL (baseline)', () => void (twoJoins().all('c.1.2') as { body: string }[]).map((r) => ({ Room: JSON.parse(r.body) })));
  bench('compiled query', () => void runQuery(db, compiled.twoJoins!));
});

describe('five-hop MATCH from the region (COUNT)', () => {
  bench('hand-written SQL (baseline)', () => void fiveHops().all('region-0'));
  bench('compiled query', () => void runQuery(db, compiled.fiveHops!));
});
