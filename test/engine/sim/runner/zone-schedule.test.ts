// The steps at which zones' occupancy or plant changes: where the kernel recomputes their gains and controls.
import { describe, expect, it } from 'vitest';
import { physics, type Scenario } from '../../../../src-main/engine';
import { stepTable } from '../../../../src-main/engine/sim/runner/step-table';
import { zoneArrays } from '../../../../src-main/engine/sim/runner/zone-arrays';
import { scheduleChanges } from '../../../../src-main/engine/sim/runner/zone-schedule';
import { office, smallModel } from '../fixtures/small-model';

// 2025-01-10 is a Friday: a working day, then a Saturday.
const scenario: Scenario = { id: 's', start: '2025-01-10', horizonHours: 48, weather: { kind: 'synthetic' }, seed: 1 };

describe('schedule changes', () => {
  it('lists, step by step, the zones whose occupancy or plant starts or stops, and every zone at step 0', () => {
    const small = smallModel();
    // A lobby open every day from 7 to 20 beside the offices' weekdays from 8 to 18.
    const model = { ...small, zones: [...small.zones, office('lobby-1', 40, { occupiedFrom: 7, occupiedUntil: 20, occupiedDays: [true, true, true, true, true, true, true] })] };
    const changes = scheduleChanges(stepTable(model, scenario, physics.syntheticWeather({ seed: 1 })), zoneArrays(model));
    const changed = Array.from({ length: 48 }, (_, s) => [...changes.zones(s)]);
    const expected = Array.from({ length: 48 }, (): number[] => []);
    expected[0] = [0, 1, 2, 3];
    // Friday: the lobby's plant at 6, the offices' plant at 7 with the lobby's people, the offices' people at 8, offices close at 18, the lobby at 20.
    expected[6] = [3];
    expected[7] = [0, 1, 2, 3];
    expected[8] = [0, 1, 2];
    expected[18] = [0, 1, 2];
    expected[20] = [3];
    // Saturday: only the lobby.
    expected[24 + 6] = [3];
    expected[24 + 7] = [3];
    expected[24 + 20] = [3];
    expect(changed).toEqual(expected);
    expect([...changes.all]).toEqual([0, 1, 2, 3]);
  });
});
