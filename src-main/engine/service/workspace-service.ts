import type { WorkspaceChange, WorkspaceInfo, WorkspaceService } from '../../../src-shared/contract';
import type { Emitter } from '../util/emitter';
import type { SerialQueue } from '../util/serial-queue';
import { engineVersion } from '../version';
import { checkWorkspaceName, saveSettings, type WorkspacePaths, type WorkspaceSettings } from '../workspace/workspace-folder';

/** The workspace service: what the open workspace is, and its settings. */
export class LocalWorkspaceService implements WorkspaceService {
  readonly onDidChange;

  constructor(
    private readonly paths: WorkspacePaths,
    private settings: WorkspaceSettings,
    private readonly schemaVersion: number,
    private readonly changes: Emitter<WorkspaceChange>,
    private readonly writes: SerialQueue,
  ) {
    this.onDidChange = changes.event;
  }

  async info(): Promise<WorkspaceInfo> {
    return {
      name: this.settings.name,
      path: this.paths.root,
      schemaVersion: this.schemaVersion,
      engineVersion,
      createdAt: this.settings.createdAt,
    };
  }

  async rename(name: string): Promise<WorkspaceInfo> {
    const checked = checkWorkspaceName(name);
    return this.writes.run(async () => {
      const next = { ...this.settings, name: checked };
      await saveSettings(this.paths, next);
      this.settings = next;
      this.changes.fire({ kind: 'workspaceRenamed', name: next.name });
      return this.info();
    });
  }
}
