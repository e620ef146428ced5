import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine, type RuleAlert } from '../../../src-main/engine';
import { building, eventually, floor, meter, openRulesWorkspace, room } from './fixtures/rules-fixture';

let engine: Engine;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ engine, dispose } = await openRulesWorkspace());
}, 30_000);
afterEach(() => dispose(), 30_000);

const property = async (twin: string, name: string) => (await engine.twins.get(twin))[name];
const until = (twin: string, name: string, check: (value: unknown) => boolean) => eventually(() => property(twin, name), check);
const set = (twin: string, values: Record<string, unknown>) => engine.twins.update(twin, Object.entries(values).map(([name, value]) => ({ op: 'add' as const, path: `/${name}`, value })));
const comfort = 'clamp(100 - 10 * abs(temperature - 22), 0, 100)';

describe('derive rules', () => {
  it('set a property from an expression when a property it reads changes', async () => {
    await engine.rules.put({ id: 'comfort', kind: 'derive', model: room, property: 'comfort', expression: comfort });
    await set('r1', { temperature: 24.5 });
    expect(await until('r1', 'comfort', (value) => value !== undefined)).toBe(75);
    expect(await property('r2', 'comfort')).toBeUndefined();
  });

  it('convert into the unit of the property they set', async () => {
    await engine.rules.put({ id: 'fahrenheit', kind: 'derive', model: room, property: 'temperatureF', expression: 'temperature' });
    await set('r1', { temperature: 100 });
    expect(await until('r1', 'temperatureF', (value) => value !== undefined)).toBeCloseTo(212, 9);
  });

  it('read the latest telemetry of the twin', async () => {
    await engine.rules.put({ id: 'power', kind: 'derive', model: room, property: 'notes', expression: 'power / 1000' });
    await engine.telemetry.publish('r1', { power: 2500 });
    expect(await until('r1', 'notes', (value) => value !== undefined)).toBe(2.5);
  });

  it('round results for integer properties and leave the property alone when the result is null', async () => {
    await engine.rules.put({ id: 'people', kind: 'derive', model: room, property: 'people', expression: 'co2 / 100' });
    await set('r1', { co2: 1260 });
    expect(await until('r1', 'people', (value) => value !== undefined)).toBe(13);
    await engine.twins.update('r1', [{ op: 'remove', path: '/co2' }]);
    await eventually(() => engine.rules.status(), (status) => status.perRule?.[0]?.evaluations === 2);
    expect(await property('r1', 'people')).toBe(13);
  });

  it('report a division by zero, write nothing for that twin and keep going for others', async () => {
    await engine.rules.put({ id: 'ratio', kind: 'derive', model: room, property: 'ratio', expression: 'humidity / (co2 - 400)' });
    await set('r1', { humidity: 50, co2: 400 });
    await set('r2', { humidity: 50, co2: 500 });
    expect(await until('r2', 'ratio', (value) => value !== undefined)).toBe(0.5);
    const status = await eventually(() => engine.rules.status(), (current) => current.failed === 1);
    expect(status.perRule).toEqual([{ id: 'ratio', kind: 'derive', evaluations: 2, writes: 1, errors: 1, lastError: 'r1: Division by zero (line 1, column 10)' }]);
    expect(status.lastError).toBe('Rule ratio on r1: Division by zero (line 1, column 10)');
    expect(await property('r1', 'ratio')).toBeUndefined();
  });
});

