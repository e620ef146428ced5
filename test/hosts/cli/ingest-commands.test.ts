import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/engine';
import { ingestModels } from '../../engine/ingest/fixtures';
import { cli } from './run-cli';

let root: string;
let workspace: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-ingest-'));
  workspace = join(root, 'ws');
  const engine = await createEngine({ workspace });
  await engine.models.add(ingestModels.map((model, i) => ({ name: `m${i}.json`, text: JSON.stringify(model) })));
  await engine.twins.upsert('r1', { $metadata: { $model: 'dtmi:test:ingest:Room;1' }, thermostat: { $metadata: {} } });
  await engine.close();
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('binding, source and replay commands', () => {
  it('adds a binding from --field options, replays a CSV through it and lists the source’s counters', async () => {
    const added = await cli(['-w', workspace, 'binding', 'add', 'dev-1', '--twin', 'r1', '--field', 't=telemetry:airTemperature:degreeFahrenheit', '--field', 's=property:status']);
    expect(added).toMatchObject({ code: 0, stdout: 'Saved the binding of device dev-1 to r1.\n' });
    expect((await cli(['-w', workspace, 'binding', 'list'])).stdout).toBe('DEVICE  TWIN  FIELDS\ndev-1   r1    t→airTemperature (degreeFahrenheit), s→property status\n');
    await writeFile(join(root, 'day.csv'), 'time,deviceId,t,s\n2026-11-28T08:00:00Z,dev-1,212,ok\n2026-11-28T08:00:01Z,ghost,1,x\n');
    const replay = await cli(['-w', workspace, '--json', 'replay', join(root, 'day.csv'), '--speed', 'max']);
    expect(replay.code).toBe(1);
    expect(JSON.parse(replay.stdout)).toMatchObject({ name: 'replay', type: 'replay', running: false, messages: 1, errors: 1, reasons: { unknownDevice: 1 }, progress: { done: 2, total: 2, finished: true } });
    const listed = await cli(['-w', workspace, 'source', 'list']);
    expect(listed.stdout).toMatch(/^NAME {4}TYPE {4}STATE {4}MESSAGES/);
    expect((await cli(['-w', workspace, 'twin', 'get', 'r1', '--json'])).stdout).toContain('"status": "ok"');
  });

  it('refuses a source without exactly one kind and a field mapping it cannot read', async () => {
    expect(await cli(['-w', workspace, 'source', 'add', 'x'])).toMatchObject({ code: 1, stderr: 'twinbench: Give exactly one of --http, --mqtt-broker, --mqtt-client <url> or --replay <file>.\n' });
    expect((await cli(['-w', workspace, 'binding', 'add', 'd', '--twin', 'r1', '--field', 'oops'])).stderr).toBe('twinbench: --field oops: write field=telemetry[:name[:unit]] or field=property[:name[:unit]].\n');
  });
});
