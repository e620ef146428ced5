import type { AccessData } from '../access/access-control';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { EngineError, ErrorCode, maxWorkspaceNameLength, type DeviceBinding, type EndpointDefinition, type EventRoute, type QueryHistoryEntry, type RetentionPolicy, type SavedQuery, type Scenario, type SimMapping, type Rule, type SourceDefinition, type SyntheticFault } from '../../../src-shared/contract';

/** The settings file of a workspace; later features add their own sections. */
export interface WorkspaceSettings {
  readonly formatVersion: 1;
  readonly name: string;
  readonly createdAt: string;
  readonly endpoints?: readonly EndpointDefinition[];
  readonly routes?: readonly EventRoute[];
  readonly rules?: readonly Rule[];
  /** Sources that run whenever a long-lived host (the app, the server) opens the workspace. */
  readonly ingest?: {
    readonly synthetic?: { readonly intervalMs: number; readonly seed: number; readonly faults?: readonly SyntheticFault[] } | null;
    readonly bindings?: readonly DeviceBinding[];
    readonly sources?: readonly SourceDefinition[];
    /** Names of the sources that run. */
    readonly running?: readonly string[];
  };
  /** Tokens (hashed), access policies and whether loopback clients need a token. */
  readonly access?: AccessData;
  /** How long telemetry is kept and how it is downsampled (everything is kept when absent). */
  readonly historyRetention?: RetentionPolicy;
  /** What-if simulation: the model → physics mapping (absent: the default) and the stored scenarios. */
  readonly sim?: { readonly mapping?: SimMapping; readonly scenarios?: readonly Scenario[] };
  /** The consoles' saved queries and their recent runs. */
  readonly savedQueries?: readonly SavedQuery[];
  readonly queryHistory?: readonly QueryHistoryEntry[];
}

/** The files a workspace folder holds. */
export interface WorkspacePaths {
  readonly root: string;
  readonly settings: string;
  readonly graph: string;
  readonly history: string;
  readonly assets: string;
  /** Logs of bulk jobs. */
  readonly jobs: string;
  /** Saved graph snapshots that simulation scenarios start from. */
  readonly snapshots: string;
}

/** Names the files of the workspace at `dir` (absolute). */
export function workspacePaths(dir: string): WorkspacePaths {
  const root = resolve(dir);
  return {
    root,
    settings: join(root, 'workspace.json'),
    graph: join(root, 'graph.sqlite'),
    history: join(root, 'history.duckdb'),
    assets: join(root, 'assets'),
    jobs: join(root, 'jobs'),
    snapshots: join(root, 'snapshots'),
  };
}

function invalid(path: string, message: string, hint: string): EngineError {
  return new EngineError(ErrorCode.WorkspaceInvalid, `${message} ${hint}`, { path });
}

/** A file-system failure in words, without the errno noise. */
function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOTDIR':
      return 'a part of its path is a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error.message;
  }
}

/** Makes sure `root` is a writable folder, creating it (and its parents) when missing. */
export async function prepareFolder(root: string): Promise<void> {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw invalid(root, `Cannot read the workspace folder ${root}: ${reason(error)}.`, 'Check the path and its permissions.');
  });
  if (info && !info.isDirectory()) {
    throw invalid(root, `The workspace path ${root} is a file, not a folder.`, 'Choose a folder, or a path that does not exist yet.');
  }
  if (!info) {
    await mkdir(root, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw invalid(root, `Cannot create the workspace folder ${root}: ${reason(error)}.`, 'Choose a folder you can write to.');
    });
  }
  await access(root, constants.R_OK | constants.W_OK).catch(() => {
    throw invalid(root, `The workspace folder ${root} is not writable.`, 'Choose a folder you can write to, or change its permissions.');
  });
}

/** Validates a display name and returns it trimmed. */
export function checkWorkspaceName(name: unknown): string {
  if (typeof name !== 'string') throw new EngineError(ErrorCode.InvalidArgument, 'A workspace name must be a string.');
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > maxWorkspaceNameLength) {
    throw new EngineError(ErrorCode.InvalidArgument, `A workspace name must have 1 to ${maxWorkspaceNameLength} characters; got ${trimmed.length}.`, {
      length: trimmed.length,
    });
  }
  return trimmed;
}

function parseSettings(path: string, text: string): WorkspaceSettings {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(path, `${path} is not valid JSON (${(error as Error).message}).`, 'Fix the file or restore it from a backup.');
  }
  const fields = value as Partial<Record<keyof WorkspaceSettings, unknown>> | null;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw invalid(path, `${path} must hold a JSON object.`, 'Fix the file or restore it from a backup.');
  }
  if (fields.formatVersion !== 1) {
    throw invalid(path, `${path} has formatVersion ${JSON.stringify(fields.formatVersion)}; this Twinbench reads version 1.`, 'Open it with the Twinbench that wrote it, or update Twinbench.');
  }
  if (typeof fields.name !== 'string' || typeof fields.createdAt !== 'string') {
    throw invalid(path, `${path} needs "name" and "createdAt" strings.`, 'Fix the file or restore it from a backup.');
  }
  for (const list of ['endpoints', 'routes', 'savedQueries', 'queryHistory'] as const) {
    if (fields[list] !== undefined && !Array.isArray(fields[list])) throw invalid(path, `${path}: "${list}" must be an array.`, 'Fix the file or restore it from a backup.');
  }
  return { ...(value as WorkspaceSettings) };
}

/** Reads workspace.json, writing a fresh one (named after the folder) when it is missing. */
export async function loadSettings(paths: WorkspacePaths, now: () => Date = () => new Date()): Promise<WorkspaceSettings> {
  const text = await readFile(paths.settings, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw invalid(paths.settings, `Cannot read ${paths.settings}: ${reason(error)}.`, 'Check its permissions.');
  });
  if (text !== null) return parseSettings(paths.settings, text);
  const settings: WorkspaceSettings = { formatVersion: 1, name: basename(paths.root) || 'workspace', createdAt: now().toISOString() };
  await saveSettings(paths, settings);
  return settings;
}

/** Writes workspace.json atomically (temp file, then rename), so a crash never leaves half a file. */
export async function saveSettings(paths: WorkspacePaths, settings: WorkspaceSettings): Promise<void> {
  const temp = `${paths.settings}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  await rename(temp, paths.settings);
}
