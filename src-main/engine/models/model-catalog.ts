import { EngineError, ErrorCode, type ModelData, type ModelDetail, type ModelListOptions, type ModelSource, type ModelValidation } from '../../../src-shared/contract';
import { ancestorsOf, flattenInterface, parseModels, type Interface } from './dtdl';
import type { ModelStore, NewModel } from './model-store';
import { topLevelModels, type TopLevelModel } from './model-sources';
import { contentView } from './model-views';
import { validateModelSources } from './validate-sources';

type Interfaces = ReadonlyMap<string, Interface>;

/** Every interface `id` extends, transitively, with its distance (breadth-first, each once). */
function ancestry(id: string, interfaces: Interfaces): { id: string; depth: number }[] {
  const found: { id: string; depth: number }[] = [];
  const seen = new Set([id]);
  let level = [id];
  for (let depth = 1; level.length > 0; depth++) {
    const next: string[] = [];
    for (const parent of level.flatMap((child) => interfaces.get(child)?.extends ?? [])) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      found.push({ id: parent, depth });
      next.push(parent);
    }
    level = next;
  }
  return found;
}

/** The interfaces `id` depends on directly: what it extends and its components' schemas. */
function directDependencies(iface: Interface): string[] {
  return [...iface.extends, ...iface.contents.flatMap((content) => (content.kind === 'Component' ? [content.schema] : []))];
}

/**
 * The workspace's models, validated: stored in SQLite, parsed once into DTDL interfaces and
 * kept in memory for the graph's validation, views and queries.
 */
export class ModelCatalog {
  private parsed: Promise<Map<string, Interface>> | null = null;

  constructor(private readonly store: ModelStore) {}

  /** The parsed interface of every stored model (parsed on first use). */
  interfaces(): Promise<Map<string, Interface>> {
    this.parsed ??= this.parseStored().catch((error: unknown) => {
      this.parsed = null;
      throw error;
    });
    return this.parsed;
  }

  private async parseStored(): Promise<Map<string, Interface>> {
    const definitions = [...this.store.definitions().values()];
    if (definitions.length === 0) return new Map();
    const result = await parseModels(definitions);
    if (!result.ok) {
      throw new EngineError(ErrorCode.WorkspaceInvalid, `The workspace's stored models no longer validate: ${result.errors[0]?.message ?? 'unknown error'}`, {
        errors: result.errors.slice(0, 20),
      });
    }
    return new Map(result.interfaces);
  }

  /** Validates `sources` together with the stored models, which the parser asks for as it needs them. */
  private check(sources: readonly ModelSource[], cloudCompatible: boolean) {
    const stored = this.store.definitions();
    return validateModelSources(sources, {
      resolve: (ids) => ids.flatMap((id) => (stored.has(id) ? [stored.get(id)] : [])),
      cloudCompatible,
      storedCount: stored.size,
    });
  }

  /** Validates a set without storing it. */
  async validate(sources: readonly ModelSource[], cloudCompatible: boolean): Promise<ModelValidation> {
    const { ok, interfaceCount, errors, warnings } = await this.check(sources, cloudCompatible);
    return { ok, interfaceCount, errors, warnings };
  }

