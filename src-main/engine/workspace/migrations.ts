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
  {
    version: 2,
    description: 'the twin graph: model inheritance, twins, relationships, the outbox',
    up: (db) =>
      db.exec(`
        -- Every model and each model it extends (itself included, depth 0): IS_OF_MODEL in one lookup.
        CREATE TABLE model_ancestors (
          ancestor TEXT NOT NULL,
          model    TEXT NOT NULL,
          depth    INTEGER NOT NULL,
          PRIMARY KEY (ancestor, model)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX model_ancestors_by_model ON model_ancestors (model);

        -- A twin's body is its JSON exactly as the API returns it ($dtId, $etag, $metadata, contents).
        CREATE TABLE twins (
          id    TEXT NOT NULL UNIQUE,
          model TEXT NOT NULL,
          etag  TEXT NOT NULL,
          body  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX twins_by_model ON twins (model);

        -- A relationship id is unique within its source twin, as in ADT. The body holds
        -- $relationshipId, $etag, $sourceId, $relationshipName, $targetId and the properties.
        CREATE TABLE relationships (
          source TEXT NOT NULL,
          id     TEXT NOT NULL,
          name   TEXT NOT NULL,
          target TEXT NOT NULL,
          etag   TEXT NOT NULL,
          body   TEXT NOT NULL,
          PRIMARY KEY (source, id)
        ) STRICT;
        CREATE INDEX relationships_by_source ON relationships (source, name, target);
        CREATE INDEX relationships_by_target ON relationships (target, name, source);

        -- Events of committed changes, written in the change's transaction; seq is gap-free.
        CREATE TABLE outbox (
          seq   INTEGER PRIMARY KEY AUTOINCREMENT,
          time  TEXT NOT NULL,
          type  TEXT NOT NULL,
          event TEXT NOT NULL
        ) STRICT;

        -- How far each subscriber of the outbox has got (the last seq it has handled).
        CREATE TABLE outbox_positions (
          subscriber TEXT PRIMARY KEY,
          seq        INTEGER NOT NULL
        ) STRICT;
      `),
  },
];

/** The schema version this engine writes. */
export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
