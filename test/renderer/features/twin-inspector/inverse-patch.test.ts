import { describe, expect, it } from 'vitest';
import { inversePatch, valueAt } from '../../../../src-renderer/features/twin-inspector/inverse-patch';

const twin = { $dtId: 'room-1', name: 'Orion', area: 32.5, thermostat: { setpoint: 21, 'a/b': 1 }, $metadata: { $model: 'dtmi:x:Room;1' } };

describe('the inverse of an edit', () => {
  it('reads values at JSON Pointers, escapes included', () => {
    expect(valueAt(twin, '/thermostat/setpoint')).toBe(21);
    expect(valueAt(twin, '/thermostat/a~1b')).toBe(1);
    expect(valueAt(twin, '/missing/x')).toBeUndefined();
  });

  it('gives replaced values back, removes added ones and adds removed ones, in reverse order', () => {
    expect(
      inversePatch(twin, [
        { op: 'replace', path: '/name', value: 'Orion 2' },
        { op: 'add', path: '/capacity', value: 12 },
        { op: 'remove', path: '/area' },
        { op: 'replace', path: '/thermostat/setpoint', value: 23 },
      ]),
    ).toEqual([
      { op: 'replace', path: '/thermostat/setpoint', value: 21 },
      { op: 'add', path: '/area', value: 32.5 },
      { op: 'remove', path: '/capacity' },
      { op: 'replace', path: '/name', value: 'Orion' },
    ]);
  });

  it('takes a path changed twice back to its first value, and copies values', () => {
    const inverse = inversePatch(twin, [
      { op: 'replace', path: '/thermostat', value: { setpoint: 22 } },
      { op: 'replace', path: '/thermostat', value: { setpoint: 23 } },
    ]);
    expect(inverse).toEqual([{ op: 'replace', path: '/thermostat', value: { setpoint: 21, 'a/b': 1 } }]);
    expect(inverse[0]!.value).not.toBe(twin.thermostat);
  });
});
