import type { Event } from './event';

/** What a workspace is: a folder holding the graph, the history and the settings. */
export interface WorkspaceInfo {
  /** Display name, stored in workspace.json; defaults to the folder name. */
  readonly name: string;
  /** Absolute path of the workspace folder on the engine's machine. */
  readonly path: string;
  /** Version of the workspace's storage schema. */
  readonly schemaVersion: number;
  /** Version of the engine serving the workspace. */
  readonly engineVersion: string;
  /** ISO 8601 time the workspace was created. */
  readonly createdAt: string;
}

/** Everything that changed in a workspace, as one tagged union of past-tense events: the engine's bus. */
export type WorkspaceChange =
  | { readonly kind: 'workspaceRenamed'; readonly name: string }
  | { readonly kind: 'modelsCreated'; readonly ids: readonly string[] }
  | { readonly kind: 'modelDecommissioned'; readonly id: string }
  | { readonly kind: 'modelDeleted'; readonly id: string };

export interface WorkspaceService {
  /** The open workspace. */
  info(): Promise<WorkspaceInfo>;
  /** Gives the workspace a new display name (1–100 characters, trimmed). */
  rename(name: string): Promise<WorkspaceInfo>;
  /** Fires after any committed change in the workspace. */
  onDidChange: Event<WorkspaceChange>;
}

/** Longest display name a workspace accepts. */
export const maxWorkspaceNameLength = 100;
