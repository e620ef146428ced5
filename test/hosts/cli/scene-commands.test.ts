import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

const ifc = resolve(import.meta.dirname, '../../fixtures/spatial/small-building.ifc');
let root: string;
let ws: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-scene-'));
  ws = ['-w', join(root, 'ws')];
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('twinbench scene', () => {
  it('imports an IFC file and shows the scene summary', async () => {
    const run = await cli([...ws, 'scene', 'import-ifc', 'small', ifc]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'Imported 7 twins and 6 relationships.',
        'Scene         small (small-building)',
        'Source        ifc',
        'Levels        2',
        'Spaces        3',
        'Walls         0',
        'Assets        1',
        'Linked twins  7',
        'Extent        20 m × 10 m, 7 m high',
        '',
      ].join('\n'),
    );
  });

  it('lists scenes and shows one level by level', async () => {
    expect((await cli([...ws, 'scene', 'list'])).stdout).toBe('ID     NAME            SOURCE  LEVELS  SPACES  ASSETS  PROBLEMS\nsmall  small-building  ifc     2       3       1       0\n');
    const shown = await cli([...ws, 'scene', 'show', 'small']);
    expect(shown.stdout.split('\n').slice(0, 4)).toEqual(['Scene small (small-building), from ifc', 'LEVEL                       NAME          ELEVATION  HEIGHT  SPACES', 'ifc-0Twb000000000000000050  Ground floor  0 m        4 m     2', 'ifc-0Twb000000000000000052  First floor   4 m        3 m     1']);
  });

  it('refuses a corrupt glTF file with exit 1 and a message naming it', async () => {
    await writeFile(join(root, 'bad.gltf'), '{ not json');
    const run = await cli([...ws, 'scene', 'import-gltf', 'small', join(root, 'bad.gltf'), '--map', 'name']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^twinbench: bad\.gltf is not a valid glTF file: its JSON does not parse/);
  });

  it('refuses an unknown mapping rule as a usage of --map', async () => {
    const run = await cli([...ws, 'scene', 'import-gltf', 'small', join(root, 'bad.gltf'), '--map', 'colour:red']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--map colour:red: use name, name:PREFIX, regex:PATTERN or extras:ATTRIBUTE.');
  });
});
