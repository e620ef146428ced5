import { describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../../../src-main/engine';
import { decide, entriesFor, revokedPaths, type TwinFacts } from '../../../src-main/engine/access/decide';
import { TokenStore, type StoredToken } from '../../../src-main/engine/access/token-store';

const room: TwinFacts = { id: 'r1', models: new Set(['dtmi:x:Room;1', 'dtmi:x:Space;1']), inSubtree: (resource) => resource.root === 'b1' };
const policy = (entries: AccessPolicy['entries'], subjects = ['bob']): AccessPolicy => ({ id: 'p', subjects, entries });

describe('deciding a permission', () => {
  it('denies what no entry speaks of', () => {
    expect(decide(entriesFor([], 'bob', []), 'read', room)).toEqual({ allowed: false });
  });

  it('lets the more specific resource decide: twin over subtree over model over workspace', () => {
    const entries = entriesFor([policy([
      { resource: { kind: 'workspace' }, grant: ['read'] },
      { resource: { kind: 'model', model: 'dtmi:x:Space;1' }, revoke: ['read'] },
      { resource: { kind: 'subtree', root: 'b1', relationships: ['contains'] }, grant: ['read'] },
    ])], 'bob', []);
    expect(decide(entries, 'read', room)).toEqual({ allowed: true, decidedBy: { policy: 'p', entry: 2, effect: 'grant' } });
    const revokedTwin = entriesFor([policy([{ resource: { kind: 'subtree', root: 'b1', relationships: ['contains'] }, grant: ['read'] }, { resource: { kind: 'twin', id: 'r1' }, revoke: ['read'] }])], 'bob', []);
    expect(decide(revokedTwin, 'read', room).allowed).toBe(false);
  });

  it('lets a revoke beat a grant at the same specificity, across policies', () => {
    const entries = entriesFor([policy([{ resource: { kind: 'twin', id: 'r1' }, grant: ['write'] }]), { ...policy([{ resource: { kind: 'twin', id: 'r1' }, revoke: ['write'] }], ['group:ops']), id: 'q' }], 'bob', ['ops']);
    expect(decide(entries, 'write', room)).toEqual({ allowed: false, decidedBy: { policy: 'q', entry: 0, effect: 'revoke' } });
  });

  it('lets a revoke deeper in the property path beat a grant above it', () => {
    const entries = entriesFor([policy([{ resource: { kind: 'workspace' }, grant: ['read'] }, { resource: { kind: 'model', model: 'dtmi:x:Room;1', path: '/thermostat/setpoint' }, revoke: ['read'] }])], 'bob', []);
    expect(decide(entries, 'read', room).allowed).toBe(true);
    expect(decide(entries, 'read', room, ['thermostat']).allowed).toBe(true);
    expect(decide(entries, 'read', room, ['thermostat', 'setpoint']).allowed).toBe(false);
    expect(revokedPaths(entries, 'read', room)).toEqual([['thermostat', 'setpoint']]);
  });

  it('applies policies to the subject, its groups and *', () => {
    const policies = [policy([{ resource: { kind: 'workspace' }, grant: ['query'] }], ['*']), policy([{ resource: { kind: 'workspace' }, grant: ['admin'] }], ['group:admins'])];
    expect(decide(entriesFor(policies, 'anyone', []), 'query', null).allowed).toBe(true);
    expect(decide(entriesFor(policies, 'anyone', []), 'admin', null).allowed).toBe(false);
    expect(decide(entriesFor(policies, 'anyone', ['admins']), 'admin', null).allowed).toBe(true);
  });
});

describe('tokens', () => {
  it('keeps only a hash of the secret and authenticates by it', async () => {
    let stored: readonly StoredToken[] = [];
    const store = new TokenStore(() => stored, async (tokens) => void (stored = tokens));
    const created = await store.create({ subject: 'alice', groups: ['ops'] });
    expect(JSON.stringify(stored)).not.toContain(created.token.slice('tbk_'.length + 12 + 1));
    expect(stored[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(store.authenticate(created.token)).toEqual({ subject: 'alice', groups: ['ops'], owner: false, tokenId: created.id });
    expect(() => store.authenticate(`${created.token.slice(0, -1)}x`)).toThrow('not valid for this workspace');
  });

  it('rejects subjects with spaces and expiries in the past', async () => {
    const store = new TokenStore(() => [], async () => undefined);
    await expect(store.create({ subject: 'two words' })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(store.create({ subject: 'bob', expiresAt: '2001-01-01T00:00:00Z' })).rejects.toThrow('in the past');
  });
});
