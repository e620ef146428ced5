import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src-main/engine';
import { generateWorld, sampleWorldInfo, sampleWorlds, type SampleWorldName } from '../../../src-main/engine/samples';
import { worldHash } from './world-fixture';

/** Seed 1, scale 1: change deliberately (and update docs/samples.md) when a world changes. */
const scaleOne: Readonly<Record<SampleWorldName, { twins: number; relationships: number; hash: string }>> = {
  campus: { twins: 970, relationships: 1254, hash: 'd19f4c05d441f4365998728ccafd8fd5deefda37d15c0d94ace3a053c9d24005' },
  factory: { twins: 182, relationships: 267, hash: '42ab4262f34155f3b2dad3c2d4066b8a4ff2102dc9262e868354f14b77744c88' },
  grid: { twins: 114, relationships: 123, hash: 'ac675f8081ad47a77a15f9dc5bd9bcd34c06b0e619cc3bcb161618fa71cb1c70' },
};

/** Seed 1 at the documented million scale (counted from the plans, nothing generated). */
const million: Readonly<Record<SampleWorldName, { scale: number; twins: number; relationships: number }>> = {
  campus: { scale: 1600, twins: 1_060_274, relationships: 1_380_246 },
  factory: { scale: 4000, twins: 1_040_032, relationships: 1_522_656 },
  grid: { scale: 4000, twins: 1_050_395, relationships: 1_131_186 },
};

const samplesDoc = () => readFile(resolve(import.meta.dirname, '../../../docs/samples.md'), 'utf8');
const n = (value: number) => value.toLocaleString('en-US');

describe.each(sampleWorlds)('the %s world', (name) => {
  it('is the same stream, byte for byte, for the same seed', async () => {
    const world = generateWorld(name);
    expect({ ...world.counts, hash: worldHash(world) }).toEqual(scaleOne[name]);
    expect(await samplesDoc()).toContain(`| ${n(world.counts.twins)} / ${n(world.counts.relationships)} |`);
    expect(worldHash(generateWorld(name, { scale: 1, seed: 1 }))).toBe(scaleOne[name].hash);
    expect(worldHash(world)).toBe(scaleOne[name].hash); // iterating again generates the same
  });

  it('differs for another seed', () => {
    expect(worldHash(generateWorld(name, { seed: 2 }))).not.toBe(scaleOne[name].hash);
  });

  it('counts exactly what it yields, with unique ids and relationships between its own twins', () => {
    const world = generateWorld(name, { scale: 3, seed: 7 });
    const twins = new Set<string>();
    for (const twin of world.twins) twins.add(twin.$dtId);
    const relationships = new Set<string>();
    const dangling: string[] = [];
    for (const r of world.relationships) {
      relationships.add(`${r.$sourceId}/${r.$relationshipId}`);
      if (!twins.has(r.$sourceId) || !twins.has(r.$targetId)) dangling.push(r.$relationshipId);
      expect(r.$relationshipId).toBe(`${r.$relationshipName}-${r.$targetId}`);
    }
    expect(dangling).toEqual([]);
    expect({ twins: twins.size, relationships: relationships.size }).toEqual(world.counts);
  });

  it('grows by whole parts: the first part is the same at every scale', () => {
    const first = { campus: 'campus-b001', factory: 'factory-001', grid: 'grid-r001' }[name];
    const inFirst = (id: string) => id === first || id.startsWith(`${first}-`);
    const part = (scale: number) => [...generateWorld(name, { scale }).twins].filter((twin) => inFirst(twin.$dtId)).map((twin) => JSON.stringify(twin));
    const small = part(1);
    expect(small.length).toBeGreaterThan(50);
    expect(part(4)).toEqual(small);
  });

  it(`passes a million twins at its documented scale`, async () => {
    const { scale, ...counts } = million[name];
    expect(sampleWorldInfo[name].millionScale).toBe(scale);
    expect(generateWorld(name, { scale }).counts).toEqual(counts);
    expect(counts.twins).toBeGreaterThanOrEqual(1_000_000);
    expect(await samplesDoc()).toContain(`**${n(scale)}**: ${n(counts.twins)} twins, ${n(counts.relationships)} relationships`);
  });
});

describe('the grid world', () => {
  it('feeds every line from a plant, every substation from a line and every consumer from one substation', () => {
    const world = generateWorld('grid', { scale: 20, seed: 3 });
    const models = new Map<string, string>();
    for (const twin of world.twins) models.set(twin.$dtId, twin.$metadata.$model.split(':')[3]!.split(';')[0]!);
    const fedBy = new Map<string, number>();
    const feeding = new Set<string>();
    for (const r of world.relationships) {
      if (r.$relationshipName !== 'feeds') continue;
      fedBy.set(r.$targetId, (fedBy.get(r.$targetId) ?? 0) + 1);
      feeding.add(r.$sourceId);
    }
    const problems: string[] = [];
    for (const [id, model] of models) {
      const fed = fedBy.get(id) ?? 0;
      if (model.endsWith('Consumer') && fed !== 1) problems.push(`${id} fed ${fed} times`);
      if ((model === 'Substation' || model === 'TransmissionLine') && fed < 1) problems.push(`${id} not fed`);
      if (/(Farm|Plant)$/.test(model) && !feeding.has(id)) problems.push(`${id} feeds nothing`);
    }
    expect(problems).toEqual([]);
  });
});

describe('generateWorld', () => {
  it('refuses unknown worlds, bad scales and bad seeds', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(code(() => generateWorld('city' as SampleWorldName))).toBe(ErrorCode.InvalidArgument);
    expect(code(() => generateWorld('campus', { scale: 0 }))).toBe(ErrorCode.InvalidArgument);
    expect(code(() => generateWorld('campus', { scale: 1.5 }))).toBe(ErrorCode.InvalidArgument);
    expect(code(() => generateWorld('campus', { scale: 100_001 }))).toBe(ErrorCode.InvalidArgument);
    expect(code(() => generateWorld('campus', { seed: -1 }))).toBe(ErrorCode.InvalidArgument);
    expect(code(() => generateWorld('grid', { scale: 2, seed: 0 }))).toBe('no error');
  });
});
