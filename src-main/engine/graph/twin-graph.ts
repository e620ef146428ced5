import { EngineError, ErrorCode, isEngineError, type DigitalTwin, type JsonPatchOperation, type WriteConditions } from '../../../src-shared/contract';
import { checkConditions, checkId, commit, loadedModelFor, newEtag, serializeTwin, type GraphContext } from './graph-context';
import { applyPatch, checkPatch } from './json-patch';
import { checkTwinContents, maxTwinBytes, twinDocument, withProperties } from './twin-document';
import { contentsDiff } from './twin-diff';
import type { TwinModel } from './twin-model';
import type { EventDraft } from './outbox';

type JsonObject = Record<string, unknown>;

/** One patch of a batch. */
export interface PatchRequest {
  readonly id: string;
  readonly patch: unknown;
  readonly ifMatch?: string;
  readonly component?: string;
}

/** What became of one patch of a batch: the new twin, or why it was refused. */
export type PatchOutcome = { readonly id: string; readonly twin: DigitalTwin } | { readonly id: string; readonly error: EngineError };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function notFound(id: string): EngineError {
  return new EngineError(ErrorCode.TwinNotFound, `There is no twin ${id}.`, { id });
}

/**
 * A copy of `twin` that `patch` may change in place without touching `twin`: the top level is
 * copied, and only the members the patch reaches into are cloned (a whole-twin clone costs
 * more than the rest of a small patch).
 */
function copyForPatch(twin: DigitalTwin, patch: readonly JsonPatchOperation[]): JsonObject {
  const copy: JsonObject = { ...twin };
  for (const operation of patch) {
    const slash = operation.path.indexOf('/', 1);
    if (slash < 0) continue;
    const name = operation.path.slice(1, slash).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Object.hasOwn(twin, name) && copy[name] === twin[name] && typeof twin[name] === 'object') copy[name] = structuredClone(twin[name]);
  }
  return copy;
}

/** Which patch paths a caller may write, and which property each one changes. */
function changedNames(twinId: string, touched: readonly string[][], model: TwinModel): Map<string, Set<string>> {
  const changed = new Map<string, Set<string>>([['', new Set()]]);
  const mark = (level: string, name: string) => (changed.get(level) ?? changed.set(level, new Set()).get(level)!).add(name);
  const refuse = (segments: readonly string[]) =>
    new EngineError(ErrorCode.InvalidArgument, `Twin ${twinId}: /${segments.join('/')} is maintained by Twinbench and cannot be patched.`, {
      twinId,
      path: `/${segments.join('/')}`,
    });
  for (const segments of touched) {
    const [first, second, third] = segments;
    if (first === '$metadata') {
      const sourceTimeOnly = segments.length === 3 && third === 'sourceTime';
      if (!(segments.length === 2 && second === '$model') && !sourceTimeOnly) throw refuse(segments);
      continue;
    }
    if (first!.startsWith('$')) throw refuse(segments);
    if (model.components.has(first!) && second !== undefined) {
      if (second === '$metadata' && !(segments.length === 4 && segments[3] === 'sourceTime')) throw refuse(segments);
      if (second !== '$metadata') mark(first!, second);
      continue;
    }
    mark('', first!);
  }
  return changed;
}

/**
 * The patch as values of top-level properties the model declares (`add`, or `replace` of a
 * present one), or null when it does anything else and must take the general path. Such a patch
 * leaves the rest of the twin as it is, so only the values it sets need checking.
 */
function propertySets(current: Readonly<DigitalTwin>, model: TwinModel, patch: readonly JsonPatchOperation[]): Map<string, unknown> | null {
  const sets = new Map<string, unknown>();
  for (const operation of patch) {
    if (operation.path.lastIndexOf('/') !== 0) return null;
    const name = operation.path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!model.properties.has(name)) return null;
    if (operation.op === 'remove' || (operation.op === 'replace' && !Object.hasOwn(current, name) && !sets.has(name))) return null;
    sets.set(name, operation.value);
  }
  return sets;
}

