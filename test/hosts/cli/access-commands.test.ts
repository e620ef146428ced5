import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiryOf } from '../../../src-main/hosts/cli/commands/access-commands';
import { cli } from './run-cli';

let root: string;
let ws: string[];
const models = resolve(import.meta.dirname, '../../fixtures/models/graph');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-access-'));
  ws = ['-w', join(root, 'site')];
  await cli([...ws, 'models', 'add', models]);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('twinbench token and policy', () => {
  it('creates a token once, lists it without its secret, and revokes it', async () => {
    const created = await cli([...ws, '--json', 'token', 'create', '--subject', 'alice', '--groups', 'ops,audit', '--expires', '30d']);
    expect(created.code).toBe(0);
    const token = JSON.parse(created.stdout) as { id: string; token: string; groups: string[]; expiresAt: string };
    expect(token.token).toMatch(/^tbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(token.groups).toEqual(['ops', 'audit']);
    const listed = await cli([...ws, 'token', 'list']);
    expect(listed.stdout).toContain(token.id);
    expect(listed.stdout).toContain('alice');
    expect(listed.stdout).not.toContain(token.token.slice(18));
    expect((await cli([...ws, 'token', 'revoke', token.id])).stdout).toBe(`Revoked token ${token.id} of alice.\n`);
    expect((await cli([...ws, 'token', 'list'])).stdout).toMatch(/revoked \d{4}-/);
  });

  it('saves, shows, checks and deletes a policy', async () => {
    const policy = { id: 'ops', subjects: ['group:ops'], entries: [{ resource: { kind: 'model', model: 'dtmi:test:campus:Room;1' }, grant: ['read', 'write'] }, { resource: { kind: 'workspace' }, grant: ['query'] }] };
    expect((await cli([...ws, 'policy', 'put', JSON.stringify(policy)])).stdout).toBe('Saved policy ops (2 entries for group:ops).\n');
    expect(JSON.parse((await cli([...ws, 'policy', 'show', 'ops'])).stdout)).toEqual(policy);
    expect((await cli([...ws, 'policy', 'check', '--subject', 'bob', '--groups', 'ops', '--permission', 'query'])).stdout).toBe('Allowed: grant in policy ops, entry 1.\n');
    expect((await cli([...ws, 'policy', 'check', '--subject', 'bob', '--permission', 'query'])).stdout).toBe('Denied: no entry grants it.\n');
    expect((await cli([...ws, 'policy', 'delete', 'ops'])).stdout).toBe('Deleted policy ops.\n');
    expect((await cli([...ws, 'policy', 'list'])).stdout).toContain('No policies');
  });

  it('rejects a policy on a missing model and a misplaced permission, changing nothing', async () => {
    const missing = await cli([...ws, 'policy', 'put', JSON.stringify({ id: 'x', subjects: ['bob'], entries: [{ resource: { kind: 'model', model: 'dtmi:test:Nope;1' }, grant: ['read'] }] })]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('the workspace has no model dtmi:test:Nope;1');
    const misplaced = await cli([...ws, 'policy', 'put', JSON.stringify({ id: 'x', subjects: ['bob'], entries: [{ resource: { kind: 'twin', id: 'hq' }, grant: ['admin'] }] })]);
    expect(misplaced.stderr).toContain('policy.entries[0].grant[0]: "admin" applies to the whole workspace');
    expect((await cli([...ws, 'policy', 'list'])).stdout).toContain('No policies');
  });

  it('reads durations and dates for --expires', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiryOf('30d', now)).toBe('2026-01-31T00:00:00.000Z');
    expect(expiryOf('12h', now)).toBe('2026-01-01T12:00:00.000Z');
    expect(expiryOf('2027-02-01', now)).toBe('2027-02-01T00:00:00.000Z');
    expect(() => expiryOf('soon', now)).toThrow('neither a duration');
  });
});
