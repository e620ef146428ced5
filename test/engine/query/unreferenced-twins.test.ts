import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine';
import { campusEngine } from '../graph/graph-fixture';

let engine: Engine;
let dispose: () => Promise<void>;

const space = (model: string, name: string, area?: number) => ({ $metadata: { $model: `dtmi:test:campus:${model};1` }, name, ...(area === undefined ? {} : { area }) });
const room = (name: string, area: number) => ({ ...space('Room', name, area), thermostat: { $metadata: {} } });

beforeEach(async () => {
  ({ engine, dispose } = await campusEngine());
  await engine.twins.upsert('b1', space('Building', 'HQ'));
  for (const [floor, rooms] of [['f1', ['r1', 'r2']], ['f2', ['r3']]] as const) {
    await engine.twins.upsert(floor, space('Floor', floor));
    await engine.relationships.upsert('b1', `b1-${floor}`, { $relationshipName: 'contains', $targetId: floor });
    for (const [i, id] of rooms.entries()) {
      await engine.twins.upsert(id, room(id, 10 * (i + 1)));
      await engine.relationships.upsert(floor, `${floor}-${id}`, { $relationshipName: 'contains', $targetId: id });
    }
  }
});
afterEach(async () => dispose());

const twinJoins = (sql: string) => sql.match(/twins AS t\d+/g) ?? [];

describe('twins that only connect a path', () => {
  it('are not joined when nothing names them, and the answers stay exact', async () => {
    const count = "SELECT COUNT() FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE b.$dtId = 'b1'";
    expect((await engine.query.run(count)).items).toEqual([{ COUNT: 3 }]);
    expect(twinJoins((await engine.query.explain(count)).sql)).toEqual([]);

    const rooms = "SELECT r.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE b.$dtId = 'b1' ORDER BY r.$dtId";
    expect((await engine.query.run(rooms)).items).toEqual([{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }]);
    expect(twinJoins((await engine.query.explain(rooms)).sql)).toEqual(['twins AS t2']);

    const filtered = "SELECT r.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE b.$dtId = 'b1' AND f.$dtId = 'f1' AND r.area > 15";
    expect((await engine.query.run(filtered)).items).toEqual([{ id: 'r2' }]);
    expect(twinJoins((await engine.query.explain(filtered)).sql)).toEqual(['twins AS t1', 'twins AS t2']);

    const joined = "SELECT Room FROM DIGITALTWINS Building JOIN Floor RELATED Building.contains JOIN Room RELATED Floor.contains WHERE Building.$dtId = 'b1'";
    expect((await engine.query.run(joined)).items.map((row) => (row as { Room: { $dtId: string } }).Room.$dtId).sort()).toEqual(['r1', 'r2', 'r3']);
    expect(twinJoins((await engine.query.explain(joined)).sql)).toEqual(['twins AS t2']);

    const star = "SELECT * FROM DIGITALTWINS Building JOIN Floor RELATED Building.contains WHERE Building.$dtId = 'b1'";
    expect((await engine.query.run(star)).items).toHaveLength(2);
    expect(twinJoins((await engine.query.explain(star)).sql)).toHaveLength(2);
  });

  it('leave out the anchor twin named only by $dtId, its first relationship standing for it', async () => {
    const ids = async (text: string) => (await engine.query.run(text)).items.map((row) => (row as { id: string }).id);
    const sqlOf = async (text: string) => (await engine.query.explain(text)).sql;

    const floors = "SELECT f.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f) WHERE b.$dtId IN ['b1', 'f1', 'nowhere'] ORDER BY f.$dtId";
    expect(await ids(floors)).toEqual(['f1', 'f2', 'r1', 'r2']);
    expect(await sqlOf(floors)).toMatch(/^SELECT .* FROM relationships AS r0 JOIN twins AS t1 ON t1\.id = r0\.target WHERE r0\.name = @p\d+ AND \(r0\.source IN /);

    const parents = "SELECT b.$dtId AS id FROM DIGITALTWINS MATCH (r)<-[:contains]-(b) WHERE r.$dtId = 'r3'";
    expect(await ids(parents)).toEqual(['f2']);
    expect(await sqlOf(parents)).toContain('r0.target = @p');

    const ordered = "SELECT f.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f) WHERE b.$dtId = 'f1' OR b.$dtId = 'f2' ORDER BY b.$dtId DESC, f.$dtId";
    expect(await ids(ordered)).toEqual(['r3', 'r1', 'r2']);
    expect(twinJoins(await sqlOf(ordered))).toEqual(['twins AS t1']);

    // A twin without relationships, and one that does not exist, give no rows either way.
    await engine.twins.upsert('lonely', space('Building', 'Annex'));
    expect(await ids("SELECT f.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f) WHERE b.$dtId IN ['lonely', 'missing']")).toEqual([]);

    // Named otherwise (a property, the twin itself, a projection of its id), or left by an optional JOIN: it stays joined.
    const kept = [
      "SELECT f.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f) WHERE b.$dtId = 'b1' AND b.name = 'HQ'",
      "SELECT f.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f) WHERE b.$dtId = 'b1' AND IS_OF_MODEL(b, 'dtmi:test:campus:Building;1')",
      "SELECT b.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains]->(f) WHERE b.$dtId = 'b1'",
      "SELECT Floor FROM DIGITALTWINS Building LEFT JOIN Floor RELATED Building.contains WHERE Building.$dtId = 'b1'",
    ];
    for (const text of kept) expect(await sqlOf(text), text).toContain('twins AS t0');
    expect(await ids(kept[0]!)).toEqual(['f1', 'f2']);
    expect(await ids(kept[2]!)).toEqual(['b1', 'b1']);
  });

  it('compares only edges that could be the same relationship', async () => {
    const rowidChecks = async (text: string) => (await engine.query.explain(text)).sql.match(/r\d+\.rowid <> r\d+\.rowid/g) ?? [];
    expect(await rowidChecks("SELECT COUNT() FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE b.$dtId = 'b1'")).toEqual(['r0.rowid <> r1.rowid']);
    expect(await rowidChecks("SELECT COUNT() FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:observes]-(s) WHERE b.$dtId = 'b1'")).toEqual([]);
    expect(await rowidChecks("SELECT COUNT() FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[]->(r) WHERE b.$dtId = 'b1'")).toEqual(['r0.rowid <> r1.rowid']);
    expect((await engine.query.run("SELECT COUNT() FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE b.$dtId = 'b1'")).items).toEqual([{ COUNT: 3 }]);
  });
});