/** Twins: ADT's rules for create, replace, patch and delete, on SQLite with the outbox. */
export class TwinGraph {
  constructor(private readonly context: GraphContext) {}

  /** The twin `id`, or TwinNotFound. */
  get(id: string): DigitalTwin {
    return this.context.store.getTwin(checkId(id, 'twin')) ?? (() => { throw notFound(id); })();
  }

  /** Creates or replaces a twin, validated against its model. */
  async upsert(id: string, input: unknown, conditions: WriteConditions = {}): Promise<DigitalTwin> {
    const metadata = isObject(input) && isObject(input.$metadata) ? input.$metadata : undefined;
    if (typeof metadata?.$model === 'string') await this.context.models.get(metadata.$model);
    return this.upsertLoaded(id, input, conditions);
  }

  /**
   * As `upsert`, synchronously: the twin's model view must already be built (`models.get` or
   * `models.loadAll`), as bulk writers arrange; an unbuilt one is reported as missing.
   */
  upsertLoaded(id: string, input: unknown, conditions: WriteConditions = {}): DigitalTwin {
    checkId(id, 'twin');
    if (!isObject(input)) throw new EngineError(ErrorCode.InvalidArgument, `Twin ${id}: the body must be a JSON object.`, { twinId: id });
    if (input.$dtId !== undefined && input.$dtId !== id) {
      throw new EngineError(ErrorCode.InvalidArgument, `Twin ${id}: the body's $dtId ${JSON.stringify(input.$dtId)} does not match the id.`, { twinId: id, path: '/$dtId' });
    }
    const metadata = isObject(input.$metadata) ? input.$metadata : {};
    const model = loadedModelFor(this.context, metadata.$model, id);
    if (this.context.isDecommissioned(model.id)) {
      throw new EngineError(ErrorCode.InvalidArgument, `Twin ${id}: model ${model.id} is decommissioned; new twins cannot use it.`, { twinId: id, model: model.id });
    }
    checkTwinContents(id, model, input);
    return commit(this.context, (time) => {
      const current = this.context.store.getTwin(id);
      checkConditions(`Twin ${id}`, current?.$etag, conditions);
      const twin = twinDocument(id, model, input, current, 'all', newEtag(), time);
      const json = serializeTwin(id, twin, maxTwinBytes);
      this.context.store.putTwin(twin, json);
      const event = current
        ? { type: 'Microsoft.DigitalTwins.Twin.Update' as const, subject: id, dataschema: model.id, data: { modelId: model.id, patch: contentsDiff(current, twin) } }
        : { type: 'Microsoft.DigitalTwins.Twin.Create' as const, subject: id, dataschema: model.id, data: twin, dataJson: json };
      return { result: twin, events: [event] };
    });
  }

  /** Applies a JSON Patch (paths relative to `component` when given), validated against the model. */
  async update(id: string, patch: unknown, conditions: Pick<WriteConditions, 'ifMatch'> = {}, component?: string): Promise<DigitalTwin> {
    const [outcome] = await this.updateMany([{ id, patch, ifMatch: conditions.ifMatch, component }]);
    if ('error' in outcome!) throw outcome.error;
    return outcome!.twin;
  }

  /**
   * Applies many patches in one transaction: each is checked and applied on its own (a refused
   * one changes nothing and is reported), patches to the same twin apply in order, and all
   * valid ones commit together, each with its Update event.
   */
  async updateMany(updates: readonly PatchRequest[]): Promise<PatchOutcome[]> {
    if (!Array.isArray(updates)) throw new EngineError(ErrorCode.InvalidArgument, 'updateMany takes an array of { id, patch, ifMatch?, component? }.');
    // Model views are built asynchronously (first use parses the models): build them all once,
    // so each patch finds its model, and any model it moves to, without a lookup.
    await this.context.models.loadAll();
    return commit(this.context, (time) => {
      const results: PatchOutcome[] = [];
      const events: EventDraft[] = [];
      for (const update of updates) {
        try {
          const { twin, event } = this.patchOne(update, time);
          results.push({ id: update.id, twin });
          events.push(event);
        } catch (error) {
          results.push({ id: String(update?.id), error: isEngineError(error) ? error : new EngineError(ErrorCode.Internal, (error as Error).message) });
        }
      }
      return { result: results, events };
    });
  }

