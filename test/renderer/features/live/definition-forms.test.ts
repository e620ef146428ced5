import { describe, expect, it } from 'vitest';
import { endpointForm } from '../../../../src-renderer/features/event-flow/endpoint-form';
import { routeForm } from '../../../../src-renderer/features/event-flow/route-form';
import { ruleForm } from '../../../../src-renderer/features/rules/rule-form';
import { bindingForm } from '../../../../src-renderer/features/telemetry/binding-form';
import { sourceForm } from '../../../../src-renderer/features/telemetry/source-form';

describe('definition forms', () => {
  it('read an MQTT endpoint and give the same values back', () => {
    const values = { name: 'bus', type: 'mqtt', url: 'mqtt://localhost:1883', topic: 'twins/{subject}', qos: '0', username: '', password: '' };
    const parsed = endpointForm.parse(values);
    expect(parsed).toEqual({ ok: true, value: { name: 'bus', type: 'mqtt', url: 'mqtt://localhost:1883', topic: 'twins/{subject}', qos: 0 } });
    expect(parsed.ok && endpointForm.toValues(parsed.value)).toEqual(values);
    expect(endpointForm.fields({ type: 'file' }).map((field) => field.name)).toEqual(['name', 'type', 'path']);
  });

  it('refuse a webhook header line without a name', () => {
    expect(endpointForm.parse({ name: 'hook', type: 'webhook', url: 'https://x', headers: 'Authorization: Bearer a\nbroken' })).toEqual({ ok: false, field: 'headers', message: 'Write each header as "Name: value".' });
    expect(endpointForm.parse({ name: 'hook', type: 'webhook', url: 'https://x', headers: 'X-Key: a:b' })).toEqual({ ok: true, value: { name: 'hook', type: 'webhook', url: 'https://x', headers: { 'X-Key': 'a:b' } } });
  });

  it('read a route, an empty filter routing everything', () => {
    const form = routeForm(['log']);
    expect(form.blank()).toEqual({ id: '', endpointName: 'log', filter: 'true' });
    expect(form.parse({ id: ' all ', endpointName: 'log', filter: '' })).toEqual({ ok: true, value: { id: 'all', endpointName: 'log', filter: 'true' } });
  });

  it('read sources of each type, with lists one a line and numbers checked', () => {
    expect(sourceForm.parse({ name: 'b', type: 'mqtt-broker', port: '0', host: '', topics: 'a/{deviceId}\n b/{deviceId} ' })).toEqual({ ok: true, value: { name: 'b', type: 'mqtt-broker', port: 0, topics: ['a/{deviceId}', 'b/{deviceId}'] } });
    expect(sourceForm.parse({ name: 'r', type: 'replay', path: '/x.csv', format: 'from the extension', speed: 'fast' })).toEqual({ ok: false, field: 'speed', message: 'Speed must be a number.' });
    expect(sourceForm.parse({ name: 'r', type: 'replay', path: '/x.csv', format: 'csv', speed: '10' })).toEqual({ ok: true, value: { name: 'r', type: 'replay', path: '/x.csv', format: 'csv', speed: 10 } });
    expect(sourceForm.parse({ name: 'h', type: 'http' })).toEqual({ ok: true, value: { name: 'h', type: 'http' } });
  });

  it('read binding lines "field: telemetry|property name [unit]" and point at a bad line', () => {
    const values = { deviceId: 'd1', twinId: 'r1', component: '', fields: 't: telemetry temperature degreeFahrenheit\nocc: property occupied' };
    const parsed = bindingForm.parse(values);
    expect(parsed).toEqual({
      ok: true,
      value: { deviceId: 'd1', twinId: 'r1', fields: { t: { to: 'telemetry', name: 'temperature', unit: 'degreeFahrenheit' }, occ: { to: 'property', name: 'occupied' } } },
    });
    expect(parsed.ok && bindingForm.toValues(parsed.value)).toEqual(values);
    expect(bindingForm.parse({ ...values, fields: 't: telemetry temperature\nocc = occupied' })).toEqual({ ok: false, field: 'fields', message: 'Line 2: write "payload field: telemetry|property name [unit]".' });
  });

  it('read rules of each kind with the fields of their kind', () => {
    const form = ruleForm(['dtmi:x:Room;1']);
    expect(form.fields({ kind: 'rollup' }).map((field) => field.name)).toEqual(['id', 'kind', 'model', 'property', 'path', 'function', 'source', 'filterModel']);
    expect(form.parse({ id: 'avg', kind: 'rollup', model: 'dtmi:x:Floor;1', property: 'comfort', path: 'contains, hosts', function: 'avg', source: 'comfort', filterModel: '' })).toEqual({
      ok: true,
      value: { id: 'avg', kind: 'rollup', model: 'dtmi:x:Floor;1', property: 'comfort', path: ['contains', 'hosts'], function: 'avg', source: 'comfort' },
    });
    const alert = { id: 'co2', kind: 'alert' as const, model: 'dtmi:x:Room;1', raise: 'co2 > 1200', clear: 'co2 < 1000', property: 'co2Alert', severity: 'critical' as const };
    expect(form.parse(form.toValues(alert))).toEqual({ ok: true, value: alert });
    expect(form.toValues({ id: 't', fromModel: 'dtmi:x:Sensor;1', telemetry: 'co2', via: 'observes', property: 'co2' }).kind).toBe('telemetry');
    expect(form.parse({ id: 's', kind: 'script', model: 'm', code: 'return;', on: '', timeoutMs: 'soon' })).toEqual({ ok: false, field: 'timeoutMs', message: 'The time limit must be a number.' });
  });
});
