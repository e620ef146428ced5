import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine, type TelemetryReading } from '../../../src-main/engine';
import { signalFor } from '../../../src-main/engine/ingest/signals';
import type { Schema } from '../../../src-main/engine/models/dtdl';

const double = { kind: 'Primitive', name: 'double' } as unknown as Schema;
const at = (iso: string, tick = 0) => ({ date: new Date(iso), tick, stepSeconds: 5 });

describe('synthetic signals', () => {
  it('replay exactly for the same seed, device and time, and differ between devices', () => {
    const a = signalFor('temperature', double, 1, 'room-1');
    const b = signalFor('temperature', double, 1, 'room-1');
    const c = signalFor('temperature', double, 1, 'room-2');
    const time = at('2026-11-25T14:00:00Z', 7);
    expect(a(time)).toBe(b(time));
    expect(a(time)).not.toBe(c(time));
  });

  it('follow office hours: CO2 and occupancy rise on a workday afternoon, not at night or at the weekend', () => {
    const co2 = signalFor('co2', double, 3, 'sensor');
    const occupancy = signalFor('occupancy', { kind: 'Primitive', name: 'integer' } as unknown as Schema, 3, 'sensor');
    const tuesdayAfternoon = new Date(2026, 10, 24, 14, 0);
    const tuesdayNight = new Date(2026, 10, 24, 3, 0);
    const sunday = new Date(2026, 10, 29, 14, 0);
    const value = (signal: typeof co2, date: Date) => signal({ date, tick: 1, stepSeconds: 5 }) as number;
    expect(value(co2, tuesdayAfternoon)).toBeGreaterThan(800);
    expect(value(co2, tuesdayNight)).toBeLessThan(460);
    expect(value(co2, sunday)).toBeLessThan(460);
    expect(value(occupancy, tuesdayAfternoon)).toBeGreaterThan(4);
    expect(value(occupancy, tuesdayNight)).toBe(0);
  });
});

describe('synthetic devices in the engine', () => {
  let root: string;
  let engine: Engine;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'twinbench-synthetic-'));
    engine = await createEngine({ workspace: join(root, 'ws'), resourcesDir: resolve(import.meta.dirname, '../../../resources') });
    await engine.jobs.wait((await engine.jobs.startSample('campus', { world: 'campus' })).id);
  });
  afterEach(async () => {
    await engine.close();
    await rm(root, { recursive: true, force: true });
  });

  it('publishes one message per device each tick, declared names only, and stops', async () => {
    const readings: TelemetryReading[] = [];
    engine.telemetry.onDidPublish((batch) => readings.push(...batch));
    const status = await engine.ingest.startSynthetic({ intervalMs: 200, seed: 4 });
    expect(status).toMatchObject({ running: true, devices: 795, messages: 795, errors: 0, intervalMs: 200, seed: 4 });
    for (let waited = 0; (await engine.ingest.status()).messages < 795 * 2 && waited < 20_000; waited += 50) await new Promise((done) => setTimeout(done, 50));
    await engine.ingest.stopSynthetic();
    // A tick under way when stopping still finishes; wait until the count stands still.
    let stopped = await engine.ingest.status();
    for (;;) {
      await new Promise((done) => setTimeout(done, 400));
      const again = await engine.ingest.status();
      if (again.messages === stopped.messages) break;
      stopped = again;
    }
    expect(stopped.running).toBe(false);
    expect(stopped.messages % 795).toBe(0);
    expect(stopped.messages).toBeGreaterThanOrEqual(795 * 2);
    const names = new Set(readings.map((reading) => reading.name));
    expect([...names].sort()).toEqual(['activePower', 'airflow', 'co2', 'currentLevel', 'damperPosition', 'energy', 'level', 'occupancy', 'power', 'presence', 'relativeHumidity', 'supplyAirTemperature', 'temperature']);
    const stored = await engine.analytics.sql('SELECT count(*) FROM telemetry');
    expect(stored.rows[0]![0]).toBe(readings.length);
  });

  it('is remembered by the workspace and resumed by a long-lived host', async () => {
    await engine.ingest.startSynthetic({ intervalMs: 60_000, seed: 2 });
    await engine.close();
    engine = await createEngine({ workspace: join(root, 'ws'), runSources: true });
    expect(await engine.ingest.status()).toMatchObject({ running: true, intervalMs: 60_000, seed: 2 });
    await engine.ingest.stopSynthetic();
    await engine.close();
    engine = await createEngine({ workspace: join(root, 'ws'), runSources: true });
    expect((await engine.ingest.status()).running).toBe(false);
  });

  it('refuses a silly interval', async () => {
    await expect(engine.ingest.startSynthetic({ intervalMs: 5 })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });
});
