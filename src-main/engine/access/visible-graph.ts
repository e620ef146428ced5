import type { Database } from 'better-sqlite3';

/**
 * A read connection on which `twins` and `relationships` show only what one principal may
 * read: temporary views of the same names shadow the tables (SQLite resolves unqualified
 * names in `temp` first), so every compiled query — JOINs, MATCH hops, COUNT — sees the
 * narrowed graph without the compiler knowing. A relationship is visible when both its ends are.
 */
export class VisibleGraph {
  private loaded = -1;

  constructor(readonly db: Database) {
    db.exec(`
      CREATE TEMP TABLE visible_twins (id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TEMP VIEW twins AS SELECT rowid AS rowid, * FROM main.twins WHERE id IN (SELECT id FROM temp.visible_twins);
      CREATE TEMP VIEW relationships AS SELECT rowid AS rowid, * FROM main.relationships
        WHERE source IN (SELECT id FROM temp.visible_twins) AND target IN (SELECT id FROM temp.visible_twins);
    `);
  }

  /** Loads the visible ids of a generation (once per generation). */
  load(generation: number, ids: ReadonlySet<string>): Database {
    if (this.loaded === generation) return this.db;
    const insert = this.db.prepare('INSERT INTO temp.visible_twins (id) VALUES (?)');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM temp.visible_twins');
      for (const id of ids) insert.run(id);
    })();
    this.loaded = generation;
    return this.db;
  }

  close(): void {
    this.db.close();
  }
}
