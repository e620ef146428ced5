import {
  EngineError,
  ErrorCode,
  type ModelData,
  type ModelDetail,
  type ModelListOptions,
  type ModelSource,
  type ModelValidation,
  type ModelsService,
  type WorkspaceChange,
} from '../../../src-shared/contract';
import type { ModelCatalog } from '../models/model-catalog';
import { checkSources } from '../models/model-sources';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';

function checkId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) throw new EngineError(ErrorCode.InvalidArgument, 'A model id must be a non-empty string (a DTMI such as dtmi:example:Room;1).');
  return id;
}

/** The models service: the workspace's DTDL models. Writes are serialized with the rest of the workspace's writes. */
export class LocalModelsService implements ModelsService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly writes: SerialQueue,
    private readonly changes: Emitter<WorkspaceChange>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(options: ModelListOptions = {}): Promise<ModelData[]> {
    if (options.dependenciesFor !== undefined && !Array.isArray(options.dependenciesFor)) {
      throw new EngineError(ErrorCode.InvalidArgument, 'dependenciesFor must be an array of model ids.');
    }
    return this.catalog.list(options);
  }

  async get(id: string, options: { readonly flat?: boolean } = {}): Promise<ModelDetail> {
    return this.catalog.get(checkId(id), options.flat === true);
  }

  async validate(sources: readonly ModelSource[], options: { readonly cloudCompatible?: boolean } = {}): Promise<ModelValidation> {
    checkSources(sources);
    return this.catalog.validate(sources, options.cloudCompatible === true);
  }

  async add(sources: readonly ModelSource[]): Promise<ModelData[]> {
    checkSources(sources);
    return this.writes.run(async () => {
      const added = await this.catalog.add(sources, this.now());
      this.changes.fire({ kind: 'modelsCreated', ids: added.map((model) => model.id) });
      return added;
    });
  }

  async decommission(id: string): Promise<ModelData> {
    const checked = checkId(id);
    return this.writes.run(async () => {
      const model = await this.catalog.decommission(checked);
      this.changes.fire({ kind: 'modelDecommissioned', id: checked });
      return model;
    });
  }

  async delete(id: string): Promise<void> {
    const checked = checkId(id);
    await this.writes.run(async () => {
      await this.catalog.delete(checked);
      this.changes.fire({ kind: 'modelDeleted', id: checked });
    });
  }
}
