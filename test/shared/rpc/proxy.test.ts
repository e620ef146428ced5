import { describe, expect, it } from 'vitest';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { createProxy } from '../../../src-shared/rpc';
import { manualChannel, settle } from './loopback-channel';

describe('the rpc proxy', () => {
  it('sends a call and resolves with the matching result', async () => {
    const channel = manualChannel();
    const { api } = createProxy(channel);
    const listed = api.models.list();
    expect(channel.sent).toEqual([{ type: 'call', id: 1, service: 'models', method: 'list', args: [] }]);
    channel.deliver({ type: 'result', id: 1, value: [] });
    expect(await listed).toEqual([]);
  });

  it('revives an error reply as an EngineError', async () => {
    const channel = manualChannel();
    const { api } = createProxy(channel);
    const renamed = api.workspace.rename('');
    channel.deliver({ type: 'error', id: 1, error: { code: 'InvalidArgument', message: 'empty', details: { length: 0 } } });
    const error = await renamed.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidArgument, message: 'empty', details: { length: 0 } });
  });

  it('revives an unknown error code as Internal', async () => {
    const channel = manualChannel();
    const { api } = createProxy(channel);
    const listed = api.models.list();
    channel.deliver({ type: 'error', id: 1, error: { code: 'Teapot', message: 'short and stout' } });
    await expect(listed).rejects.toMatchObject({ code: ErrorCode.Internal, message: 'short and stout' });
  });

  it('ignores replies that are malformed or answer nothing pending', async () => {
    const channel = manualChannel();
    const { api } = createProxy(channel);
    const listed = api.models.list();
    channel.deliver('garbage');
    channel.deliver({ type: 'result', id: 99, value: 1 });
    channel.deliver({ type: 'error', id: 1, error: 'no message' });
    channel.deliver({ type: 'result', id: 1, value: ['ok'] });
    expect(await listed).toEqual(['ok']);
  });

  it('fails calls in flight with Unavailable when the channel closes', async () => {
    const channel = manualChannel();
    const { api } = createProxy(channel);
    const info = api.workspace.info();
    channel.close();
    await expect(info).rejects.toMatchObject({ code: ErrorCode.Unavailable, message: 'The connection to the engine was lost.' });
  });

  it('renews live subscriptions when the channel reopens', async () => {
    const channel = manualChannel();
    const { api } = createProxy(channel);
    const seen: unknown[] = [];
    api.workspace.onDidChange((change) => seen.push(change));
    const dropped = api.workspace.onDidChange(() => undefined);
    dropped.dispose();
    channel.sent.length = 0;
    channel.reopen();
    expect(channel.sent).toEqual([{ type: 'listen', id: 1, service: 'workspace', event: 'onDidChange' }]);
    channel.deliver({ type: 'event', id: 1, value: { kind: 'workspaceRenamed', name: 'x' } });
    await settle();
    expect(seen).toEqual([{ kind: 'workspaceRenamed', name: 'x' }]);
  });

  it('exposes exactly the members of the contract', () => {
    const { api } = createProxy(manualChannel());
    expect(Object.keys(api)).toEqual(['workspace', 'models', 'twins', 'relationships', 'query', 'routes', 'telemetry', 'analytics', 'ingest', 'rules', 'access', 'savedQueries', 'jobs', 'sim', 'spatial']);
    expect(Object.keys(api.workspace)).toEqual(['info', 'rename', 'onDidChange']);
    expect(Object.keys(api.models)).toEqual(['list', 'get', 'validate', 'add', 'decommission', 'delete']);
    expect(Object.keys(api.sim)).toEqual([
      'getMapping',
      'putMapping',
      'resetMapping',
      'listScenarios',
      'getScenario',
      'validateScenario',
      'putScenario',
      'deleteScenario',
      'startRun',
      'waitRun',
      'cancelRun',
      'getRun',
      'listRuns',
      'deleteRun',
      'kpis',
      'compareRuns',
      'runZones',
      'zoneSeries',
      'zoneValues',
      'exportRun',
      'saveSnapshot',
      'listSnapshots',
      'deleteSnapshot',
      'onDidProgress',
    ]);
  });
});
