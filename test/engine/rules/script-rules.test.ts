import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine';
import { eventually, openRulesWorkspace, room } from './fixtures/rules-fixture';

let engine: Engine;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ engine, dispose } = await openRulesWorkspace());
}, 30_000);
afterEach(() => dispose(), 30_000);

const property = async (twin: string, name: string) => (await engine.twins.get(twin))[name];
const setCo2 = (twin: string, value: number) => engine.twins.update(twin, [{ op: 'add', path: '/co2', value }]);
const scriptStatus = (id: string) => eventually(() => engine.rules.status(), (status) => (status.perRule?.find((rule) => rule.id === id)?.errors ?? 0) > 0).then((status) => status.perRule!.find((rule) => rule.id === id)!);

describe('script rules', () => {
  it('read and patch twins through their API, and their patches feed the other rules', async () => {
    await engine.rules.put({ id: 'stale', kind: 'derive', model: room, property: 'notes', expression: 'humidity * 2' });
    await engine.rules.put({
      id: 'copy',
      kind: 'script',
      model: room,
      on: ['co2'],
      code: "const twin = await twins.get(event.twinId);\nconst rows = await twins.query(\"SELECT T.$dtId FROM DIGITALTWINS T WHERE T.$dtId = 'r2'\");\nawait twins.patch(event.twinId, [{ op: 'add', path: '/humidity', value: twin.co2 / 100 + rows.length }]);",
    });
    await setCo2('r1', 4200);
    expect(await eventually(() => property('r1', 'notes'), (value) => value !== undefined)).toBe(86);
    expect(await property('r1', 'humidity')).toBe(43);
  });

  it('stop a script that loops forever, report it, and keep serving the next events', async () => {
    await engine.rules.put({ id: 'spin', kind: 'script', model: room, on: ['co2'], timeoutMs: 200, code: "if (event.twinId === 'r1') { for (;;) {} }\nawait twins.patch(event.twinId, [{ op: 'add', path: '/label', value: 'done' }]);" });
    await setCo2('r1', 1);
    expect(await scriptStatus('spin')).toMatchObject({ errors: 1, lastError: 'r1: did not finish within 200 ms and was stopped' });
    await setCo2('r2', 1);
    expect(await eventually(() => property('r2', 'label'), (value) => value !== undefined)).toBe('done');
  });

  it('report a script that throws, with its reason', async () => {
    await engine.rules.put({ id: 'boom', kind: 'script', model: room, code: "throw new Error('sensor map missing');" });
    await setCo2('r1', 1);
    expect(await scriptStatus('boom')).toMatchObject({ errors: 1, lastError: 'r1: sensor map missing' });
  });

  it.each([
    ['require', "require('node:fs');"],
    ['process', 'process.exit(1);'],
    ['import', "await import('node:fs');"],
    ['eval', "eval('1');"],
    ['the host realm', "twins.get.constructor('return process')();"],
  ])('give scripts no way to reach Node built-ins (%s)', async (_what, code) => {
    await engine.rules.put({ id: 'escape', kind: 'script', model: room, code });
    await setCo2('r1', 1);
    const counters = await scriptStatus('escape');
    expect(counters.errors).toBe(1);
    expect(counters.lastError).toMatch(/^r1: /);
    expect(await engine.twins.count()).toBe(8);
  });
});
