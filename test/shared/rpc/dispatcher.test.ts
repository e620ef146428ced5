import { describe, expect, it } from 'vitest';
import { EngineError, ErrorCode, type AnalyticsService, type EngineApi, type IngestService, type RulesService, type SimService, type SavedQueriesService, type SpatialService, type AccessService, type TelemetryService, type JobsService, type ModelsService, type QueryService, type RelationshipsService, type RoutesService, type TwinsService, type WorkspaceChange } from '../../../src-shared/contract';
import { createDispatcher } from '../../../src-shared/rpc';
import { manualChannel, settle } from './loopback-channel';

function fakeEngine(): { api: EngineApi; fire: (change: WorkspaceChange) => void; disposed: () => number } {
  const listeners = new Set<(change: WorkspaceChange) => void>();
  let disposed = 0;
  const info = { name: 'w', path: '/w', schemaVersion: 1, engineVersion: '0.0.0', createdAt: '2026-01-01T00:00:00.000Z' };
  const api: EngineApi = {
    workspace: {
      info: async () => info,
      rename: async (name) => {
        if (name === 'boom') throw new Error('disk on fire');
        if (name === '') throw new EngineError(ErrorCode.InvalidArgument, 'empty', { length: 0 });
        return { ...info, name };
      },
      onDidChange: (listener) => {
        listeners.add(listener);
        return { dispose: () => (listeners.delete(listener), disposed++) };
      },
    },
    models: { list: async () => [] } as unknown as ModelsService,
    twins: {} as TwinsService,
    relationships: {} as RelationshipsService,
    query: {} as QueryService,
    jobs: {} as JobsService,
    routes: {} as RoutesService,
    telemetry: {} as TelemetryService,
    analytics: {} as AnalyticsService,
    ingest: {} as IngestService,
    rules: {} as RulesService,
    sim: {} as SimService,
    access: {} as AccessService,
    spatial: {} as SpatialService,
    savedQueries: {} as SavedQueriesService,
  };
  return { api, fire: (change) => listeners.forEach((listener) => listener(change)), disposed: () => disposed };
}

async function answer(message: unknown) {
  const channel = manualChannel();
  createDispatcher(fakeEngine().api, channel);
  channel.deliver(message);
  await settle();
  return channel.sent;
}

describe('the rpc dispatcher', () => {
  it('answers a call with its result', async () => {
    expect(await answer({ type: 'call', id: 1, service: 'models', method: 'list', args: [] })).toEqual([{ type: 'result', id: 1, value: [] }]);
  });

  it('answers a message that is not an object with MalformedMessage and a null id', async () => {
    expect(await answer('{not json')).toEqual([
      { type: 'error', id: null, error: { code: 'MalformedMessage', message: 'Malformed rpc message: an rpc message must be a JSON object.' } },
    ]);
  });

  it('answers a message without an id with MalformedMessage', async () => {
    expect(await answer({ type: 'call', service: 'models', method: 'list', args: [] })).toEqual([
      { type: 'error', id: null, error: { code: 'MalformedMessage', message: 'Malformed rpc message: an rpc message needs an "id" that is a non-negative integer.' } },
    ]);
  });

  it('answers an unknown message type with MalformedMessage under its id', async () => {
    expect(await answer({ type: 'exec', id: 4 })).toEqual([
      { type: 'error', id: 4, error: { code: 'MalformedMessage', message: 'Malformed rpc message: unknown rpc message type "exec"; expected "call", "listen" or "unlisten".' } },
    ]);
  });

  it('answers a call whose args are not an array with MalformedMessage', async () => {
    expect(await answer({ type: 'call', id: 5, service: 'models', method: 'list', args: 'x' })).toEqual([
      { type: 'error', id: 5, error: { code: 'MalformedMessage', message: 'Malformed rpc message: a call needs "args", an array.' } },
    ]);
  });

  it('answers an unknown service with MethodNotFound', async () => {
    expect(await answer({ type: 'call', id: 2, service: 'spaceships', method: 'list', args: [] })).toEqual([
      { type: 'error', id: 2, error: { code: 'MethodNotFound', message: 'There is no service "spaceships".', details: { service: 'spaceships' } } },
    ]);
  });

  it.each(['drop', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'onDidChange'])('answers a call to %s on workspace with MethodNotFound', async (method) => {
    expect(await answer({ type: 'call', id: 3, service: 'workspace', method, args: [] })).toEqual([
      { type: 'error', id: 3, error: { code: 'MethodNotFound', message: `Service "workspace" has no method "${method}".`, details: { service: 'workspace', member: method } } },
    ]);
  });

  it('answers a listen to a method with MethodNotFound', async () => {
    expect(await answer({ type: 'listen', id: 6, service: 'workspace', event: 'info' })).toEqual([
      { type: 'error', id: 6, error: { code: 'MethodNotFound', message: 'Service "workspace" has no event "info".', details: { service: 'workspace', member: 'info' } } },
    ]);
  });

  it('passes an EngineError through with its code and details', async () => {
    expect(await answer({ type: 'call', id: 8, service: 'workspace', method: 'rename', args: [''] })).toEqual([
      { type: 'error', id: 8, error: { code: 'InvalidArgument', message: 'empty', details: { length: 0 } } },
    ]);
  });

  it('turns any other exception into Internal without crashing', async () => {
    expect(await answer({ type: 'call', id: 9, service: 'workspace', method: 'rename', args: ['boom'] })).toEqual([
      { type: 'error', id: 9, error: { code: 'Internal', message: 'Internal error: disk on fire' } },
    ]);
  });

  it('pushes events to a subscription until it is cancelled', async () => {
    const engine = fakeEngine();
    const channel = manualChannel();
    createDispatcher(engine.api, channel);
    channel.deliver({ type: 'listen', id: 1, service: 'workspace', event: 'onDidChange' });
    await settle();
    engine.fire({ kind: 'workspaceRenamed', name: 'a' });
    channel.deliver({ type: 'unlisten', id: 1 });
    await settle();
    engine.fire({ kind: 'workspaceRenamed', name: 'b' });
    expect(channel.sent).toEqual([{ type: 'event', id: 1, value: { kind: 'workspaceRenamed', name: 'a' } }]);
    expect(engine.disposed()).toBe(1);
  });

  it('drops every subscription when the channel closes', async () => {
    const engine = fakeEngine();
    const channel = manualChannel();
    createDispatcher(engine.api, channel);
    channel.deliver({ type: 'listen', id: 1, service: 'workspace', event: 'onDidChange' });
    channel.deliver({ type: 'listen', id: 2, service: 'workspace', event: 'onDidChange' });
    await settle();
    channel.close();
    engine.fire({ kind: 'workspaceRenamed', name: 'a' });
    expect(channel.sent).toEqual([]);
    expect(engine.disposed()).toBe(2);
  });

  it('keeps one subscription when a listen is renewed after a reconnect', async () => {
    const engine = fakeEngine();
    const channel = manualChannel();
    createDispatcher(engine.api, channel);
    channel.deliver({ type: 'listen', id: 1, service: 'workspace', event: 'onDidChange' });
    channel.deliver({ type: 'listen', id: 1, service: 'workspace', event: 'onDidChange' });
    await settle();
    engine.fire({ kind: 'workspaceRenamed', name: 'a' });
    expect(channel.sent).toEqual([{ type: 'event', id: 1, value: { kind: 'workspaceRenamed', name: 'a' } }]);
  });
});
