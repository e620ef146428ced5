import type { Database } from 'better-sqlite3';

/** One forward step of the graph database's schema; `version` is what PRAGMA user_version becomes. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database) => void;
}

/** Every schema step, oldest first. Never edit a released step: add the next one. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'models',
    up: (db) =>
      db.exec(`
        CREATE TABLE models (
          id             TEXT PRIMARY KEY,
          definition     TEXT NOT NULL,
          display_name   TEXT NOT NULL DEFAULT '{}',
          description    TEXT NOT NULL DEFAULT '{}',
          upload_time    TEXT NOT NULL,
          decommissioned INTEGER NOT NULL DEFAULT 0
        ) STRICT;
      `),
  },
];

/** The schema version this engine writes. */
export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
