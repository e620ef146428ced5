import { describe, expect, it } from 'vitest';
import { mirrorKeys } from '../../../src-main/engine/history/event-rows';
import { event } from './history-fixture';

const related = (seq: number, id: string, body: Record<string, unknown>) =>
  event(seq, 'Microsoft.DigitalTwins.Relationship.Create', `floor-1/relationships/${id}`, { $relationshipId: id, $sourceId: 'floor-1', $targetId: 'room-1', $relationshipName: 'contains', ...body });

describe('mirrorKeys', () => {
  it('reads a new relationship’s source twin only when the relationship has properties, whose rows name its model', () => {
    expect([...mirrorKeys([related(1, 'r1', {})]).load.twins]).toEqual([]);
    expect([...mirrorKeys([related(1, 'r1', { since: 2020 })]).load.twins]).toEqual(['floor-1']);
  });

  it('reads neither a key its batch creates first nor the source of a relationship created beside its twin', () => {
    const keys = mirrorKeys([
      event(1, 'Microsoft.DigitalTwins.Twin.Create', 'floor-1', { $dtId: 'floor-1', $metadata: { $model: 'dtmi:test:Floor;1' } }),
      related(2, 'r1', { since: 2020 }),
      event(3, 'Microsoft.DigitalTwins.Relationship.Update', 'floor-1/relationships/r1', { modelId: 'dtmi:test:Floor;1', patch: [{ op: 'replace', path: '/since', value: 2021 }] }),
      event(4, 'Microsoft.DigitalTwins.Twin.Update', 'room-1', { modelId: 'dtmi:test:Room;1', patch: [{ op: 'replace', path: '/area', value: 3 }] }),
    ]);
    expect([...keys.load.twins]).toEqual(['room-1']);
    expect([...keys.load.relationships]).toEqual([]);
    expect([...keys.changed.twins]).toEqual(['floor-1', 'room-1']);
  });
});
