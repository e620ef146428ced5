import { EngineError, ErrorCode, engineApiSurface, type EngineApi, type WorkspaceChange } from '../../src-shared/contract';
import { ModelStore } from './models/model-store';
import { LocalModelsService } from './service/models-service';
import { LocalWorkspaceService } from './service/workspace-service';
import { Emitter } from './util/emitter';
import { openGraphDatabase } from './workspace/graph-database';
import { latestSchemaVersion } from './workspace/migrations';
import { loadSettings, prepareFolder, workspacePaths } from './workspace/workspace-folder';

/** Where the engine keeps its state. */
export interface EngineOptions {
  /** The workspace folder; created when missing. */
  readonly workspace: string;
  /** Path of a better-sqlite3 binary built for the running runtime, when it is not Node's (a desktop app run from a checkout). */
  readonly sqliteNativeBinding?: string;
}

/** The EngineApi of one open workspace, plus what only its host may do. */
export interface Engine extends EngineApi {
  /** Closes the workspace; afterwards every call fails with `Unavailable`. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Wraps each service so that a call after `close()` fails with a typed error
 * instead of touching a closed database.
 */
function guardClosed(api: EngineApi, isClosed: () => boolean): EngineApi {
  const guarded: Record<string, Record<string, unknown>> = {};
  for (const [service, members] of Object.entries(engineApiSurface)) {
    const target = api[service as keyof EngineApi] as unknown as Record<string, (...args: unknown[]) => unknown>;
    const face: Record<string, unknown> = {};
    for (const [member, kind] of Object.entries(members)) {
      const original = target[member]!.bind(target);
      face[member] =
        kind === 'call'
          ? async (...args: unknown[]) => {
              if (isClosed()) throw new EngineError(ErrorCode.Unavailable, 'The workspace is closed.');
              return original(...args);
            }
          : original;
    }
    guarded[service] = Object.freeze(face);
  }
  return guarded as unknown as EngineApi;
}

/** Opens the workspace at `options.workspace` and returns its engine: the only door into it. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const paths = workspacePaths(options.workspace);
  await prepareFolder(paths.root);
  const settings = await loadSettings(paths);
  const db = await openGraphDatabase(paths.graph, { nativeBinding: options.sqliteNativeBinding });
  const workspaceChanges = new Emitter<WorkspaceChange>();
  const services: EngineApi = {
    workspace: new LocalWorkspaceService(paths, settings, latestSchemaVersion, workspaceChanges),
    models: new LocalModelsService(new ModelStore(db)),
  };
  let closed = false;
  return {
    ...guardClosed(services, () => closed),
    close: async () => {
      if (closed) return;
      closed = true;
      workspaceChanges.dispose();
      db.close();
    },
  };
}