  /** Validates and stores a set, all or nothing; returns the new models. */
  async add(sources: readonly ModelSource[], now: Date): Promise<ModelData[]> {
    const { result, errors } = await this.check(sources, false);
    if (!result.ok) {
      const first = errors[0]!;
      const where = first.source ? `${first.source}${first.line ? `:${first.line}` : ''}: ` : '';
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more ${errors.length === 2 ? 'error' : 'errors'})` : '';
      throw new EngineError(ErrorCode.ModelInvalid, `The models are not valid: ${where}${first.message}${more}`, { errors });
    }
    const models = topLevelModels(sources);
    this.refuseExisting(models);
    if (models.length === 0) throw new EngineError(ErrorCode.InvalidArgument, 'The sources hold no interfaces to add.');
    const rows: NewModel[] = models.map((model) => {
      const iface = result.interfaces.get(model.id)!;
      return { id: model.id, definition: model.definition, displayName: iface.displayName ?? {}, description: iface.description ?? {}, ancestors: ancestry(model.id, result.interfaces) };
    });
    this.store.insert(rows, now.toISOString());
    if (this.parsed) {
      const cache = await this.parsed;
      for (const model of models) cache.set(model.id, result.interfaces.get(model.id)!);
    }
    return models.map((model) => this.store.get(model.id)!);
  }

  private refuseExisting(models: readonly TopLevelModel[]): void {
    const seen = new Set<string>();
    for (const model of models) {
      if (this.store.get(model.id) || seen.has(model.id)) {
        throw new EngineError(
          ErrorCode.Conflict,
          `Model ${model.id} (in ${model.source}) already exists. A model cannot be changed once uploaded: give the new one a new version number, or delete the old one first.`,
          { id: model.id, source: model.source },
        );
      }
      seen.add(model.id);
    }
  }

  /** Stored models, optionally only those `dependenciesFor` needs. */
  async list(options: ModelListOptions = {}): Promise<ModelData[]> {
    const all = this.store.list(options.includeModelDefinition === true);
    if (options.dependenciesFor === undefined) return all;
    const interfaces = await this.interfaces();
    const wanted = new Set<string>();
    const queue = [...options.dependenciesFor];
    for (const id of queue) {
      if (!interfaces.has(id)) throw new EngineError(ErrorCode.ModelNotFound, `There is no model ${id} in this workspace.`, { id });
    }
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (wanted.has(id)) continue;
      wanted.add(id);
      const iface = interfaces.get(id);
      if (iface) queue.push(...directDependencies(iface));
    }
    return all.filter((model) => wanted.has(model.id));
  }

  /** One model with its definition and contents. */
  async get(id: string, flat: boolean): Promise<ModelDetail> {
    const data = this.store.get(id, true);
    const iface = (await this.interfaces()).get(id);
    if (!data || !iface) throw new EngineError(ErrorCode.ModelNotFound, `There is no model ${id} in this workspace.`, { id });
    const interfaces = await this.interfaces();
    const contents = flat ? flattenInterface(iface, interfaces) : iface.contents.map((content) => ({ content, declaredIn: id, inherited: false }));
    return { ...data, model: data.model, extends: iface.extends, ancestors: ancestorsOf(iface, interfaces), contents: contents.map(contentView) };
  }

  /** Marks a model decommissioned. */
  async decommission(id: string): Promise<ModelData> {
    if (!this.store.get(id)) throw new EngineError(ErrorCode.ModelNotFound, `There is no model ${id} in this workspace.`, { id });
    this.store.decommission(id);
    return this.store.get(id)!;
  }

  /** Deletes a model nothing else uses. */
  async delete(id: string): Promise<void> {
    if (!this.store.get(id)) throw new EngineError(ErrorCode.ModelNotFound, `There is no model ${id} in this workspace.`, { id });
    const interfaces = await this.interfaces();
    const dependents = [...interfaces.values()].filter((iface) => iface.id !== id && directDependencies(iface).includes(id)).map((iface) => iface.id);
    if (dependents.length > 0) {
      const shown = dependents.slice(0, 3).join(', ') + (dependents.length > 3 ? ` and ${dependents.length - 3} more` : '');
      throw new EngineError(ErrorCode.Conflict, `Model ${id} is used by ${shown} (extends or components). Delete those models first.`, { id, dependents });
    }
    const twin = this.store.twinUsing(id);
    if (twin !== undefined) {
      throw new EngineError(ErrorCode.Conflict, `Model ${id} is used by twins (for example ${twin}). Delete those twins or change their model first.`, { id, twin });
    }
    this.store.delete(id);
    interfaces.delete(id);
  }
}
