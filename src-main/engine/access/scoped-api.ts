import {
  EngineError,
  ErrorCode,
  engineApiSurface,
  type AccessService,
  type AnalyticsService,
  type BasicRelationship,
  type DigitalTwin,
  type EngineApi,
  type Event,
  type GraphEvent,
  type JsonPatchOperation,
  type Permission,
  type Principal,
  type QueryLanguage,
  type QueryPage,
  type TelemetryReading,
  type TwinPatch,
  type TwinPatchResult,
} from '../../../src-shared/contract';
import type { AnalyticsScope } from '../history';
import { tokenize } from '../query/lexer/lexer';
import { LocalQueryService, type QueryCatalogSource, type QueryStore } from '../service/query-service';
import type { AccessControl, PrincipalAccess } from './access-control';
import { pointerSegments, type TwinFacts } from './decide';
import { touchesAny, withoutPaths } from './filter-document';
import { sceneFor, summaryFor } from './scoped-scenes';

/** What a scoped API is built from. */
export interface ScopeSources {
  readonly api: EngineApi;
  readonly control: AccessControl;
  readonly queryCatalog: QueryCatalogSource;
  /** The graph store's side of queries (queries in a scope seek in the same property indexes). */
  readonly queryStore: QueryStore;
  /** The access service as the principal sees it (whoami answers for the principal). */
  readonly accessFor: (principal: Principal) => AccessService;
  /** Analytic SQL narrowed to a subject's twins and readable properties. */
  readonly analyticsFor: (scope: AnalyticsScope) => Pick<AnalyticsService, 'sql' | 'nextPage' | 'closePages'>;
}

const forbidden = (message: string) => new EngineError(ErrorCode.Forbidden, message);
const twinNotFound = (id: string) => new EngineError(ErrorCode.TwinNotFound, `There is no twin ${id}.`, { id });

function isTwinDocument(value: unknown): value is DigitalTwin {
  return typeof value === 'object' && value !== null && '$dtId' in value && '$metadata' in value;
}

/**
 * The EngineApi as one principal may use it. Every call is checked here, in the engine, so
 * every transport enforces the same policies. A twin the principal may not read does not
 * exist for it (NotFound, never Forbidden); queries run on a connection that sees only its
 * twins; pushed events are filtered. Services without finer rules need `admin`.
 */
