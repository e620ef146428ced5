import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Engine } from '../../../src-main/engine';
import { unitConversion } from '../../../src-main/engine/ingest/unit-conversion';
import { ingestEngine, storedTelemetry } from './fixtures';

describe('unit conversion', () => {
  it('converts between units of one quantity, offsets included', () => {
    const toCelsius = unitConversion('degreeFahrenheit', 'degreeCelsius') as (value: number) => number;
    expect(toCelsius(212)).toBeCloseTo(100, 10);
    expect(toCelsius(32)).toBeCloseTo(0, 10);
    expect((unitConversion('kelvin', 'degreeCelsius') as (value: number) => number)(273.15)).toBeCloseTo(0, 10);
    expect((unitConversion('kilowatt', 'watt') as (value: number) => number)(1.5)).toBe(1500);
    expect((unitConversion('percent', 'unity') as (value: number) => number)(45)).toBeCloseTo(0.45, 12);
  });

  it('refuses units of different quantities and names that are not units', () => {
    expect(unitConversion('metre', 'degreeCelsius')).toEqual({ reason: 'metre (LengthUnit) cannot become degreeCelsius (TemperatureUnit)' });
    expect(unitConversion('furlong', 'metre')).toEqual({ reason: 'furlong is not a DTDL unit' });
  });
});