describe('roll-up rules', () => {
  it('chain room → floor → building in one pass, in dependency order', async () => {
    await engine.rules.put({ id: 'building', kind: 'rollup', model: building, property: 'comfort', path: ['contains'], function: 'avg', source: 'comfort' });
    await engine.rules.put({ id: 'floor', kind: 'rollup', model: floor, property: 'comfort', path: ['contains'], function: 'avg', source: 'comfort' });
    await engine.rules.put({ id: 'comfort', kind: 'derive', model: room, property: 'comfort', expression: comfort });
    expect((await engine.rules.status()).perRule?.map((rule) => rule.id)).toEqual(['comfort', 'floor', 'building']);
    await engine.twins.updateMany([
      { id: 'r1', patch: [{ op: 'add', path: '/temperature', value: 22 }] },
      { id: 'r2', patch: [{ op: 'add', path: '/temperature', value: 25 }] },
      { id: 'r3', patch: [{ op: 'add', path: '/temperature', value: 23 }] },
    ]);
    expect(await until('b', 'comfort', (value) => value !== undefined)).toBeCloseTo((85 + 90) / 2, 9);
    expect(await property('f1', 'comfort')).toBe(85);
    expect(await property('f2', 'comfort')).toBe(90);
    const trace = await engine.rules.trace('b', 'comfort');
    expect(trace.map(({ ruleId, kind, depth, value }) => ({ ruleId, kind, depth, value }))).toEqual([{ ruleId: 'building', kind: 'rollup', depth: 3, value: 87.5 }]);
  });

  it('count, sum, min and max along a two-step path with a model filter', async () => {
    await engine.rules.put({ id: 'rooms', kind: 'rollup', model: floor, property: 'rooms', path: ['contains'], function: 'count', filterModel: room, source: 'co2' });
    await engine.rules.put({ id: 'max', kind: 'rollup', model: building, property: 'comfort', path: ['contains', 'contains'], function: 'max', source: 'co2' });
    await set('r1', { co2: 700 });
    await set('r3', { co2: 900 });
    expect(await until('b', 'comfort', (value) => value === 900)).toBe(900);
    expect(await property('f1', 'rooms')).toBe(1);
    await engine.rules.put({ id: 'max', kind: 'rollup', model: building, property: 'comfort', path: ['contains', 'contains'], function: 'sum', source: 'co2' });
    await set('r4', { co2: 100 });
    expect(await until('b', 'comfort', (value) => value === 1700)).toBe(1700);
    await engine.rules.put({ id: 'max', kind: 'rollup', model: building, property: 'comfort', path: ['contains', 'contains'], function: 'min', source: 'co2' });
    await set('r2', { co2: 50 });
    expect(await until('b', 'comfort', (value) => value === 50)).toBe(50);
  });
});

describe('alert rules', () => {
  it('raise and clear with hysteresis, setting the property and announcing each change', async () => {
    const alerts: RuleAlert[] = [];
    engine.rules.onDidAlert((alert) => alerts.push(alert));
    await engine.rules.put({ id: 'co2', kind: 'alert', model: room, property: 'co2Alert', raise: 'co2 > 1200', clear: 'co2 < 1000', severity: 'critical', message: 'CO2 high' });
    const step = async (value: number, expected: boolean) => {
      await set('r1', { co2: value });
      await eventually(() => engine.rules.status(), (status) => status.perRule?.[0]?.evaluations === steps);
      expect(await property('r1', 'co2Alert')).toBe(expected);
    };
    let steps = 0;
    for (const [value, expected] of [[900, false], [1300, true], [1100, true], [1250, true], [950, false], [1150, false]] as const) {
      steps++;
      await step(value, expected);
    }
    expect(alerts.map(({ ruleId, twinId, state, severity, message }) => ({ ruleId, twinId, state, severity, message }))).toEqual([
      { ruleId: 'co2', twinId: 'r1', state: 'raised', severity: 'critical', message: 'CO2 high' },
      { ruleId: 'co2', twinId: 'r1', state: 'cleared', severity: 'critical', message: 'CO2 high' },
    ]);
  });
});

