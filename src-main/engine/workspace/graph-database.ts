import BetterSqlite3, { type Database } from 'better-sqlite3';
import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { migrations, type Migration } from './migrations';

function schemaVersionOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Where the copy taken before migrating a database from `fromVersion` goes. */
export function backupPathFor(path: string, fromVersion: number, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${path}.v${fromVersion}.${stamp}.bak`;
}

async function migrate(db: Database, path: string, pending: readonly Migration[], now: Date): Promise<void> {
  const from = schemaVersionOf(db);
  if (from > 0) await db.backup(backupPathFor(path, from, now));
  for (const step of pending) {
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}

export interface GraphDatabaseOptions {
  /** Schema steps; the engine's own by default. */
  readonly migrations?: readonly Migration[];
  readonly now?: () => Date;
  /** Path of a better-sqlite3 binary built for this runtime (Electron), when not the installed one. */
  readonly nativeBinding?: string;
}

/**
 * Opens (creating if needed) the workspace's SQLite database and brings its schema up to
 * date, taking a backup first when an existing database is migrated.
 */
export async function openGraphDatabase(path: string, options: GraphDatabaseOptions = {}): Promise<Database> {
  const { migrations: steps = migrations, now = () => new Date(), nativeBinding } = options;
  const latest = steps.at(-1)?.version ?? 0;
  let db: Database;
  try {
    db = new BetterSqlite3(path, nativeBinding ? { nativeBinding } : {});
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new EngineError(ErrorCode.WorkspaceInvalid, `Cannot open ${path}: ${(error as Error).message}. Check that it is a Twinbench graph database.`, { path });
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const version = schemaVersionOf(db);
    if (version > latest) {
      throw new EngineError(
        ErrorCode.WorkspaceInvalid,
        `${path} has schema version ${version}, newer than this Twinbench understands (${latest}). Update Twinbench to open this workspace.`,
        { path, schemaVersion: version },
      );
    }
    const pending = steps.filter((step) => step.version > version);
    if (pending.length > 0) await migrate(db, path, pending, now());
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Another connection to an open workspace database (imports and exports work on their own). */
export function openExtraConnection(path: string, nativeBinding?: string): Database {
  const db = new BetterSqlite3(path, nativeBinding ? { nativeBinding } : {});
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}
