import type { AccessPolicy, Engine, EngineApi, Principal } from '../../../src-main/engine';
import { campusEngine, roomBody } from '../graph/graph-fixture';

const model = (name: string) => ({ $metadata: { $model: `dtmi:test:campus:${name};1` } });

/** Two buildings, a floor each, rooms, and a sensor that observes a conference room. */
export async function accessWorld(): Promise<{ engine: Engine; dispose: () => Promise<void> }> {
  const { engine, dispose } = await campusEngine();
  await engine.twins.upsert('hq', { ...model('Building'), name: 'Headquarters' });
  await engine.twins.upsert('hq-f1', { ...model('Floor'), name: 'Ground floor', level: 0 });
  await engine.twins.upsert('hq-f1-r1', roomBody({ name: 'Lobby', area: 80 }));
  await engine.twins.upsert('hq-f1-r2', { ...roomBody({ name: 'Orion', area: 32.5 }), ...model('ConferenceRoom'), seats: 12 });
  await engine.twins.upsert('annex', { ...model('Building'), name: 'Annex' });
  await engine.twins.upsert('annex-f1', { ...model('Floor'), name: 'Annex floor', level: 0 });
  await engine.twins.upsert('annex-f1-r1', roomBody({ name: 'Archive', area: 20 }));
  await engine.twins.upsert('co2-1', { ...model('Sensor'), kind: 'co2' });
  const contains = (source: string, target: string) => engine.relationships.upsert(source, `${source}-contains-${target}`, { $relationshipName: 'contains', $targetId: target });
  await contains('hq', 'hq-f1');
  await contains('hq-f1', 'hq-f1-r1');
  await contains('hq-f1', 'hq-f1-r2');
  await contains('annex', 'annex-f1');
  await contains('annex-f1', 'annex-f1-r1');
  await engine.relationships.upsert('co2-1', 'co2-1-observes', { $relationshipName: 'observes', $targetId: 'hq-f1-r2' });
  for (const policy of policies) await engine.access.putPolicy(policy);
  await engine.settled();
  return { engine, dispose };
}

/** The policies of the access tests. */
export const policies: AccessPolicy[] = [
  {
    id: 'facilities',
    subjects: ['alice'],
    entries: [
      { resource: { kind: 'workspace' }, grant: ['query'] },
      { resource: { kind: 'subtree', root: 'hq', relationships: ['contains'] }, grant: ['read', 'write', 'telemetry'] },
      { resource: { kind: 'twin', id: 'hq-f1-r1' }, revoke: ['write'] },
      { resource: { kind: 'twin', id: 'hq-f1-r2', path: '/seats' }, revoke: ['read', 'write'] },
    ],
  },
  { id: 'rooms', subjects: ['carol'], entries: [{ resource: { kind: 'workspace' }, grant: ['query'] }, { resource: { kind: 'model', model: 'dtmi:test:campus:Room;1' }, grant: ['read'] }] },
  { id: 'audit', subjects: ['group:audit'], entries: [{ resource: { kind: 'workspace' }, grant: ['read', 'query', 'analytics'] }] },
  { id: 'admins', subjects: ['root'], entries: [{ resource: { kind: 'workspace' }, grant: ['read', 'write', 'delete', 'telemetry', 'query', 'analytics', 'admin'] }] },
];

export const principal = (subject: string, groups: string[] = []): Principal => ({ subject, groups, owner: false });

/** The ids of every row of a query, sorted. */
export async function idsOf(api: EngineApi, text: string, key?: string): Promise<string[]> {
  const page = await api.query.run(text);
  return page.items.map((row) => ((key ? (row as Record<string, { $dtId: string }>)[key] : row) as { $dtId: string }).$dtId).sort();
}