describe('rule definitions', () => {
  const refused = (rule: unknown) => engine.rules.put(rule as never).then(() => 'accepted', (error: { code: string; message: string; details?: unknown }) => ({ code: error.code, message: error.message, details: error.details }));

  it('are checked against the models with located errors', async () => {
    expect(await refused({ id: 'x', kind: 'derive', model: room, property: 'nope', expression: '1' })).toMatchObject({ code: ErrorCode.InvalidArgument, message: `Rule x: ${room} has no property nope.` });
    expect(await refused({ id: 'x', kind: 'derive', model: room, property: 'label', expression: 'co2 * 2' })).toMatchObject({ message: `Rule x: label of ${room} is a string, but the rule gives a number.` });
    expect(await refused({ id: 'x', kind: 'derive', model: room, property: 'comfort', expression: 'co2 *\n (humidity +' })).toEqual({
      code: ErrorCode.InvalidArgument,
      message: 'Rule x: expression: Expected a value, a name or "(" but found the end of the expression (line 2, column 13)',
      details: { rule: 'x', field: 'expression', offset: 18, line: 2, column: 13 },
    });
    expect(await refused({ id: 'x', kind: 'derive', model: room, property: 'comfort', expression: 'warmth + 1' })).toMatchObject({ message: `Rule x: expression: ${room} has no property or telemetry warmth (line 1, column 1)` });
    expect(await refused({ id: 'x', kind: 'derive', model: 'dtmi:test:rules:Nothing;1', property: 'comfort', expression: '1' })).toMatchObject({ message: 'Rule x: there is no model dtmi:test:rules:Nothing;1 in this workspace.' });
    expect(await refused({ id: 'x', kind: 'rollup', model: floor, property: 'comfort', path: ['holds'], function: 'avg', source: 'comfort' })).toMatchObject({ message: `Rule x: ${floor} has no relationship holds (step 1 of the path).` });
    expect(await refused({ id: 'x', kind: 'rollup', model: floor, property: 'comfort', path: ['contains'], function: 'avg', source: 'label' })).toMatchObject({ message: `Rule x: label of ${room} is not a number, so it cannot be avg-ed.` });
    expect(await refused({ id: 'x', kind: 'rollup', model: floor, property: 'comfort', path: ['contains'], function: 'median', source: 'comfort' })).toMatchObject({ message: 'Rule x: "function" must be one of avg, sum, min, max, count.' });
    expect(await refused({ id: 'x', kind: 'alert', model: room, property: 'comfort', raise: 'co2 > 1' })).toMatchObject({ message: `Rule x: comfort of ${room} is a number, but the rule gives a boolean.` });
    expect(await refused({ id: 'x', kind: 'alert', model: room, property: 'co2Alert', raise: 'co2 + 1' })).toMatchObject({ message: 'Rule x: raise must be a condition (true or false), not a number.' });
    expect(await refused({ id: 'x', kind: 'script', model: room, code: 'if (' })).toMatchObject({ message: "Rule x: the script does not parse: Unexpected token '}' (line 2)" });
    expect(await refused({ id: 'x', kind: 'magic', model: room })).toMatchObject({ message: 'Rule x: "kind" must be one of telemetry, derive, rollup, alert, script.' });
    expect(await refused({ id: 'x', kind: 'derive', model: room, property: 'comfort', expression: 'comfort + 1' })).toMatchObject({ message: 'Rule x: the expression reads comfort, the property it sets.' });
    expect(await engine.rules.list()).toEqual([]);
  });

  it('refuse a rule that closes a cycle, naming it', async () => {
    await engine.rules.put({ id: 'a', kind: 'derive', model: room, property: 'humidity', expression: 'co2 / 10' });
    await engine.rules.put({ id: 'b', kind: 'derive', model: room, property: 'notes', expression: 'humidity * 2' });
    const error = await refused({ id: 'c', kind: 'derive', model: room, property: 'co2', expression: 'notes + 1' });
    expect(error).toMatchObject({ code: ErrorCode.InvalidArgument, details: { cycle: ['a', 'b', 'c', 'a'] } });
    expect((error as { message: string }).message).toBe('The rules would form a cycle: a → b → c → a (each writes a property the next one reads).');
    expect((await engine.rules.list()).map((rule) => rule.id)).toEqual(['a', 'b']);
  });

  it('are kept in the workspace and managed by id', async () => {
    await engine.rules.put({ id: 'comfort', kind: 'derive', model: room, property: 'comfort', expression: comfort });
    expect(await engine.rules.get('comfort')).toEqual({ id: 'comfort', kind: 'derive', model: room, property: 'comfort', expression: comfort });
    await engine.rules.delete('comfort');
    await expect(engine.rules.get('comfort')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(engine.rules.trace('')).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });
});

describe('the rule trace', () => {
  it('tells which event and rule set a property, and when', async () => {
    await engine.rules.put({ id: 'feed', fromModel: meter, telemetry: 'reading', via: 'feeds', property: 'co2' });
    await engine.rules.put({ id: 'comfort', kind: 'derive', model: room, property: 'comfort', expression: 'clamp(2000 - co2, 0, 100)' });
    const before = new Date().toISOString();
    await engine.telemetry.publish('m1', { reading: 1950 });
    await until('r1', 'comfort', (value) => value === 50);
    const trace = await engine.rules.trace('r1');
    expect(trace.map(({ time: _time, ...entry }) => entry)).toEqual([
      { twinId: 'r1', property: 'co2', value: 1950, ruleId: 'feed', kind: 'telemetry', cause: { kind: 'telemetry', twinId: 'm1', names: ['reading'] }, depth: 1 },
      { twinId: 'r1', property: 'comfort', value: 50, ruleId: 'comfort', kind: 'derive', cause: { kind: 'telemetry', twinId: 'm1', names: ['reading'] }, depth: 2 },
    ]);
    expect(trace.every((entry) => entry.time >= before)).toBe(true);
    expect((await engine.rules.trace('r1', 'comfort')).length).toBe(1);
  });
});