  /** Checks and applies one patch inside the batch's transaction; throws (having written nothing) when refused. */
  private patchOne(update: PatchRequest, time: string): { twin: DigitalTwin; event: EventDraft } {
    const id = checkId(update?.id, 'twin');
    const patch = checkPatch(update.patch);
    // Shared with other readers: copyForPatch copies what the patch changes.
    const current = this.context.store.peekTwin(id) as DigitalTwin | undefined;
    if (!current) throw notFound(id);
    checkConditions(`Twin ${id}`, current.$etag, { ifMatch: update.ifMatch });
    const component = update.component;
    if (component !== undefined && !isObject(current[component])) {
      throw new EngineError(ErrorCode.NotFound, `Twin ${id} has no component ${component}.`, { twinId: id, component });
    }
    const own = component === undefined ? this.context.models.peek(current.$metadata.$model) : undefined;
    const sets = own ? propertySets(current, own, patch) : null;
    if (own && sets) {
      const twin = withProperties(id, own, current, sets, newEtag(), time);
      this.context.store.replaceTwin(twin, serializeTwin(id, twin, maxTwinBytes), current.$metadata.$model);
      return { twin, event: { type: 'Microsoft.DigitalTwins.Twin.Update', subject: id, dataschema: own.id, data: { modelId: own.id, patch } } };
    }
    const absolute = component === undefined ? patch : patch.map((operation) => ({ ...operation, path: `/${component.replace(/~/g, '~0').replace(/\//g, '~1')}${operation.path}` }));
    const working = copyForPatch(current, absolute);
    const touched = applyPatch(working, absolute);
    const modelId = (working.$metadata as JsonObject | undefined)?.$model;
    const model = typeof modelId === 'string' ? this.context.models.peek(modelId) : undefined;
    if (!model) throw new EngineError(ErrorCode.ModelNotFound, `Twin ${id}: there is no model ${String(modelId)} in this workspace.`, { twinId: id, model: modelId });
    const changed = changedNames(id, touched, model);
    checkTwinContents(id, model, working);
    const twin = twinDocument(id, model, working, current, changed, newEtag(), time);
    this.context.store.replaceTwin(twin, serializeTwin(id, twin, maxTwinBytes), current.$metadata.$model);
    return { twin, event: { type: 'Microsoft.DigitalTwins.Twin.Update', subject: id, dataschema: model.id, data: { modelId: model.id, patch: absolute } } };
  }

  /** Deletes a twin that has no relationships left. */
  delete(id: string, conditions: Pick<WriteConditions, 'ifMatch'> = {}): void {
    checkId(id, 'twin');
    commit(this.context, () => {
      const current = this.context.store.getTwin(id);
      if (!current) throw notFound(id);
      checkConditions(`Twin ${id}`, current.$etag, conditions);
      if (this.context.store.hasRelationships(id)) {
        throw new EngineError(ErrorCode.Conflict, `Twin ${id} still has relationships; delete its incoming and outgoing relationships first.`, { twinId: id });
      }
      this.context.store.deleteTwin(id);
      return { result: undefined, events: [{ type: 'Microsoft.DigitalTwins.Twin.Delete', subject: id, dataschema: current.$metadata.$model, data: current }] };
    });
  }

  /** One component of a twin, with its `$metadata`. */
  getComponent(id: string, component: string): JsonObject {
    const value = this.get(id)[component];
    if (typeof component !== 'string' || component.startsWith('$') || !isObject(value) || !isObject(value.$metadata)) {
      throw new EngineError(ErrorCode.NotFound, `Twin ${id} has no component ${component}.`, { twinId: id, component });
    }
    return value;
  }

  count(): number {
    return this.context.store.countTwins();
  }
}

export type { JsonPatchOperation };
