import type { Database } from 'better-sqlite3';
import type { ModelSummary } from '../../../src-shared/contract';

interface ModelRow {
  readonly id: string;
  readonly display_name: string;
  readonly description: string;
  readonly upload_time: string;
  readonly decommissioned: number;
}

/** The workspace's models, as stored in SQLite. */
export class ModelStore {
  private readonly listStatement;

  constructor(db: Database) {
    this.listStatement = db.prepare<[], ModelRow>(
      'SELECT id, display_name, description, upload_time, decommissioned FROM models ORDER BY id',
    );
  }

  /** Every stored model, ordered by id. */
  list(): ModelSummary[] {
    return this.listStatement.all().map((row) => ({
      id: row.id,
      displayName: JSON.parse(row.display_name) as Record<string, string>,
      description: JSON.parse(row.description) as Record<string, string>,
      uploadTime: row.upload_time,
      decommissioned: row.decommissioned !== 0,
    }));
  }
}
