import type { EngineApi, ModelDetail, ModelProblem, ModelSource } from '../../src-shared/contract';
import { modelNodes, type ModelNode } from '../features/models/model-structure';
import { describeError } from './workspace.svelte';

/** The models area: the selected model's details, and uploads with their problems. */
export class ModelsState {
  selected = $state<ModelDetail | null>(null);
  loadingDetail = $state(false);
  uploading = $state(false);
  problems = $state<ModelProblem[]>([]);
  message = $state<string | null>(null);
  /** Every model with its extends, relationship and component links, for the tree and graph views. */
  structure = $state.raw<ModelNode[]>([]);

  constructor(private readonly api: EngineApi) {}

  /** Shows one model with every content, inherited ones marked. */
  async select(id: string): Promise<void> {
    this.loadingDetail = true;
    if (this.selected?.id !== id) this.refusal = null;
    try {
      this.selected = await this.api.models.get(id, { flat: true });
    } catch (error) {
      this.message = describeError(error);
    } finally {
      this.loadingDetail = false;
    }
  }

  /** A decommission or delete under way, and why the last one was refused. */
  changing = $state(false);
  refusal = $state<string | null>(null);

  /** Decommissions a model: twins keep it, new twins cannot use it. */
  async decommission(id: string): Promise<void> {
    await this.change(async () => {
      await this.api.models.decommission(id);
      this.message = `Decommissioned ${id}: twins that use it keep it; new twins cannot.`;
      await this.select(id);
    });
  }

  /** Deletes a model; the engine refuses while other models or twins use it. */
  async remove(id: string): Promise<void> {
    await this.change(async () => {
      await this.api.models.delete(id);
      this.message = `Deleted ${id}.`;
      this.selected = null;
    });
  }

  private async change(work: () => Promise<void>): Promise<void> {
    this.changing = true;
    this.refusal = null;
    try {
      await work();
      await this.loadStructure();
    } catch (error) {
      this.refusal = describeError(error);
    } finally {
      this.changing = false;
    }
  }

  /** Reads every definition to know how the models link (after an upload too). */
  async loadStructure(): Promise<void> {
    try {
      this.structure = modelNodes(await this.api.models.list({ includeModelDefinition: true }));
    } catch (error) {
      this.message = describeError(error);
    }
  }

  /** Validates files with the stored models and adds them when they are valid, all or nothing. */
  async upload(files: readonly File[]): Promise<void> {
    const models = files.filter((file) => /\.(json|jsonld|dtdl)$/i.test(file.name));
    if (models.length === 0) {
      this.message = 'No .json, .jsonld or .dtdl files were chosen.';
      return;
    }
    this.uploading = true;
    this.problems = [];
    this.message = null;
    try {
      const sources: ModelSource[] = await Promise.all(models.map(async (file) => ({ name: file.webkitRelativePath || file.name, text: await file.text() })));
      const report = await this.api.models.validate(sources);
      if (!report.ok) {
        this.problems = [...report.errors];
        this.message = `${report.errors.length} ${report.errors.length === 1 ? 'problem' : 'problems'} in ${sources.length} ${sources.length === 1 ? 'file' : 'files'}; nothing was added.`;
        return;
      }
      const added = await this.api.models.add(sources);
      this.message = `Added ${added.length} ${added.length === 1 ? 'model' : 'models'} from ${sources.length} ${sources.length === 1 ? 'file' : 'files'}.`;
    } catch (error) {
      this.message = describeError(error);
    } finally {
      this.uploading = false;
    }
  }
}
