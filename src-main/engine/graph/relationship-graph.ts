import { EngineError, ErrorCode, type BasicRelationship, type IncomingRelationship, type WriteConditions } from '../../../src-shared/contract';
import { checkConditions, checkId, commit, loadedModelFor, newEtag, type GraphContext } from './graph-context';
import { applyPatch, checkPatch } from './json-patch';
import type { Relationship } from '../models/dtdl';
import { membersDiff } from './twin-diff';
import { checkValue, describeSchema } from './value-schema';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const systemFields = ['$relationshipId', '$etag', '$sourceId', '$relationshipName', '$targetId'] as const;

function where(source: string, id: string): string {
  return `Relationship ${id} of ${source}`;
}

function notFound(source: string, id: string): EngineError {
  return new EngineError(ErrorCode.RelationshipNotFound, `There is no relationship ${id} from twin ${source}.`, { sourceId: source, relationshipId: id });
}

/** The properties of a relationship body: everything but the system fields. */
function propertiesOf(body: JsonObject): JsonObject {
  const properties: JsonObject = {};
  for (const name of Object.keys(body)) if (!name.startsWith('$')) properties[name] = body[name];
  return properties;
}

/** Refuses a body whose `field` is given and differs from the relationship's own `expected`. */
function checkSystemField(source: string, id: string, input: JsonObject, field: '$relationshipId' | '$sourceId', expected: string): void {
  if (input[field] !== undefined && input[field] !== expected) {
    throw new EngineError(ErrorCode.InvalidArgument, `${where(source, id)}: ${field} ${JSON.stringify(input[field])} does not match ${expected}.`, { path: `/${field}` });
  }
}

function checkProperties(source: string, id: string, definition: Relationship, properties: JsonObject): void {
  for (const [name, value] of Object.entries(properties)) {
    const property = definition.properties.find((candidate) => candidate.name === name);
    const path = `/${name}`;
    if (!property) {
      const known = definition.properties.map((candidate) => candidate.name);
      throw new EngineError(
        ErrorCode.InvalidArgument,
        `${where(source, id)}: ${definition.name} has no property ${name} (${known.length ? `it has ${known.join(', ')}` : 'it has no properties'}).`,
        { sourceId: source, relationshipId: id, path },
      );
    }
    const problem = checkValue(property.schema, value, path);
    if (problem) {
      throw new EngineError(ErrorCode.InvalidArgument, `${where(source, id)}: ${problem.message}`, {
        sourceId: source,
        relationshipId: id,
        path: problem.path,
        expected: describeSchema(property.schema),
      });
    }
  }
}

/** Relationships: ADT's rules for create, replace, patch, delete and listing. */
export class RelationshipGraph {
  constructor(private readonly context: GraphContext) {}

  get(source: string, id: string): BasicRelationship {
    return this.context.store.getRelationship(checkId(source, 'twin'), checkId(id, 'relationship')) ?? (() => { throw notFound(source, id); })();
  }

  /** The relationship definition `name` on the source twin's model (its view built already), checked against the target twin. */
  private definition(source: string, id: string, name: unknown, target: string): { definition: Relationship; sourceModel: string } {
    const sourceModel = this.context.store.twinModel(source);
    if (sourceModel === undefined) throw new EngineError(ErrorCode.TwinNotFound, `There is no twin ${source} to start relationship ${id} from.`, { id: source });
    const targetModel = this.context.store.twinModel(target);
    if (targetModel === undefined) throw new EngineError(ErrorCode.TwinNotFound, `${where(source, id)}: there is no target twin ${target}.`, { id: target });
    const model = loadedModelFor(this.context, sourceModel, source);
    const definition = typeof name === 'string' ? model.relationships.get(name) : undefined;
    if (!definition) {
      const known = [...model.relationships.keys()];
      throw new EngineError(
        ErrorCode.InvalidArgument,
        `${where(source, id)}: model ${model.id} has no relationship ${JSON.stringify(name)} (${known.length ? `it has ${known.join(', ')}` : 'it has none'}).`,
        { sourceId: source, relationshipId: id, path: '/$relationshipName' },
      );
    }
    if (definition.target && !this.context.isOfModel(targetModel, definition.target)) {
      throw new EngineError(
        ErrorCode.InvalidArgument,
        `${where(source, id)}: ${definition.name} must target a ${definition.target}; twin ${target} is a ${targetModel}.`,
        { sourceId: source, relationshipId: id, path: '/$targetId', expected: definition.target },
      );
    }
    return { definition, sourceModel };
  }

  /** Builds the view of the source twin's model, so the synchronous checks find it. */
  private async warmSourceModel(source: unknown): Promise<void> {
    const model = typeof source === 'string' ? this.context.store.twinModel(source) : undefined;
    if (model !== undefined) await this.context.models.get(model);
  }

  /** Creates or replaces a relationship. */
  async upsert(source: string, id: string, input: unknown, conditions: WriteConditions = {}): Promise<BasicRelationship> {
    await this.warmSourceModel(source);
    return this.upsertLoaded(source, id, input, conditions);
  }

