// Compiled ADT queries against hand-written SQL for the same answer (the baseline), on a campus
// graph of ~210,000 twins: region → campuses → buildings → floors → rooms → sensors, all `contains`.
// With TWINBENCH_BENCH_QUERY_WORKSPACE set to a workspace folder holding the sample campus, or
// TWINBENCH_BENCH_QUERY_SCALE set to a campus scale (1600 for the 1M-twin figures: the bench builds
// that sample once and keeps it under the temporary folder for later runs), the same four kinds
// of query run on the sample campus instead, read-only. The graphs the bench builds index the rooms'
// `temperature` (`query.addIndex`), as a user who filters on it would; a workspace given by folder
// is used with the indexes it has.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine } from '../../src-main/engine';
import { PropertyIndexes } from '../../src-main/engine/graph/property-indexes';
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

const campusScale = Number(process.env.TWINBENCH_BENCH_QUERY_SCALE ?? 0);
const campusWorkspace = process.env.TWINBENCH_BENCH_QUERY_WORKSPACE ?? (campusScale > 0 ? join(tmpdir(), `twinbench-query-bench-campus-${campusScale}`) : undefined);

/** Builds the sample campus at `scale` in `workspace`, unless an earlier run finished building it there. */
async function ensureCampus(workspace: string, scale: number): Promise<void> {
  const done = join(workspace, 'bench-campus-complete');
  if (existsSync(done)) return;
  rmSync(workspace, { recursive: true, force: true });
  const started = performance.now();
  const engine = await createEngine({ workspace, resourcesDir: resolve(import.meta.dirname, '../../resources') });
  const job = await engine.jobs.wait((await engine.jobs.startSample('campus', { world: 'campus', scale })).id);
  if (job.status === 'succeeded') await engine.query.addIndex('temperature');
  await engine.close();
  if (job.status !== 'succeeded') throw new Error(`building the sample campus failed: ${JSON.stringify(job.error)}`);
  writeFileSync(done, `${scale}\n`);
  console.log(`built the sample campus at scale ${scale} in ${((performance.now() - started) / 1000).toFixed(1)} s (kept in ${workspace})`);
}

const syntheticQueries = {
  point: "SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'c.2.3.4.5'",
  filter: "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:campus:Room;1', exact) AND T.temperature > 29.5",
  twoJoins: "SELECT Room FROM DIGITALTWINS Building JOIN Floor RELATED Building.contains JOIN Room RELATED Floor.contains WHERE Building.$dtId = 'c.1.2'",
  fiveHops: "SELECT COUNT() FROM DIGITALTWINS MATCH (region)-[:contains*5]->(sensor) WHERE region.$dtId = 'region-0'",
};
// A MATCH hop range (`*5`) gives one row per twin pair, so the hand-written query for the same
// answer counts distinct targets (in this tree every path reaches its own sensor).
const syntheticHandWritten = {
  point: 'SELECT body FROM twins WHERE id = ?',
  filter: "SELECT body FROM twins WHERE model = ? AND json_extract(body, '$.temperature') > ? LIMIT 1000",
  twoJoins: "SELECT room.body FROM relationships a JOIN relationships b ON b.source = a.target AND b.name = 'contains' JOIN twins room ON room.id = b.target WHERE a.source = ? AND a.name = 'contains' LIMIT 1000",
  fiveHops: "SELECT COUNT(DISTINCT h5.target) FROM relationships h1 JOIN relationships h2 ON h2.source = h1.target AND h2.name = 'contains' JOIN relationships h3 ON h3.source = h2.target AND h3.name = 'contains' JOIN relationships h4 ON h4.source = h3.target AND h4.name = 'contains' JOIN relationships h5 ON h5.source = h4.target AND h5.name = 'contains' WHERE h1.source = ? AND h1.name = 'contains'",
};
const syntheticArguments = { point: ['c.2.3.4.5'], filter: ['dtmi:campus:Room;1', 29.5], twoJoins: ['c.1.2'], fiveHops: ['region-0'] };

// The sample campus: building 2's rooms, warm rooms, and building 2 → floors → rooms ← VAVs ← AHUs → the building.
const campusRoom = 'dtmi:twinbench:campus:Room;1';
const campusQueries: typeof syntheticQueries = {
  point: "SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'campus-b002-f01-r003'",
  filter: `SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '${campusRoom}', exact) AND T.temperature > 23.4`,
  twoJoins: "SELECT Room FROM DIGITALTWINS Building JOIN Floor RELATED Building.contains JOIN Room RELATED Floor.contains WHERE Building.$dtId = 'campus-b002' AND Room.temperature > 22",
  fiveHops:
    "SELECT COUNT() FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r)<-[:serves]-(v)<-[:serves]-(a)-[:locatedIn]->(home) WHERE b.$dtId = 'campus-b002'",
};
const campusHandWritten: typeof syntheticHandWritten = {
  point: 'SELECT body FROM twins WHERE id = ?',
  filter: "SELECT body FROM twins WHERE model = ? AND json_extract(body, '$.temperature') > ? LIMIT 1000",
  twoJoins:
    "SELECT room.body FROM relationships a JOIN relationships b ON b.source = a.target AND b.name = 'contains' JOIN twins room ON room.id = b.target WHERE a.source = ? AND a.name = 'contains' AND json_extract(room.body, '$.temperature') > 22 LIMIT 1000",
  fiveHops:
    "SELECT COUNT(*) FROM relationships h1 JOIN relationships h2 ON h2.source = h1.target AND h2.name = 'contains' JOIN relationships h3 ON h3.target = h2.target AND h3.name = 'serves' " +
    "JOIN relationships h4 ON h4.target = h3.source AND h4.name = 'serves' JOIN relationships h5 ON h5.source = h4.source AND h5.name = 'locatedIn' WHERE h1.source = ? AND h1.name = 'contains'",
};
const campusArguments = { point: ['campus-b002-f01-r003'], filter: [campusRoom, 23.4], twoJoins: ['campus-b002'], fiveHops: ['campus-b002'] };

