import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

const fixtures = resolve(import.meta.dirname, '../../fixtures/models');
const mini = join(fixtures, 'mini');
const invalid = join(fixtures, 'invalid');
const shown = (path: string) => relative(process.cwd(), path);

let root: string;
let ws: string[];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-models-'));
  ws = ['-w', join(root, 'ws')];
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('twinbench models', () => {
  it('validates a folder as one set and exits 0', async () => {
    expect(await cli(['models', 'validate', mini])).toEqual({ code: 0, stdout: 'Valid: 3 interfaces in 2 files.\n', stderr: '' });
  });

  it('prints each error as file:line: kind: message and exits 1', async () => {
    const run = await cli(['models', 'validate', mini, invalid]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${shown(join(invalid, 'floor.json'))}:7: valueBelowMin: Element dtmi:example:Floor:_contents:__contains;1 property 'maxMultiplicity' has value 0, below the minimum 1. Raise 'maxMultiplicity'.\n` +
        'Invalid: 1 error in 3 files.\n',
    );
  });

  it('reports a reference missing from the given files', async () => {
    const run = await cli(['models', 'validate', join(mini, 'room.json'), '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: { validationId: string; source: string }[] };
    expect(report.ok).toBe(false);
    expect(report.errors.map((error) => error.source)).toEqual([shown(join(mini, 'room.json'))]);
  });

  it('says which path does not exist, exit 3', async () => {
    const missing = join(root, 'nope');
    expect(await cli(['models', 'validate', missing])).toEqual({ code: 3, stdout: '', stderr: `twinbench: ${missing} does not exist.\n` });
  });

  it('adds, lists, shows, decommissions and deletes models', async () => {
    expect(await cli([...ws, 'models', 'add', mini])).toEqual({ code: 0, stdout: 'Added 3 models from 2 files.\n', stderr: '' });
    const list = await cli([...ws, 'models', 'list', '--json']);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((model) => model.id)).toEqual(['dtmi:example:Room;1', 'dtmi:example:Space;1', 'dtmi:example:Thermostat;1']);
    const show = await cli([...ws, 'models', 'show', 'dtmi:example:Room;1', '--flat']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Extends       dtmi:example:Space;1');
    expect(show.stdout).toMatch(/temperature\s+Telemetry\s+double \[degreeCelsius\]\s*\n/);
    expect(show.stdout).toMatch(/area\s+Property\s+double \[squareMetre\]\s+dtmi:example:Space;1\n/);
    expect(await cli([...ws, 'models', 'decommission', 'dtmi:example:Room;1'])).toEqual({ code: 0, stdout: 'Decommissioned dtmi:example:Room;1.\n', stderr: '' });
    expect(await cli([...ws, 'models', 'delete', 'dtmi:example:Room;1'])).toEqual({ code: 0, stdout: 'Deleted dtmi:example:Room;1.\n', stderr: '' });
    expect((await cli([...ws, 'models', 'list'])).stdout).toMatch(/^ID\s+DISPLAY NAME\s+UPLOADED\s+STATE\ndtmi:example:Space;1\s+Space\s+\S+\s+active\ndtmi:example:Thermostat;1\s+\S+\s+active\n$/);
  });

  it('refuses an invalid set without storing anything, exit 1', async () => {
    const run = await cli([...ws, 'models', 'add', mini, invalid]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`twinbench: The models are not valid: ${shown(join(invalid, 'floor.json'))}:7: Element dtmi:example:Floor:_contents:__contains;1`);
    expect((await cli([...ws, 'models', 'list'])).stdout).toBe('No models in this workspace.\n');
  });

  it('exits 4 when a model already exists or is still used, 3 when missing', async () => {
    await cli([...ws, 'models', 'add', mini]);
    expect((await cli([...ws, 'models', 'add', join(mini, 'space.json')])).code).toBe(4);
    expect((await cli([...ws, 'models', 'delete', 'dtmi:example:Space;1'])).code).toBe(4);
    expect((await cli([...ws, 'models', 'show', 'dtmi:example:Nope;1'])).code).toBe(3);
  });
});