export function scopedApi(principal: Principal, sources: ScopeSources): EngineApi {
  const { api, control } = sources;
  const access = (): PrincipalAccess => control.forPrincipal(principal);
  const workspaceAllows = (permission: Permission) => access().twins.allowsWorkspace(permission);
  const requireWorkspace = (permission: Permission, what: string) => {
    if (!workspaceAllows(permission)) throw forbidden(`${principal.subject} may not ${what}: that needs the "${permission}" permission on the workspace.`);
  };
  const requireAdmin = (what: string) => requireWorkspace('admin', what);
  const readsTwin = (id: string) => access().twins.allows(id, 'read');
  /** Scenes are for subjects who may read some twins; they see the spaces of those. */
  const requireWorkspaceRead = () => {
    if (access().visibleIds() !== 'all' && (access().visibleIds() as ReadonlySet<string>).size === 0) throw forbidden(`${principal.subject} may not see scenes: it may read no twin.`);
  };
  /** The consoles' saved queries and history are shared by the subjects who may run that language. */
  const consolePermission = (language: unknown): Permission => (language === 'sql' ? 'analytics' : 'query');
  const mayUseConsole = (language: QueryLanguage) => workspaceAllows(consolePermission(language));
  const requireConsole = (language: unknown) => requireWorkspace(consolePermission(language), language === 'sql' ? 'use the analytics console' : 'use the query console');

  /** Analytic SQL as the principal may run it: over every twin, or over views narrowed to what it may read. */
  const analytics = () => {
    requireWorkspace('analytics', 'run analytic SQL');
    const twinIds = access().visibleIds();
    if (twinIds === 'all' && !access().twins.filtersProperties) return api.analytics;
    return sources.analyticsFor({ twinIds, hiddenPaths: access().twins.filtersProperties ? readPathEntries() : [] });
  };

  /** The facts of a twin the principal may read; NotFound otherwise. */
  const readable = (id: string): TwinFacts => {
    const facts = typeof id === 'string' ? access().twins.facts(id) : null;
    if (!facts || !access().twins.allowsFacts(facts, 'read')) throw twinNotFound(String(id));
    return facts;
  };
  const shown = <T extends Readonly<Record<string, unknown>>>(document: T, facts: TwinFacts): T => withoutPaths(document, access().twins.hiddenPaths(facts));
  const checkPatch = (id: string, facts: TwinFacts, patch: readonly JsonPatchOperation[], prefix: readonly string[] = []) => {
    if (!access().twins.allowsFacts(facts, 'write')) throw forbidden(`${principal.subject} may not change twin ${id}.`);
    const protectedPaths = revokedWrites(facts);
    for (const op of Array.isArray(patch) ? patch : []) {
      const path = [...prefix, ...pointerSegments(op?.path)];
      if (path[0] === '$metadata' && path[1] === '$model') {
        if (typeof op.value === 'string' && !access().twins.allowsFacts(access().twins.factsFor(id, op.value), 'write')) throw forbidden(`${principal.subject} may not give twin ${id} the model ${op.value}.`);
        continue;
      }
      if (touchesAny(path, protectedPaths)) throw forbidden(`${principal.subject} may not change /${path.join('/')} of twin ${id}.`);
    }
  };
  const revokedWrites = (facts: TwinFacts) => access().twins.revokedPaths(facts, 'write');
  const relationshipVisible = (relationship: { $sourceId?: unknown; $targetId?: unknown }) => {
    const twins = access().twins;
    return typeof relationship.$sourceId === 'string' && typeof relationship.$targetId === 'string' && twins.allows(relationship.$sourceId, 'read') && twins.allows(relationship.$targetId, 'read');
  };
  const visibleRelationship = async (source: string, id: string): Promise<BasicRelationship> => {
    const relationship = await api.relationships.get(source, id);
    if (!relationshipVisible(relationship)) throw new EngineError(ErrorCode.RelationshipNotFound, `There is no relationship ${id} from twin ${source}.`, { sourceId: source, relationshipId: id });
    return relationship;
  };
  const filterEvent = <T>(source: Event<T>, filter: (value: T) => T | null): Event<T> => (listener) =>
    source((value) => {
      const kept = filter(value);
      if (kept !== null) listener(kept);
    });

  /** Every property path an entry about reading names: hidden everywhere where rows of many twins mix. */
  const readPathEntries = (): string[][] =>
    access()
      .twins.entries.filter((candidate) => candidate.path.length > 0 && (candidate.entry.revoke?.includes('read') || candidate.entry.grant?.includes('read')))
      .map((candidate) => [...candidate.path]);
  const hiddenNames = (): Set<string> => new Set(readPathEntries().flat());
  const checkQueryText = (text: string) => {
    requireWorkspace('query', 'run queries');
    if (!access().twins.filtersProperties || typeof text !== 'string') return;
    const hidden = hiddenNames();
    const named = tokenize(text).find((token) => token.kind === 'identifier' && hidden.has(token.text));
    if (named) throw forbidden(`${principal.subject} may not query by ${named.text}: some twins' ${named.text} is not readable for this subject.`);
  };
  const scopedQuery = () => new LocalQueryService(access().queryDatabase(), sources.queryCatalog, sources.queryStore);
  const showRow = (row: unknown): unknown => {
    if (!access().twins.filtersProperties) return row;
    if (isTwinDocument(row)) return shownTwin(row);
    if (typeof row !== 'object' || row === null) return row;
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, isTwinDocument(value) ? shownTwin(value) : value]));
  };
  const shownTwin = (twin: DigitalTwin) => {
    const facts = access().twins.factsFor(twin.$dtId, twin.$metadata.$model);
    return shown(twin, facts);
  };

  const scoped: Record<string, Record<string, unknown>> = {
    workspace: {
      info: () => api.workspace.info(),
      rename: async (name: string) => (requireAdmin('rename the workspace'), api.workspace.rename(name)),
      onDidChange: api.workspace.onDidChange,
    },
    models: {
      list: (options?: Parameters<EngineApi['models']['list']>[0]) => api.models.list(options),
      get: (id: string, options?: { readonly flat?: boolean }) => api.models.get(id, options),
      validate: (...args: Parameters<EngineApi['models']['validate']>) => api.models.validate(...args),
      add: async (...args: Parameters<EngineApi['models']['add']>) => (requireAdmin('add models'), api.models.add(...args)),
      decommission: async (id: string) => (requireAdmin('decommission models'), api.models.decommission(id)),
      delete: async (id: string) => (requireAdmin('delete models'), api.models.delete(id)),
    },
    twins: {
      get: async (id: string) => {
        const facts = readable(id);
        return shown(await api.twins.get(id), facts);
      },
      upsert: async (id: string, twin: Readonly<Record<string, unknown>>, conditions?: Parameters<EngineApi['twins']['upsert']>[2]) => {
        const model = (twin?.$metadata as { $model?: unknown } | undefined)?.$model;
        const existing = typeof id === 'string' ? access().twins.facts(id) : null;
        const target = typeof model === 'string' ? access().twins.factsFor(id, model) : existing;
        const mayWrite = (facts: TwinFacts | null) => facts !== null && access().twins.allowsFacts(facts, 'write');
        if ((existing && (!access().twins.allowsFacts(existing, 'read') || !mayWrite(existing))) || !mayWrite(target)) throw forbidden(`${principal.subject} may not write twin ${id}.`);
        const protectedPaths = revokedWrites(target!);
        const written = Object.keys(twin ?? {}).filter((key) => !key.startsWith('$')).map((key) => [key]);
        const blocked = written.find((path) => protectedPaths.some((p) => p[0] === path[0]));
        if (blocked) throw forbidden(`${principal.subject} may not write /${blocked[0]} of twin ${id}.`);
        return shown(await api.twins.upsert(id, twin, conditions), target!);
      },
      update: async (id: string, patch: readonly JsonPatchOperation[], conditions?: Parameters<EngineApi['twins']['update']>[2]) => {
        const facts = readable(id);
        checkPatch(id, facts, patch);
        return shown(await api.twins.update(id, patch, conditions), facts);
      },
      updateMany: async (patches: readonly TwinPatch[]): Promise<TwinPatchResult[]> => {
        const refused = new Map<number, TwinPatchResult>();
        const allowed: TwinPatch[] = [];
        (Array.isArray(patches) ? patches : []).forEach((item, index) => {
          try {
            const facts = readable(item.id);
            checkPatch(item.id, facts, item.patch, item.component ? [item.component] : []);
            allowed.push(item);
          } catch (error) {
            refused.set(index, { id: item?.id, error: (error as EngineError).toPayload() });
          }
        });
        const results = allowed.length ? await api.twins.updateMany(allowed) : [];
        const merged: TwinPatchResult[] = [];
        let next = 0;
        for (let index = 0; index < patches.length; index++) merged.push(refused.get(index) ?? results[next++]!);
        return merged;
      },
      delete: async (id: string, conditions?: Parameters<EngineApi['twins']['delete']>[1]) => {
        const facts = readable(id);
        if (!access().twins.allowsFacts(facts, 'delete')) throw forbidden(`${principal.subject} may not delete twin ${id}.`);
        return api.twins.delete(id, conditions);
      },
      getComponent: async (id: string, component: string) => {
        const facts = readable(id);
        const hidden = access().twins.hiddenPaths(facts);
        if (touchesAny([component], hidden.filter((path) => path.length === 1))) throw new EngineError(ErrorCode.NotFound, `Twin ${id} has no component ${component}.`);
        const value = await api.twins.getComponent(id, component);
        return withoutPaths(value, hidden.filter((path) => path[0] === component && path.length > 1).map((path) => path.slice(1)));
      },
      updateComponent: async (id: string, component: string, patch: readonly JsonPatchOperation[], conditions?: Parameters<EngineApi['twins']['updateComponent']>[3]) => {
        const facts = readable(id);
        checkPatch(id, facts, patch, [component]);
        return shown(await api.twins.updateComponent(id, component, patch, conditions), facts);
      },
      count: async () => {
        const ids = access().visibleIds();
        return ids === 'all' ? api.twins.count() : ids.size;
      },
      onDidChange: filterEvent(api.twins.onDidChange, (events: readonly GraphEvent[]) => {
        const kept = events.flatMap((event) => {
          const shownEvent = graphEventFor(event);
          return shownEvent ? [shownEvent] : [];
        });
        return kept.length ? kept : null;
      }),
    },
    relationships: {
      get: async (source: string, id: string) => {
        readable(source);
        return visibleRelationship(source, id);
      },
      upsert: async (source: string, id: string, relationship: Readonly<Record<string, unknown>>, conditions?: Parameters<EngineApi['relationships']['upsert']>[3]) => {
        const facts = readable(source);
        if (!access().twins.allowsFacts(facts, 'write')) throw forbidden(`${principal.subject} may not change the relationships of twin ${source}.`);
        const target = relationship?.$targetId;
        if (typeof target === 'string' && !access().twins.allows(target, 'read')) throw twinNotFound(target);
        return api.relationships.upsert(source, id, relationship, conditions);
      },
      update: async (source: string, id: string, patch: readonly JsonPatchOperation[], conditions?: Parameters<EngineApi['relationships']['update']>[3]) => {
        const facts = readable(source);
        await visibleRelationship(source, id);
        if (!access().twins.allowsFacts(facts, 'write')) throw forbidden(`${principal.subject} may not change the relationships of twin ${source}.`);
        return api.relationships.update(source, id, patch, conditions);
      },
      delete: async (source: string, id: string, conditions?: Parameters<EngineApi['relationships']['delete']>[2]) => {
        const facts = readable(source);
        await visibleRelationship(source, id);
        if (!access().twins.allowsFacts(facts, 'write')) throw forbidden(`${principal.subject} may not change the relationships of twin ${source}.`);
        return api.relationships.delete(source, id, conditions);
      },
      list: async (source: string, options?: { readonly relationshipName?: string }) => {
        readable(source);
        return (await api.relationships.list(source, options)).filter(relationshipVisible);
      },
      listIncoming: async (target: string) => {
        readable(target);
        return (await api.relationships.listIncoming(target)).filter((incoming) => access().twins.allows(incoming.$sourceId, 'read'));
      },
    },
    query: {
      run: async (text: string, options?: Parameters<EngineApi['query']['run']>[1]): Promise<QueryPage> => {
        checkQueryText(text);
        const page = await scopedQuery().run(text, options);
        return access().twins.filtersProperties ? { ...page, items: page.items.map(showRow) } : page;
      },
      export: async (text: string, options: Parameters<EngineApi['query']['export']>[1]) => {
        requireAdmin('write files on the server');
        return api.query.export(text, options);
      },
      cancel: async (taskId: string) => (requireAdmin('write files on the server'), api.query.cancel(taskId)),
      explain: async (text: string, options?: Parameters<EngineApi['query']['explain']>[1]) => {
        checkQueryText(text);
        return scopedQuery().explain(text, options);
      },
    },
    telemetry: {
      publish: async (twinId: string, payload: Readonly<Record<string, unknown>>, options?: Parameters<EngineApi['telemetry']['publish']>[2]) => {
        const facts = readable(twinId);
        if (!access().twins.allowsFacts(facts, 'telemetry')) throw forbidden(`${principal.subject} may not send telemetry for twin ${twinId}.`);
        return api.telemetry.publish(twinId, payload, options);
      },
      publishBatch: async (messages: Parameters<EngineApi['telemetry']['publishBatch']>[0]) => {
        for (const message of Array.isArray(messages) ? messages : []) {
          const facts = readable(message?.twinId);
          if (!access().twins.allowsFacts(facts, 'telemetry')) throw forbidden(`${principal.subject} may not send telemetry for twin ${message.twinId}.`);
        }
        return api.telemetry.publishBatch(messages);
      },
      onDidPublish: filterEvent(api.telemetry.onDidPublish, (readings: readonly TelemetryReading[]) => {
        const kept = readings.filter((reading) => access().twins.allows(reading.twinId, 'read'));
        return kept.length ? kept : null;
      }),
    },
    ingest: {
      receive: async (deviceId: string, payload: unknown, options?: Parameters<EngineApi['ingest']['receive']>[2]) => {
        if (workspaceAllows('admin')) return api.ingest.receive(deviceId, payload, options);
        // A device speaks for its twin: it exists only where the twin may be read, and sending needs
        // `telemetry` on the twin, and `write` on the properties its binding sets.
        const binding = await api.ingest.getBinding(deviceId).catch(() => null);
        const facts = binding ? access().twins.facts(binding.twinId) : null;
        if (!binding || !facts || !access().twins.allowsFacts(facts, 'read')) {
          throw new EngineError(ErrorCode.NotFound, `Device ${String(deviceId)} has no binding.`, { deviceId, reason: 'unknownDevice' });
        }
        const path = binding.component ? [binding.component] : [];
        const properties = Object.values(binding.fields).filter((field) => field.to === 'property').map((field) => [...path, field.name]);
        const allowed =
          access().twins.allowsFacts(facts, 'telemetry') &&
          (properties.length === 0 || (access().twins.allowsFacts(facts, 'write') && !properties.some((property) => touchesAny(property, revokedWrites(facts)))));
        if (!allowed) throw forbidden(`${principal.subject} may not send messages for device ${deviceId}: that needs "telemetry" on twin ${binding.twinId}${properties.length ? ' and "write" on the properties it sets' : ''}.`);
        return api.ingest.receive(deviceId, payload, options);
      },
    },
    spatial: {
      list: async () => {
        requireWorkspaceRead();
        return (await api.spatial.list()).map((summary) => summaryFor(summary, readsTwin));
      },
      get: async (id: string) => {
        requireWorkspaceRead();
        return sceneFor(await api.spatial.get(id), readsTwin);
      },
    },
    savedQueries: {
      list: async (language?: QueryLanguage) => {
        const languages = (language ? [language] : (['adt', 'sql'] as const)).filter(mayUseConsole);
        return (await api.savedQueries.list(language)).filter((query) => languages.includes(query.language));
      },
      save: async (query: Parameters<EngineApi['savedQueries']['save']>[0]) => (requireConsole(query?.language), api.savedQueries.save(query)),
      delete: async (language: QueryLanguage, name: string) => (requireConsole(language), api.savedQueries.delete(language, name)),
      history: async (language: QueryLanguage) => (requireConsole(language), api.savedQueries.history(language)),
      record: async (entry: Parameters<EngineApi['savedQueries']['record']>[0]) => (requireConsole(entry?.language), api.savedQueries.record(entry)),
      clearHistory: async (language: QueryLanguage) => (requireConsole(language), api.savedQueries.clearHistory(language)),
    },
    analytics: {
      sql: async (...args: Parameters<EngineApi['analytics']['sql']>) => analytics().sql(...args),
      nextPage: async (...args: Parameters<EngineApi['analytics']['nextPage']>) => analytics().nextPage(...args),
      closePages: async (...args: Parameters<EngineApi['analytics']['closePages']>) => analytics().closePages(...args),
      export: async (...args: Parameters<EngineApi['analytics']['export']>) => {
        requireAdmin('write files on the server');
        return api.analytics.export(...args);
      },
    },
    access: sources.accessFor(principal) as unknown as Record<string, unknown>,
  };

  function graphEventFor(event: GraphEvent): GraphEvent | null {
    const twins = access().twins;
    const data = event.data as Record<string, unknown> | null;
    if (event.type.startsWith('Microsoft.DigitalTwins.Relationship.')) {
      const [source, id] = event.subject.split('/relationships/');
      const target = typeof data?.$targetId === 'string' ? data.$targetId : twins.relationshipTarget(source!, id!);
      return twins.allows(source!, 'read') && target !== undefined && twins.allows(target, 'read') ? event : null;
    }
    const model = event.type === 'Microsoft.DigitalTwins.Twin.Update' ? data?.modelId : (data?.$metadata as { $model?: unknown } | undefined)?.$model;
    const facts = typeof model === 'string' ? twins.factsFor(event.subject, model) : twins.facts(event.subject);
    if (!facts || !twins.allowsFacts(facts, 'read')) return null;
    const hidden = twins.hiddenPaths(facts);
    if (hidden.length === 0) return event;
    if (event.type === 'Microsoft.DigitalTwins.Twin.Update') {
      const patch = (data?.patch as JsonPatchOperation[] | undefined)?.filter((op) => !touchesAny(pointerSegments(op.path), hidden)) ?? [];
      return patch.length ? { ...event, data: { ...data, patch } } : null;
    }
    return { ...event, data: withoutPaths(data ?? {}, hidden) };
  }

  // A token revoked (or expired) after the connection was made stops working at once: calls are refused and events stop.
  const tokenId = principal.tokenId;
  const active = () => tokenId === undefined || control.tokens.isActive(tokenId);
  const requireActive = () => {
    if (tokenId !== undefined) control.tokens.requireActive(tokenId);
  };

  // Every other service and member (jobs, routes, rules, ingest, and any added later) is for admins.
  for (const [service, members] of Object.entries(engineApiSurface)) {
    const target = api[service as keyof EngineApi] as unknown as Record<string, (...args: unknown[]) => unknown>;
    const own = scoped[service];
    const face: Record<string, unknown> = {};
    for (const [member, kind] of Object.entries(members)) {
      // Service objects may be class instances: their methods live on the prototype.
      const call = own && member in own ? (own[member] as (...a: unknown[]) => unknown).bind(own) : async (...args: unknown[]) => (requireAdmin(`use ${service}.${member}`), target[member]!.apply(target, args));
      const event = own && member in own ? (own[member] as Event<unknown>) : (listener: (value: unknown) => void) => (target[member] as unknown as Event<unknown>)((value) => (workspaceAllows('admin') ? listener(value) : undefined));
      face[member] =
        kind === 'call'
          ? async (...args: unknown[]) => (requireActive(), call(...args))
          : (listener: (value: unknown) => void) => event((value) => (active() ? listener(value) : undefined));
    }
    scoped[service] = face;
  }
  return Object.fromEntries(Object.entries(scoped).map(([name, face]) => [name, Object.freeze(face)])) as unknown as EngineApi;
}
