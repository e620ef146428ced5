import { isEngineError, type EngineApi, type ModelData, type WorkspaceInfo } from '../../src-shared/contract';

/** A message for people from any failure. */
export function describeError(error: unknown): string {
  if (isEngineError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The open workspace as the UI shows it: its info and its models, kept fresh. */
export class WorkspaceState {
  info = $state<WorkspaceInfo | null>(null);
  models = $state<ModelData[]>([]);
  loading = $state(true);
  error = $state<string | null>(null);

  constructor(private readonly api: EngineApi) {
    api.workspace.onDidChange((change) => {
      if (change.kind === 'workspaceRenamed') {
        if (this.info) this.info = { ...this.info, name: change.name };
      } else {
        void this.reloadModels();
      }
    });
  }

  /** Loads (or reloads) everything the shell shows. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      const [info, models] = await Promise.all([this.api.workspace.info(), this.api.models.list()]);
      this.info = info;
      this.models = models;
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }

  private async reloadModels(): Promise<void> {
    try {
      this.models = await this.api.models.list();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** Renames the workspace; resolves with an error message, or null when it worked. */
  async rename(name: string): Promise<string | null> {
    try {
      this.info = await this.api.workspace.rename(name);
      return null;
    } catch (error) {
      return describeError(error);
    }
  }
}
