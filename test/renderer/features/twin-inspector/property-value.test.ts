import { describe, expect, it } from 'vitest';
import type { SchemaView } from '../../../../src-shared/contract';
import { describeSchema, formatValue, parseValue } from '../../../../src-renderer/features/twin-inspector/property-value';

const status: SchemaView = { kind: 'Enum', valueSchema: 'string', values: [{ name: 'free', value: 'free' }, { name: 'booked', value: 'booked' }] };
const location: SchemaView = { kind: 'Object', fields: [{ name: 'x', schema: 'double' }, { name: 'y', schema: 'double' }] };
const tags: SchemaView = { kind: 'Map', keyName: 'tag', valueName: 'value', valueSchema: 'string' };

describe('property values checked against the model before sending', () => {
  it('reads numbers, booleans and strings as their schema wants', () => {
    expect(parseValue('double', '21.5')).toEqual({ ok: true, value: 21.5 });
    expect(parseValue('integer', '12')).toEqual({ ok: true, value: 12 });
    expect(parseValue('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(parseValue('string', '42')).toEqual({ ok: true, value: '42' });
  });

  it('refuses a value of the wrong type with the model expectation', () => {
    expect(parseValue('double', 'warm')).toEqual({ ok: false, expected: 'a double' });
    expect(parseValue('double', '')).toEqual({ ok: false, expected: 'a double' });
    expect(parseValue('integer', '12.5')).toEqual({ ok: false, expected: 'an integer' });
    expect(parseValue('integer', '3000000000')).toEqual({ ok: false, expected: 'an integer' });
    expect(parseValue('boolean', 'yes')).toEqual({ ok: false, expected: 'a boolean' });
    expect(parseValue('date', '31/01/2026')).toEqual({ ok: false, expected: 'a date such as 2026-01-31' });
    expect(parseValue(status, 'busy')).toEqual({ ok: false, expected: 'one of "free", "booked"' });
  });

  it('reads complex values as JSON and checks every field', () => {
    expect(parseValue(location, '{"x": 1, "y": 2.5}')).toEqual({ ok: true, value: { x: 1, y: 2.5 } });
    expect(parseValue(location, '{"x": "one"}')).toEqual({ ok: false, expected: 'an object {x, y} with x a double' });
    expect(parseValue(location, '{"z": 1}')).toEqual({ ok: false, expected: 'an object {x, y} (no field z)' });
    expect(parseValue(location, '{x: 1}')).toEqual({ ok: false, expected: 'an object {x, y}, written as JSON' });
    expect(parseValue(tags, '{"wing": "east"}')).toEqual({ ok: true, value: { wing: 'east' } });
    expect(parseValue(tags, '{"wing": 3}')).toEqual({ ok: false, expected: 'a map of tag to string' });
  });

  it('describes schemas and formats stored values for editing', () => {
    expect(describeSchema({ kind: 'Array', elementSchema: 'integer' })).toBe('an array of integers');
    expect(formatValue(location, { x: 1, y: 2 })).toBe('{"x":1,"y":2}');
    expect(formatValue(status, 'free')).toBe('free');
    expect(formatValue('double', 32.5)).toBe('32.5');
    expect(formatValue('double', undefined)).toBe('');
  });
});
