// The twin graph against bare better-sqlite3 doing the same I/O without validation (the limit of
// this store): point reads, validated JSON Patches, and a bulk import of an import-job file (against
// a bare loop of its rows alone, and one that also writes what the product must: an outbox row per
// entity, the secondary indexes, the WAL).
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine';
import { minimumDeferredRows } from '../../src-main/engine/transfer/deferred-indexes';
import { openGraphDatabase } from '../../src-main/engine/workspace/graph-database';

const root = mkdtempSync(join(tmpdir(), 'twinbench-graph-bench-'));
const modelsText = readFileSync(resolve(import.meta.dirname, '../fixtures/models/graph/campus.json'), 'utf8');
const rooms = 10_000;
const room = (i: number) => ({ $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: `Room ${i}`, area: 10 + (i % 40), thermostat: { $metadata: {} } });

let engine: Engine;
let bare: Database;
let readStatement: BetterSqlite3.Statement<[string], { body: string }>;
let patchStatement: BetterSqlite3.Statement<[number, string]>;
let next = 0;

beforeAll(async () => {
  const template = await createEngine({ workspace: join(root, 'template') });
  await template.models.add([{ name: 'campus.json', text: modelsText }]);
  for (let i = 0; i < rooms; i++) await template.twins.upsert(`room-${i}`, room(i));
  await template.close();
  cpSync(join(root, 'template'), join(root, 'engine'), { recursive: true });
  engine = await createEngine({ workspace: join(root, 'engine') });
  bare = await openGraphDatabase(join(root, 'bare.sqlite'));
  const insert = bare.prepare('INSERT INTO twins (id, model, etag, body) VALUES (?, ?, ?, ?)');
  bare.transaction(() => {
    for (let i = 0; i < rooms; i++) insert.run(`room-${i}`, 'dtmi:test:campus:Room;1', 'W/"x"', JSON.stringify({ $dtId: `room-${i}`, ...room(i) }));
  })();
  readStatement = bare.prepare('SELECT body FROM twins WHERE id = ?');
  patchStatement = bare.prepare("UPDATE twins SET body = json_set(body, '$.area', ?) WHERE id = ?");
}, 600_000);

afterAll(async () => {
  await engine.close();
  bare.close();
  rmSync(root, { recursive: true, force: true });
});

describe('point read of one twin', () => {
  bench('bare SELECT + JSON.parse (the limit)', () => {
    JSON.parse(readStatement.get(`room-${next++ % rooms}`)!.body);
  });
  bench('engine twins.get', async () => {
    await engine.twins.get(`room-${next++ % rooms}`);
  });
});

describe('JSON Patch of one property', () => {
  bench('bare UPDATE with json_set (the limit)', () => {
    patchStatement.run(next % 50, `room-${next++ % rooms}`);
  });
  bench('engine twins.update (validated, ETag, metadata, outbox event)', async () => {
    await engine.twins.update(`room-${next % rooms}`, [{ op: 'replace', path: '/area', value: next++ % 50 }]);
  });
});

describe('500 JSON Patches in one batch (multiply hz by 500 for patches/s)', () => {
  bench('bare UPDATE with json_set, 500 in one transaction (the limit)', () => {
    bare.transaction(() => {
      for (let i = 0; i < 500; i++) patchStatement.run(next % 50, `room-${next++ % rooms}`);
    })();
  });
  bench('engine twins.updateMany (validated, ETag, metadata, outbox event)', async () => {
    const patches = Array.from({ length: 500 }, () => ({ id: `room-${next % rooms}`, patch: [{ op: 'replace' as const, path: '/area', value: next++ % 50 }] }));
    await engine.twins.updateMany(patches);
  });
});

// TWINBENCH_BENCH_IMPORT_TWINS sets the file's size (twins; twice as many relationships): 5,000
// by default, 1000000 for the 1M-twin / 2M-relationship figure (one round each then).
const importTwins = Number(process.env.TWINBENCH_BENCH_IMPORT_TWINS ?? 5_000);
const importRounds = importTwins > 100_000 ? { iterations: 1, warmupIterations: 0, warmupTime: 0 } : { iterations: 3, warmupIterations: 1 };
const importTimes = { bare: [] as number[], sameIo: [] as number[], engine: [] as number[], history: [] as number[] };
/** Opening the imported workspace again: the engine, and a bare connection counting its twins. */
const opening = { engine: [] as number[], bare: [] as number[], rss: [] as { before: number; after: number }[] };

