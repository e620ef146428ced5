import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode, type Engine, type TelemetryReading } from '../../../src-main/engine';
import { campusEngine, roomBody } from '../graph/graph-fixture';

let engine: Engine;
let root: string;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ engine, root, dispose } = await campusEngine());
  await engine.twins.upsert('room-1', roomBody({ area: 20 }));
});
afterEach(() => dispose());

describe('history in the engine', () => {
  it('stores telemetry, flags undeclared names and pushes readings live', async () => {
    const live: TelemetryReading[] = [];
    engine.telemetry.onDidPublish((readings) => live.push(...readings));
    const receipt = await engine.telemetry.publish('room-1', { temperature: 21.5, glow: 3 }, { sourceTime: '2026-11-27T10:00:00Z', messageId: 'm1' });
    expect(receipt).toEqual({ stored: 2, unknown: ['glow'] });
    expect(live.map(({ name, value }) => [name, value])).toEqual([
      ['temperature', 21.5],
      ['glow', 3],
    ]);
    const result = await engine.analytics.sql("SELECT twin_id, name, value, message_id FROM telemetry ORDER BY name");
    expect(result.rows).toEqual([
      ['room-1', 'glow', 3, 'm1'],
      ['room-1', 'temperature', 21.5, 'm1'],
    ]);
  });

  it('refuses telemetry for a missing twin, component or a bad source time', async () => {
    await expect(engine.telemetry.publish('ghost', { temperature: 1 })).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(engine.telemetry.publish('room-1', { temperature: 1 }, { component: 'nope' })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(engine.telemetry.publish('room-1', { temperature: 1 }, { sourceTime: 'yesterday' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('refuses a non-numeric value for numeric telemetry, and far-future or impossible source times', async () => {
    await expect(engine.telemetry.publish('room-1', { temperature: 'warm' })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      message: 'Telemetry temperature of room-1 must be a number (its schema is double); got "warm".',
      details: { twinId: 'room-1', name: 'temperature', value: 'warm' },
    });
    await expect(engine.telemetry.publish('room-1', { temperature: 20 }, { sourceTime: '2099-01-01T00:00:00Z' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, details: { sourceTime: '2099-01-01T00:00:00Z' } });
    await expect(engine.telemetry.publish('room-1', { temperature: 20 }, { sourceTime: '2026-13-45T00:00:00Z' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, details: { sourceTime: '2026-13-45T00:00:00Z' } });
    // Undeclared names take any value: they are kept and flagged, not judged.
    expect(await engine.telemetry.publish('room-1', { glow: 'bright' })).toEqual({ stored: 1, unknown: ['glow'] });
  });

  it('stores a batch whole or not at all', async () => {
    await engine.twins.upsert('room-2', roomBody());
    const good = { twinId: 'room-1', payload: { temperature: 20 } };
    await expect(engine.telemetry.publishBatch([good, { twinId: 'ghost', payload: { temperature: 1 } }])).rejects.toMatchObject({ code: ErrorCode.TwinNotFound, details: { id: 'ghost' } });
    await expect(engine.telemetry.publishBatch([good, { twinId: 'room-2', payload: { temperature: null } }])).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    expect((await engine.analytics.sql('SELECT count(*) FROM telemetry')).rows).toEqual([[0]]);
    const receipt = await engine.telemetry.publishBatch([good, { twinId: 'room-2', payload: { temperature: 21, hum: 40 }, options: { messageId: 'b2' } }]);
    expect(receipt).toEqual({ stored: 3, unknown: ['hum'] });
    expect((await engine.analytics.sql('SELECT twin_id, name, value, message_id FROM telemetry ORDER BY twin_id, name')).rows).toEqual([
      ['room-1', 'temperature', 20, null],
      ['room-2', 'hum', 40, 'b2'],
      ['room-2', 'temperature', 21, 'b2'],
    ]);
  });

  it('stores each batch exactly when the next reuses its buffers', async () => {
    await engine.twins.upsert('room-2', roomBody());
    const long = 'a message id longer than twelve bytes';
    await engine.telemetry.publishBatch([{ twinId: 'room-2', payload: { temperature: 21.5, humidity: 40, status: 'a status of some length' }, options: { messageId: long } }]);
    await engine.telemetry.publishBatch([{ twinId: 'room-2', payload: { co2: 7 } }]);
    await engine.telemetry.publishBatch([{ twinId: 'room-1', payload: { co2: 5, t: 1 }, options: { messageId: 'm2' } }]);
    expect((await engine.analytics.sql('SELECT twin_id, name, value, value_json::VARCHAR, message_id FROM telemetry ORDER BY twin_id, name')).rows).toEqual([
      ['room-1', 'co2', 5, '5', 'm2'],
      ['room-1', 't', 1, '1', 'm2'],
      ['room-2', 'co2', 7, '7', null],
      ['room-2', 'humidity', 40, '40', long],
      ['room-2', 'status', null, '"a status of some length"', long],
      ['room-2', 'temperature', 21.5, '21.5', long],
    ]);
    // Shorter values written over longer ones compare equal to their literals (inline padding is zeroed).
    expect((await engine.analytics.sql("SELECT name FROM telemetry WHERE message_id = 'm2' ORDER BY name")).rows).toEqual([['co2'], ['t']]);
  });

  it('records property history and the graph beside it from the outbox', async () => {
    await engine.twins.update('room-1', [{ op: 'replace', path: '/area', value: 25 }]);
    await engine.settled();
    const history = await engine.analytics.sql("SELECT Id, Key, Value FROM property_events WHERE Key = 'area' ORDER BY TimeStamp");
    expect(history.rows).toEqual([
      ['room-1', 'area', 20],
      ['room-1', 'area', 25],
    ]);
    const lifecycle = await engine.analytics.sql('SELECT TwinId, Action, ModelId FROM twin_lifecycle_events');
    expect(lifecycle.rows).toEqual([['room-1', 'Create', 'dtmi:test:campus:Room;1']]);
    const beside = await engine.analytics.sql("SELECT t.id FROM twins t JOIN models m ON m.id = t.model WHERE list_contains(m.ancestors, 'dtmi:test:campus:Space;1')");
    expect(beside.rows).toEqual([['room-1']]);
  });

  it('refuses statements that write or read files', async () => {
    await expect(engine.analytics.sql('DELETE FROM telemetry')).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.analytics.sql("SELECT * FROM read_csv('/etc/passwd')")).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.analytics.sql('SELECT FROM WHERE')).rejects.toMatchObject({ code: ErrorCode.QuerySyntax });
  });

  it('lets another process work without history while this one holds it, saying why', async () => {
    const bin = resolve(import.meta.dirname, '../../../out/main/cli.js');
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, '-w', root, ...args]).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    expect((await run(['twin', 'get', 'room-1'])).code).toBe(0);
    const refused = await run(['sql', 'SELECT 1']);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('is open in another Twinbench process');
  });
});
