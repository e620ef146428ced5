import type { ModelSummary, ModelsService } from '../../../src-shared/contract';
import type { ModelStore } from '../models/model-store';

/** The models service: the workspace's DTDL models. */
export class LocalModelsService implements ModelsService {
  constructor(private readonly store: ModelStore) {}

  async list(): Promise<ModelSummary[]> {
    return this.store.list();
  }
}
