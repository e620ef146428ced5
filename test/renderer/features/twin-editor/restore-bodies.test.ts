import { describe, expect, it } from 'vitest';
import { restoreRelationshipBody, restoreTwinBody } from '../../../../src-renderer/features/twin-editor/restore-bodies';

describe('bodies that write a twin or relationship again as it was read', () => {
  it('keeps the model, properties and components of a twin, not its ETag or metadata', () => {
    const twin = {
      $dtId: 'r1',
      $etag: 'W/"3"',
      $metadata: { $model: 'dtmi:t:Room;1', $lastUpdateTime: '2026-01-01T00:00:00Z', area: { lastUpdateTime: '2026-01-01T00:00:00Z' } },
      area: 80,
      tags: { a: 'x' },
      list: [1, 2],
      thermostat: { $metadata: { $lastUpdateTime: '2026-01-01T00:00:00Z', setpoint: { lastUpdateTime: '2026-01-01T00:00:00Z' } }, setpoint: 21 },
      empty: { $metadata: {} },
    };
    expect(restoreTwinBody(twin)).toEqual({
      $metadata: { $model: 'dtmi:t:Room;1' },
      area: 80,
      tags: { a: 'x' },
      list: [1, 2],
      thermostat: { $metadata: {}, setpoint: 21 },
      empty: { $metadata: {} },
    });
  });

  it('keeps the name, target and properties of a relationship', () => {
    expect(restoreRelationshipBody({ $relationshipId: 'r', $etag: 'W/"1"', $sourceId: 'a', $relationshipName: 'feeds', $targetId: 'b', since: '2026-01-01' })).toEqual({ $relationshipName: 'feeds', $targetId: 'b', since: '2026-01-01' });
  });
});