/** Opening the sample campus's workspace: time to a first answer and the process's resident memory. */
async function measureOpen(workspace: string): Promise<string> {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const engine = await createEngine({ workspace, resourcesDir: resolve(import.meta.dirname, '../../resources') });
  await engine.query.run("SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'campus-b002'");
  const openMs = performance.now() - started;
  const after = process.memoryUsage().rss;
  await engine.close();
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  return `opening the workspace and answering a first query took ${openMs.toFixed(0)} ms; process RSS ${mb(after)} after (${mb(before)} before, +${mb(after - before)})`;
}
let openFigure: string | undefined;

const queries = campusWorkspace ? campusQueries : syntheticQueries;
const handWritten = campusWorkspace ? campusHandWritten : syntheticHandWritten;
const queryArguments: Record<keyof typeof queries, unknown[]> = campusWorkspace ? campusArguments : syntheticArguments;
const compiled: Partial<Record<keyof typeof queries, CompiledQuery>> = {};
let indexes: PropertyIndexes;
/** The folder of the synthetic graph, removed at the end. */
let syntheticDir: string | undefined;

beforeAll(async () => {
  if (campusWorkspace) {
    // A workspace given by folder is only read; one the bench builds is also opened as the product opens it.
    if (campusScale > 0 && !process.env.TWINBENCH_BENCH_QUERY_WORKSPACE) {
      await ensureCampus(campusWorkspace, campusScale);
      openFigure = await measureOpen(campusWorkspace);
    }
    db = new BetterSqlite3(join(campusWorkspace, 'graph.sqlite'), { readonly: true });
  } else {
    syntheticDir = mkdtempSync(join(tmpdir(), 'twinbench-query-bench-'));
    db = await openGraphDatabase(join(syntheticDir, 'graph.sqlite'));
    build(db);
    db.pragma('optimize');
    new PropertyIndexes(db).add('temperature');
  }
  indexes = new PropertyIndexes(db);
  for (const key of Object.keys(queries) as (keyof typeof queries)[]) compiled[key] = compileQuery(queries[key], { indexedPaths: indexes.forQueries().paths });
}, 3_600_000);


const statement = (sql: string) => {
  const cache = new Map<string, ReturnType<Database['prepare']>>();
  return () => cache.get(sql) ?? cache.set(sql, db.prepare(sql)).get(sql)!;
};
const point = statement(handWritten.point);
const filter = statement(handWritten.filter);
const twoJoins = statement(handWritten.twoJoins);
const fiveHops = statement(handWritten.fiveHops);

/** Per-call times of each query, for the p95s and ratios printed at the end. */
const times = new Map<string, number[]>();
const timed = (name: string, run: () => unknown) => () => {
  const started = performance.now();
  run();
  const list = times.get(name) ?? times.set(name, []).get(name)!;
  list.push(performance.now() - started);
};
const parsed = (rows: unknown[]) => (rows as { body: string }[]).map((row) => JSON.parse(row.body) as unknown);

describe('point lookup by $dtId', () => {
  bench('hand-written SQL (baseline)', timed('point/hand', () => parsed(point().all(...queryArguments.point))));
  bench('compiled query', timed('point/compiled', () => runQuery(db, compiled.point!)));
});

describe('filter on model and a property (first page)', () => {
  bench('hand-written SQL (baseline)', timed('filter/hand', () => parsed(filter().all(...queryArguments.filter))));
  bench('compiled query', timed('filter/compiled', () => runQuery(db, compiled.filter!)));
});

describe('two JOINs from a building', () => {
  bench('hand-written SQL (baseline)', timed('twoJoins/hand', () => parsed(twoJoins().all(...queryArguments.twoJoins)).map((Room) => ({ Room }))));
  bench('compiled query', timed('twoJoins/compiled', () => runQuery(db, compiled.twoJoins!)));
});

describe('five-hop MATCH (COUNT)', () => {
  bench('hand-written SQL (baseline)', timed('fiveHops/hand', () => fiveHops().all(...queryArguments.fiveHops)));
  bench('compiled query', timed('fiveHops/compiled', () => runQuery(db, compiled.fiveHops!)));
});

afterAll(() => {
  const p95 = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length * 0.95)] ?? NaN;
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;
  const count = (db.prepare('SELECT count(*) AS n FROM twins').get() as { n: number }).n;
  const indexed = indexes.list().map((index) => index.property);
  console.log(`query figures on ${count.toLocaleString('en')} twins (${campusWorkspace ? 'sample campus' : 'synthetic graph'}; property indexes: ${indexed.join(', ') || 'none'}):`);
  if (openFigure) console.log(`  ${openFigure}`);
  for (const name of Object.keys(queries)) {
    const hand = times.get(`${name}/hand`) ?? [];
    const mine = times.get(`${name}/compiled`) ?? [];
    if (hand.length === 0 || mine.length === 0) continue;
    console.log(`  ${name}: compiled p95 ${p95(mine).toFixed(3)} ms, hand-written p95 ${p95(hand).toFixed(3)} ms, median ratio ${(median(mine) / median(hand)).toFixed(2)}x`);
  }
  db.close();
  if (syntheticDir) rmSync(syntheticDir, { recursive: true, force: true });
});
