import type { WorkspaceChange, WorkspaceInfo, WorkspaceService } from '../../../src-shared/contract';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';
import { engineVersion } from '../version';
import type { SettingsStore } from '../workspace/settings-store';
import { checkWorkspaceName, type WorkspacePaths } from '../workspace/workspace-folder';

/** The workspace service: what the open workspace is, and its settings. */
export class LocalWorkspaceService implements WorkspaceService {
  readonly onDidChange;

  constructor(
    private readonly paths: WorkspacePaths,
    private readonly settings: SettingsStore,
    private readonly schemaVersion: number,
    private readonly changes: Emitter<WorkspaceChange>,
    private readonly writes: SerialQueue,
  ) {
    this.onDidChange = changes.event;
  }

  async info(): Promise<WorkspaceInfo> {
    const { name, createdAt } = this.settings.get();
    return { name, path: this.paths.root, schemaVersion: this.schemaVersion, engineVersion, createdAt };
  }

  async rename(name: string): Promise<WorkspaceInfo> {
    const checked = checkWorkspaceName(name);
    return this.writes.run(async () => {
      await this.settings.update((settings) => ({ ...settings, name: checked }));
      this.changes.fire({ kind: 'workspaceRenamed', name: checked });
      return this.info();
    });
  }
}