/** Writes the job file line by line: a 1M-twin file does not fit in one string. */
function writeJobFile(file: string, count: number): void {
  const fd = openSync(file, 'w');
  let buffer: string[] = [];
  const put = (line: string) => {
    buffer.push(line);
    if (buffer.length >= 10_000) {
      writeSync(fd, `${buffer.join('\n')}\n`);
      buffer = [];
    }
  };
  put('{"Section":"Header"}');
  put('{"fileVersion":"1.0.0"}');
  put('{"Section":"Twins"}');
  for (let i = 0; i < count; i++) put(JSON.stringify({ $dtId: `s${i}`, $metadata: { $model: 'dtmi:test:campus:Sensor;1' }, kind: 'co2' }));
  put('{"Section":"Relationships"}');
  for (let i = 0; i < count * 2; i++) put(JSON.stringify({ $relationshipId: `o${i}`, $dtId: `s${i % count}`, $targetId: `room-${i % rooms}`, $relationshipName: 'observes' }));
  writeSync(fd, `${buffer.join('\n')}\n`);
  closeSync(fd);
}

/** Opens the imported workspace and reads a twin, timing it and noting the process's resident memory, next to a bare open and count. */
async function measureOpening(workspace: string): Promise<void> {
  const bareStarted = performance.now();
  const db = new BetterSqlite3(join(workspace, 'graph.sqlite'));
  db.prepare('SELECT count(*) FROM twins').get();
  db.close();
  opening.bare.push(performance.now() - bareStarted);
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const reopened = await createEngine({ workspace });
  await reopened.twins.get('s0');
  opening.engine.push(performance.now() - started);
  opening.rss.push({ before: rss, after: process.memoryUsage().rss });
  await reopened.close();
}

