import { describe, expect, it } from 'vitest';
import { resultTwinIds } from '../../../../src-renderer/features/query/result-twin-ids';

describe("a query result's twins", () => {
  it('takes rows that are twins', () => {
    expect(resultTwinIds([{ $dtId: 'hq', $metadata: { $model: 'dtmi:x:Building;1' }, name: 'HQ' }, { $dtId: 'hq-f1' }])).toEqual(['hq', 'hq-f1']);
  });

  it('takes the twins a row holds by alias, each once, in order of first sight', () => {
    expect(
      resultTwinIds([
        { F: { $dtId: 'hq-f1' }, R: { $dtId: 'hq-f1-r1' } },
        { F: { $dtId: 'hq-f1' }, R: { $dtId: 'hq-f1-r2' } },
      ]),
    ).toEqual(['hq-f1', 'hq-f1-r1', 'hq-f1-r2']);
  });

  it('takes both ends of relationships, whole or held by alias', () => {
    expect(resultTwinIds([{ $relationshipId: 'r1', $sourceId: 'co2-1', $targetId: 'hq-f1-r2', $relationshipName: 'observes' }, { Rel: { $sourceId: 'hq', $targetId: 'hq-f1' } }])).toEqual([
      'co2-1',
      'hq-f1-r2',
      'hq',
      'hq-f1',
    ]);
  });

  it('finds none in rows without twins: counts, plain values, aliased ids', () => {
    expect(resultTwinIds([{ COUNT: 6 }, { name: 'Lobby', area: 80 }, { id: 'hq' }, null, 3, ['hq']])).toEqual([]);
  });
});