describe('device bindings', () => {
  let engine: Engine;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ engine, dispose } = await ingestEngine());
    await engine.ingest.putSource({ name: 'web', type: 'http' });
    await engine.ingest.startSource('web');
  });
  afterEach(() => dispose());

  it('maps payload fields to telemetry and properties, converting °F to the model’s °C', async () => {
    await engine.ingest.putBinding({
      deviceId: 'dev-1',
      twinId: 'r1',
      fields: { t: { to: 'telemetry', name: 'airTemperature', unit: 'degreeFahrenheit' }, tp: { to: 'property', name: 'temperature', unit: 'degreeFahrenheit' }, s: { to: 'property', name: 'status' } },
    });
    const receipt = await engine.ingest.receive('dev-1', { t: 212, tp: 68, s: 'ok', extra: 1 }, { sourceTime: '2026-11-28T10:00:00Z' });
    expect(receipt).toEqual({ twinId: 'r1', telemetry: 1, properties: 2, ignored: ['extra'] });
    const twin = await engine.twins.get('r1');
    expect(twin.temperature).toBeCloseTo(20, 10);
    expect(twin.status).toBe('ok');
    const rows = await storedTelemetry(engine, 'r1');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe('airTemperature');
    expect(rows[0]!.value).toBeCloseTo(100, 10);
  });

  it('lands on a component when the binding names one', async () => {
    await engine.ingest.putBinding({ deviceId: 'stat', twinId: 'r2', component: 'thermostat', fields: { sp: { to: 'telemetry', name: 'setpoint' } } });
    await engine.ingest.receive('stat', { sp: 21.5 });
    const result = await engine.analytics.sql("SELECT component, name, value FROM telemetry WHERE twin_id = 'r2'");
    expect(result.rows).toEqual([['thermostat', 'setpoint', 21.5]]);
  });

  it('is checked against the model: unknown names, wrong kinds, units without a model unit, other quantities', async () => {
    const put = (fields: Record<string, unknown>) => engine.ingest.putBinding({ deviceId: 'd', twinId: 'r1', fields } as never);
    await expect(put({ x: { to: 'telemetry', name: 'nope' } })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: 'Binding of device d, field "x": the model dtmi:test:ingest:Room;1 declares no telemetry nope.' });
    await expect(put({ x: { to: 'telemetry', name: 'temperature' } })).rejects.toMatchObject({ message: 'Binding of device d, field "x": the model dtmi:test:ingest:Room;1 declares no telemetry temperature.' });
    await expect(put({ x: { to: 'telemetry', name: 'occupancy', unit: 'percent' } })).rejects.toMatchObject({ message: 'Binding of device d, field "x": the model states no unit for occupancy, so percent cannot be converted.' });
    await expect(put({ x: { to: 'property', name: 'temperature', unit: 'metre' } })).rejects.toMatchObject({ message: 'Binding of device d, field "x": metre (LengthUnit) cannot become degreeCelsius (TemperatureUnit).' });
    await expect(engine.ingest.putBinding({ deviceId: 'd', twinId: 'ghost', fields: { x: { to: 'telemetry', name: 'a' } } })).rejects.toMatchObject({ code: ErrorCode.TwinNotFound });
    await expect(engine.ingest.putBinding({ deviceId: 'a/b', twinId: 'r1', fields: {} })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    expect(await engine.ingest.listBindings()).toEqual([]);
  });

  it('refuses unknown devices, malformed payloads and non-numbers to convert, with reasons, and keeps going', async () => {
    await engine.ingest.putBinding({ deviceId: 'dev-1', twinId: 'r1', fields: { t: { to: 'telemetry', name: 'airTemperature', unit: 'degreeFahrenheit' } } });
    await expect(engine.ingest.receive('who', { t: 1 })).rejects.toMatchObject({ code: ErrorCode.NotFound, details: { reason: 'unknownDevice' } });
    await expect(engine.ingest.receive('dev-1', 'not json')).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, details: { reason: 'malformedPayload' } });
    await expect(engine.ingest.receive('dev-1', { t: 'hot' })).rejects.toMatchObject({ details: { reason: 'invalidValue' } });
    await expect(engine.ingest.receive('dev-1', { other: 1 })).rejects.toMatchObject({ details: { reason: 'unmappedField' } });
    await engine.ingest.receive('dev-1', { t: 50 });
    const [status] = await engine.ingest.sources();
    expect(status).toMatchObject({ name: 'web', running: true, messages: 1, errors: 4, reasons: { unknownDevice: 1, malformedPayload: 1, invalidValue: 1, unmappedField: 1 } });
    expect(status!.lastError).toBe('Device dev-1: no field of the payload is bound (other).');
  });

  it('reports a device whose twin was deleted as unknown', async () => {
    await engine.ingest.putBinding({ deviceId: 'dev-2', twinId: 'r2', fields: { o: { to: 'telemetry', name: 'occupancy' } } });
    await engine.ingest.receive('dev-2', { o: 3 });
    await engine.relationships.delete('s2', 's2-observes');
    await engine.twins.delete('r2');
    await expect(engine.ingest.receive('dev-2', { o: 4 })).rejects.toMatchObject({ details: { reason: 'unknownDevice' } });
  });

  it('is refused while no HTTP source runs', async () => {
    await engine.ingest.stopSource('web');
    await expect(engine.ingest.receive('dev-1', {})).rejects.toMatchObject({ code: ErrorCode.Unavailable });
  });

  it('is generated from observes relationships: for the sensor itself, or onto the observed room', async () => {
    const self = await engine.ingest.generateBindings();
    expect(self.created).toEqual([
      { deviceId: 's1', twinId: 's1', fields: { temperature: { to: 'telemetry', name: 'temperature', unit: 'degreeCelsius' }, battery: { to: 'telemetry', name: 'battery' } } },
      { deviceId: 's2', twinId: 's2', fields: { temperature: { to: 'telemetry', name: 'temperature', unit: 'degreeCelsius' }, battery: { to: 'telemetry', name: 'battery' } } },
    ]);
    expect((await engine.ingest.generateBindings({ target: 'observed' })).kept).toEqual(['s1', 's2']);
    const observed = await engine.ingest.generateBindings({ target: 'observed', replace: true });
    expect(observed.created[0]).toEqual({ deviceId: 's1', twinId: 'r1', fields: { temperature: { to: 'property', name: 'temperature', unit: 'degreeCelsius' } } });
    await engine.ingest.receive('s1', { temperature: 22.5, battery: 0.9 });
    expect((await engine.twins.get('r1')).temperature).toBe(22.5);
    expect(await engine.ingest.listBindings()).toHaveLength(2);
  });
});
