import { saveSettings, type WorkspacePaths, type WorkspaceSettings } from './workspace-folder';

/**
 * The workspace's settings (workspace.json) in memory and on disk. Callers run `update` inside
 * the workspace's write queue, so two changes never race on the file.
 */
export class SettingsStore {
  constructor(
    private readonly paths: WorkspacePaths,
    private current: WorkspaceSettings,
  ) {}

  get(): WorkspaceSettings {
    return this.current;
  }

  /** Writes a changed copy atomically, then makes it current. */
  async update(change: (settings: WorkspaceSettings) => WorkspaceSettings): Promise<WorkspaceSettings> {
    const next = change(this.current);
    await saveSettings(this.paths, next);
    this.current = next;
    return next;
  }
}
