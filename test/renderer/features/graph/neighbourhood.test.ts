import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineRows } from '../../../../src-renderer/features/graph/graph-rows';
import { levelQueries, loadNeighbourhood, nextLevel, twinQueries } from '../../../../src-renderer/features/graph/neighbourhood';
import type { Engine } from '../../../../src-main/engine';
import { campusEngine } from '../../../engine/graph/graph-fixture';

const relationships = 'SELECT R.$sourceId AS source, R.$targetId AS target, R.$relationshipName AS name FROM RELATIONSHIPS R';

describe('the queries of a neighbourhood', () => {
  it('asks for the relationships leaving, entering or touching a level, ids quoted', () => {
    expect(levelQueries(['hq', "o'b"], 'out')).toEqual([`${relationships} WHERE R.$sourceId IN ['hq', 'o\\'b']`]);
    expect(levelQueries(['hq'], 'in')).toEqual([`${relationships} WHERE R.$targetId IN ['hq']`]);
    expect(levelQueries(['hq'], 'both')).toEqual([`${relationships} WHERE R.$sourceId IN ['hq'] OR R.$targetId IN ['hq']`]);
  });

  it('splits a large level into queries of 400 twins', () => {
    const ids = Array.from({ length: 801 }, (_, i) => `t${i}`);
    const queries = levelQueries(ids, 'out');
    expect(queries).toHaveLength(3);
    expect(queries[1]).toContain("'t400'");
    expect(queries[1]).not.toContain("'t399'");
    expect(queries[2]).toBe(`${relationships} WHERE R.$sourceId IN ['t800']`);
    expect(twinQueries(['a', 'b'])).toEqual(["SELECT T.$dtId AS id, T.$metadata.$model AS model, T.name AS name FROM DIGITALTWINS T WHERE T.$dtId IN ['a', 'b']"]);
  });

  it('finds the next level at the far ends of the relationships, skipping twins already seen', () => {
    const edges = [
      { source: 'a', target: 'b', name: 'x' },
      { source: 'c', target: 'a', name: 'x' },
      { source: 'b', target: 'a', name: 'y' },
      { source: 'a', target: 'd', name: 'x' },
    ];
    expect(nextLevel(edges, new Set(['a']), new Set(['a', 'd']), 'out')).toEqual(['b']);
    expect(nextLevel(edges, new Set(['a']), new Set(['a']), 'in')).toEqual(['c', 'b']);
    expect(nextLevel(edges, new Set(['a']), new Set(['a']), 'both')).toEqual(['b', 'c', 'd']);
  });
});

describe('a neighbourhood read from the engine', () => {
  let engine: Engine;
  let dispose: () => Promise<void>;
  const space = (model: string, name: string) => ({ $metadata: { $model: `dtmi:test:campus:${model};1` }, name });

  beforeEach(async () => {
    ({ engine, dispose } = await campusEngine());
    await engine.twins.upsert('hq', space('Building', 'Headquarters'));
    for (const floor of ['f1', 'f2']) {
      await engine.twins.upsert(floor, space('Floor', `Floor ${floor}`));
      await engine.relationships.upsert('hq', `hq-${floor}`, { $targetId: floor, $relationshipName: 'contains' });
      for (const room of ['r1', 'r2']) {
        await engine.twins.upsert(`${floor}-${room}`, { ...space('Room', `Room ${room}`), thermostat: { $metadata: {} } });
        await engine.relationships.upsert(floor, `${floor}-${room}`, { $targetId: `${floor}-${room}`, $relationshipName: 'contains' });
      }
    }
    await engine.twins.upsert('co2', { $metadata: { $model: 'dtmi:test:campus:Sensor;1' }, kind: 'co2' });
    await engine.relationships.upsert('co2', 'co2-observes', { $targetId: 'f1-r1', $relationshipName: 'observes' });
  });
  afterEach(() => dispose());

  const ids = async (root: string, direction: 'out' | 'in' | 'both', levels: number, limit = 100) => {
    const found = await loadNeighbourhood(engineRows(engine), root, direction, levels, limit);
    return { nodes: found.nodes.map((node) => node.id).sort(), edges: found.edges.map((edge) => `${edge.source}>${edge.target}`).sort(), complete: found.complete };
  };

  it('follows relationships out, level by level', async () => {
    expect(await ids('hq', 'out', 1)).toEqual({ nodes: ['f1', 'f2', 'hq'], edges: ['hq>f1', 'hq>f2'], complete: true });
    expect((await ids('hq', 'out', 2)).nodes).toEqual(['f1', 'f1-r1', 'f1-r2', 'f2', 'f2-r1', 'f2-r2', 'hq']);
  });

  it('follows relationships in, and both ways', async () => {
    expect(await ids('f1-r1', 'in', 2)).toEqual({ nodes: ['co2', 'f1', 'f1-r1', 'hq'], edges: ['co2>f1-r1', 'f1>f1-r1', 'hq>f1'], complete: true });
    expect(await ids('co2', 'both', 2)).toEqual({ nodes: ['co2', 'f1', 'f1-r1'], edges: ['co2>f1-r1', 'f1>f1-r1'], complete: true });
  });

  it('stops at the size limit and says so', async () => {
    const found = await ids('hq', 'out', 10, 4);
    expect(found.nodes).toHaveLength(4);
    expect(found.complete).toBe(false);
  });

  it('gives no twins for a root that does not exist', async () => {
    expect(await ids('nowhere', 'both', 3)).toEqual({ nodes: [], edges: [], complete: true });
  });
});