describe(`bulk import of ${importTwins.toLocaleString('en')} twins and ${(2 * importTwins).toLocaleString('en')} relationships`, () => {
  const file = join(root, 'bulk.ndjson');
  writeJobFile(file, importTwins);
  let round = 0;

  bench(
    'bare insert loop of the same rows (the limit)',
    // Async, as the engine's round: a synchronous function is run once more to find out whether it is.
    async () => {
      const db = new BetterSqlite3(join(root, `bare-bulk-${round++}.sqlite`));
      db.exec('CREATE TABLE twins (id TEXT UNIQUE, model TEXT, etag TEXT, body TEXT); CREATE TABLE relationships (source TEXT, id TEXT, name TEXT, target TEXT, etag TEXT, body TEXT, PRIMARY KEY (source, id))');
      const twin = db.prepare('INSERT INTO twins VALUES (?, ?, ?, ?)');
      const relationship = db.prepare('INSERT INTO relationships VALUES (?, ?, ?, ?, ?, ?)');
      const started = performance.now();
      db.exec('BEGIN');
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line || line.startsWith('{"Section') || line.startsWith('{"fileVersion')) continue;
        const value = JSON.parse(line) as Record<string, string>;
        if (value.$dtId && !value.$relationshipId) twin.run(value.$dtId, 'm', 'e', line);
        else relationship.run(value.$dtId!, value.$relationshipId!, value.$relationshipName!, value.$targetId!, 'e', line);
      }
      db.exec('COMMIT');
      importTimes.bare.push(performance.now() - started);
      db.close();
      rmSync(join(root, `bare-bulk-${round - 1}.sqlite`), { force: true });
    },
    importRounds,
  );
  bench(
    'bare loop of the same I/O: the rows, an outbox row each, the indexes, the WAL (the limit of what an import writes)',
    async () => {
      const workspace = join(root, `bulk-${round++}`);
      cpSync(join(root, 'template'), workspace, { recursive: true });
      const db = new BetterSqlite3(join(workspace, 'graph.sqlite'));
      // As the import's own connection: a large page cache, no checkpoint while it writes (the workspace's checkpointer copies the WAL after).
      db.pragma('synchronous = NORMAL');
      db.pragma('cache_size = -262144');
      db.pragma('wal_autocheckpoint = 0');
      const twin = db.prepare('INSERT INTO twins (id, model, etag, body) VALUES (?, ?, ?, ?)');
      const relationship = db.prepare('INSERT INTO relationships (source, id, name, target, etag, body) VALUES (?, ?, ?, ?, ?, ?)');
      const rowsPerInsert = 64;
      const events = db.prepare(`INSERT INTO outbox (time, type, event) VALUES ${Array.from({ length: rowsPerInsert }, () => '(?, ?, ?)').join(', ')}`);
      const event = db.prepare('INSERT INTO outbox (time, type, event) VALUES (?, ?, ?)');
      const time = new Date().toISOString();
      const started = performance.now();
      db.exec('BEGIN IMMEDIATE');
      // The import drops the secondary indexes of a large graph while it writes and builds them again before it commits.
      const indexes =
        3 * importTwins < minimumDeferredRows ? [] : db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('twins', 'relationships')").all();
      for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
      let pending: string[] = [];
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line || line.startsWith('{"Section') || line.startsWith('{"fileVersion')) continue;
        const value = JSON.parse(line) as Record<string, string>;
        const isTwin = value.$dtId && !value.$relationshipId;
        if (isTwin) twin.run(value.$dtId!, 'm', 'e', line);
        else relationship.run(value.$dtId!, value.$relationshipId!, value.$relationshipName!, value.$targetId!, 'e', line);
        pending.push(time, isTwin ? 'Microsoft.DigitalTwins.Twin.Create' : 'Microsoft.DigitalTwins.Relationship.Create', line);
        if (pending.length === 3 * rowsPerInsert) {
          events.run(pending);
          pending = [];
        }
      }
      for (let i = 0; i < pending.length; i += 3) event.run(pending[i]!, pending[i + 1]!, pending[i + 2]!);
      for (const { sql } of indexes) db.exec(sql);
      db.exec('COMMIT');
      importTimes.sameIo.push(performance.now() - started);
      db.close();
      rmSync(workspace, { recursive: true, force: true });
    },
    importRounds,
  );
  bench(
    'engine import job (validated, one outbox event per entity)',
    async () => {
      const workspace = join(root, `bulk-${round++}`);
      cpSync(join(root, 'template'), workspace, { recursive: true });
      const target = await createEngine({ workspace });
      const started = performance.now();
      const job = await target.jobs.wait((await target.jobs.startImport('bulk', { inputPath: file })).id);
      const finished = performance.now();
      importTimes.engine.push(finished - started);
      if (job.status !== 'succeeded') throw new Error(JSON.stringify(job.error));
      await target.settled();
      importTimes.history.push(performance.now() - finished);
      await target.close();
      await measureOpening(workspace);
      rmSync(workspace, { recursive: true, force: true });
    },
    importRounds,
  );
});

afterAll(() => {
  const best = (times: number[]) => Math.min(...times);
  const entities = 3 * importTwins;
  if (importTimes.bare.length === 0 || importTimes.engine.length === 0) return;
  const rate = (ms: number) => Math.round((entities / ms) * 1000).toLocaleString('en');
  const engineTime = best(importTimes.engine);
  console.log(
    `import of ${entities.toLocaleString('en')} entities (best round): engine ${rate(engineTime)} entities/s (goal 100,000/s); ` +
      `bare loop of the rows alone ${rate(best(importTimes.bare))} entities/s (the engine takes ${(engineTime / best(importTimes.bare)).toFixed(2)}x its time); ` +
      `bare loop of the same I/O (rows, outbox rows, indexes, WAL) ${rate(best(importTimes.sameIo))} entities/s (${(engineTime / best(importTimes.sameIo)).toFixed(2)}x); ` +
      `the history had every event ${(best(importTimes.history) / 1000).toFixed(1)} s after the job completed`,
  );
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const rss = opening.rss.at(-1)!;
  console.log(
    `opening the imported workspace (${importTwins.toLocaleString('en')} twins more) and reading a twin: ${best(opening.engine).toFixed(0)} ms, ` +
      `a bare connection counting its twins ${best(opening.bare).toFixed(0)} ms (${(best(opening.engine) / best(opening.bare)).toFixed(2)}x); ` +
      `process RSS ${mib(rss.after)} after (${mib(rss.before)} before)`,
  );
});
