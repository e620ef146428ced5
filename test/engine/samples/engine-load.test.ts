import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine';
import { generateWorld, sampleWorlds, type SampleWorldName } from '../../../src-main/engine/samples';
import { worldEngine } from './world-fixture';

/** A base model per world whose twins an ADT query counts through inheritance. */
const baseModel: Readonly<Record<SampleWorldName, { model: string; twins: (model: string) => boolean }>> = {
  campus: { model: 'dtmi:twinbench:campus:Sensor;1', twins: (model) => model.endsWith('Sensor;1') },
  factory: { model: 'dtmi:twinbench:factory:Sensor;1', twins: (model) => model.endsWith('Sensor;1') },
  grid: { model: 'dtmi:twinbench:grid:PowerPlant;1', twins: (model) => /(Farm|Plant);1$/.test(model) },
};

/** A twin per world whose outgoing relationships an ADT JOIN lists. */
const joinFrom: Readonly<Record<SampleWorldName, { source: string; relationship: string }>> = {
  campus: { source: 'campus-b001-ahu1', relationship: 'serves' },
  factory: { source: 'factory-001-l01', relationship: 'hasPart' },
  grid: { source: 'grid-r001-sub01', relationship: 'feeds' },
};

// Loading each world at a small scale (the grid at 2, for a tie line between regions) through the engine's validating writes proves the generator
// matches ADT semantics: models exist, properties and components conform, relationship targets
// have the right model, multiplicities hold.
const scales: Readonly<Record<SampleWorldName, number>> = { campus: 1, factory: 1, grid: 2 };

describe.each(sampleWorlds)('the %s world at a small scale loads into a real engine', (name) => {
  let engine: Engine;
  let dispose: () => Promise<void>;
  const world = generateWorld(name, { scale: scales[name] });
  const errors: string[] = [];

  beforeAll(async () => {
    ({ engine, dispose } = await worldEngine(name));
    for (const twin of world.twins) await engine.twins.upsert(twin.$dtId, twin).catch((error: Error) => errors.push(`${twin.$dtId}: ${error.message}`));
    for (const relationship of world.relationships) {
      await engine.relationships.upsert(relationship.$sourceId, relationship.$relationshipId, relationship).catch((error: Error) => errors.push(`${relationship.$sourceId}/${relationship.$relationshipId}: ${error.message}`));
    }
  }, 60_000);
  afterAll(async () => dispose());

  it('with zero validation errors', () => {
    expect(errors.slice(0, 5)).toEqual([]);
    expect(errors.length).toBe(0);
  });

  it('with every twin and relationship stored once', async () => {
    expect(await engine.twins.count()).toBe(world.counts.twins);
    const page = await engine.query.run('SELECT COUNT() FROM RELATIONSHIPS');
    expect(page.items).toEqual([{ COUNT: world.counts.relationships }]);
  });

  it('answers ADT queries over its models', async () => {
    const { model, twins } = baseModel[name];
    let expected = 0;
    for (const twin of world.twins) if (twins(twin.$metadata.$model)) expected++;
    expect(expected).toBeGreaterThan(0);
    const page = await engine.query.run(`SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('${model}')`);
    expect(page.items).toEqual([{ COUNT: expected }]);
  });

  it('answers ADT JOIN queries along its relationships', async () => {
    const { source, relationship } = joinFrom[name];
    const expected: string[] = [];
    for (const r of world.relationships) if (r.$sourceId === source && r.$relationshipName === relationship) expected.push(r.$targetId);
    expect(expected.length).toBeGreaterThan(1);
    const page = await engine.query.run(`SELECT target.$dtId AS id FROM DIGITALTWINS source JOIN target RELATED source.${relationship} WHERE source.$dtId = '${source}'`);
    expect(page.items.map((item) => (item as { id: string }).id).sort()).toEqual(expected.sort());
  });
});