  /**
   * As `upsert`, synchronously: the source twin's model view must already be built
   * (`models.get` or `models.loadAll`), as bulk writers arrange.
   */
  upsertLoaded(source: string, id: string, input: unknown, conditions: WriteConditions = {}): BasicRelationship {
    checkId(source, 'twin');
    checkId(id, 'relationship');
    if (!isObject(input)) throw new EngineError(ErrorCode.InvalidArgument, `${where(source, id)}: the body must be a JSON object.`);
    checkSystemField(source, id, input, '$relationshipId', id);
    checkSystemField(source, id, input, '$sourceId', source);
    if (typeof input.$targetId !== 'string') throw new EngineError(ErrorCode.InvalidArgument, `${where(source, id)}: "$targetId" (the target twin's id) is required.`, { path: '/$targetId' });
    const target = checkId(input.$targetId, 'twin');
    const { definition, sourceModel } = this.definition(source, id, input.$relationshipName, target);
    const properties = propertiesOf(input);
    checkProperties(source, id, definition, properties);
    return commit(this.context, () => {
      const current = this.context.store.getRelationship(source, id);
      checkConditions(where(source, id), current?.$etag, conditions);
      if (definition.maxMultiplicity !== undefined && this.context.store.countNamed(source, definition.name, id) >= definition.maxMultiplicity) {
        throw new EngineError(ErrorCode.Conflict, `${where(source, id)}: twin ${source} already has ${definition.maxMultiplicity} ${definition.name} relationships, the model's maxMultiplicity.`, {
          sourceId: source,
          relationshipId: id,
        });
      }
      const relationship: BasicRelationship = { $relationshipId: id, $etag: newEtag(), $sourceId: source, $relationshipName: definition.name, $targetId: target, ...properties };
      const json = JSON.stringify(relationship);
      this.context.store.putRelationship(relationship, json);
      const subject = `${source}/relationships/${id}`;
      const event = current
        ? { type: 'Microsoft.DigitalTwins.Relationship.Update' as const, subject, data: { modelId: sourceModel, patch: membersDiff(current, relationship) } }
        : { type: 'Microsoft.DigitalTwins.Relationship.Create' as const, subject, data: relationship, dataJson: json };
      return { result: relationship, events: [event] };
    });
  }

  /** Applies a JSON Patch to a relationship's properties. */
  async update(source: string, id: string, patchInput: unknown, conditions: Pick<WriteConditions, 'ifMatch'> = {}): Promise<BasicRelationship> {
    const patch = checkPatch(patchInput);
    const current = this.get(source, id);
    const working = propertiesOf(current);
    for (const operation of patch) {
      if (operation.path.startsWith('/$')) throw new EngineError(ErrorCode.InvalidArgument, `${where(source, id)}: ${operation.path} cannot be patched; only properties can.`, { path: operation.path });
    }
    applyPatch(working, patch);
    await this.warmSourceModel(source);
    const { definition, sourceModel } = this.definition(source, id, current.$relationshipName, current.$targetId);
    checkProperties(source, id, definition, working);
    return commit(this.context, () => {
      const latest = this.context.store.getRelationship(source, id);
      if (!latest) throw notFound(source, id);
      checkConditions(where(source, id), latest.$etag, conditions);
      const system = Object.fromEntries(systemFields.map((field) => [field, current[field]]));
      const relationship = { ...system, $etag: newEtag(), ...working } as BasicRelationship;
      this.context.store.putRelationship(relationship);
      return { result: relationship, events: [{ type: 'Microsoft.DigitalTwins.Relationship.Update', subject: `${source}/relationships/${id}`, data: { modelId: sourceModel, patch } }] };
    });
  }

  delete(source: string, id: string, conditions: Pick<WriteConditions, 'ifMatch'> = {}): void {
    checkId(source, 'twin');
    checkId(id, 'relationship');
    commit(this.context, () => {
      const current = this.context.store.getRelationship(source, id);
      if (!current) throw notFound(source, id);
      checkConditions(where(source, id), current.$etag, conditions);
      this.context.store.deleteRelationship(source, id);
      return { result: undefined, events: [{ type: 'Microsoft.DigitalTwins.Relationship.Delete', subject: `${source}/relationships/${id}`, data: current }] };
    });
  }

  /** Outgoing relationships of a twin. */
  list(source: string, name?: string): BasicRelationship[] {
    if (this.context.store.twinModel(checkId(source, 'twin')) === undefined) throw new EngineError(ErrorCode.TwinNotFound, `There is no twin ${source}.`, { id: source });
    return this.context.store.outgoing(source, name);
  }

  /** Relationships pointing at a twin, as ADT lists them. */
  listIncoming(target: string): IncomingRelationship[] {
    if (this.context.store.twinModel(checkId(target, 'twin')) === undefined) throw new EngineError(ErrorCode.TwinNotFound, `There is no twin ${target}.`, { id: target });
    return this.context.store.incoming(target).map((row) => ({
      $relationshipId: row.id,
      $sourceId: row.source,
      $relationshipName: row.name,
      $relationshipLink: `/digitaltwins/${encodeURIComponent(row.source)}/relationships/${encodeURIComponent(row.id)}`,
    }));
  }
}
