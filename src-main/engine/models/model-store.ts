import type { Database, Statement } from 'better-sqlite3';
import type { ModelData } from '../../../src-shared/contract';

interface ModelRow {
  readonly id: string;
  readonly definition: string;
  readonly display_name: string;
  readonly description: string;
  readonly upload_time: string;
  readonly decommissioned: number;
}

/** A model to store: its id, definition (JSON value) and names, with every interface it extends. */
export interface NewModel {
  readonly id: string;
  readonly definition: unknown;
  readonly displayName: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  /** Every interface the model extends, transitively, with its distance (1 = a direct parent). */
  readonly ancestors: readonly { readonly id: string; readonly depth: number }[];
}

function toModelData(row: ModelRow, withDefinition: boolean): ModelData {
  const data: ModelData = {
    id: row.id,
    displayName: JSON.parse(row.display_name) as Record<string, string>,
    description: JSON.parse(row.description) as Record<string, string>,
    uploadTime: row.upload_time,
    decommissioned: row.decommissioned !== 0,
  };
  return withDefinition ? { ...data, model: JSON.parse(row.definition) as unknown } : data;
}

/** The workspace's models and their inheritance, as stored in SQLite. */
export class ModelStore {
  private readonly listRows: Statement<[], ModelRow>;
  private readonly getRow: Statement<[string], ModelRow>;
  private readonly insertModel: Statement<[string, string, string, string, string]>;
  private readonly insertAncestor: Statement<[string, string, number]>;
  private readonly setDecommissioned: Statement<[string]>;
  private readonly deleteModel: Statement<[string]>;
  private readonly deleteAncestry: Statement<[string]>;
  private readonly twinUsingModel: Statement<[string], { id: string }>;
  private readonly countRows: Statement<[], { n: number }>;
  private readonly decommissionedRow: Statement<[string], { decommissioned: number }>;

  constructor(private readonly db: Database) {
    this.listRows = db.prepare('SELECT * FROM models ORDER BY id');
    this.getRow = db.prepare('SELECT * FROM models WHERE id = ?');
    this.insertModel = db.prepare('INSERT INTO models (id, definition, display_name, description, upload_time) VALUES (?, ?, ?, ?, ?)');
    this.insertAncestor = db.prepare('INSERT INTO model_ancestors (ancestor, model, depth) VALUES (?, ?, ?)');
    this.setDecommissioned = db.prepare('UPDATE models SET decommissioned = 1 WHERE id = ?');
    this.deleteModel = db.prepare('DELETE FROM models WHERE id = ?');
    this.deleteAncestry = db.prepare('DELETE FROM model_ancestors WHERE model = ?');
    this.twinUsingModel = db.prepare('SELECT id FROM twins WHERE model = ? LIMIT 1');
    this.countRows = db.prepare('SELECT count(*) AS n FROM models');
    this.decommissionedRow = db.prepare('SELECT decommissioned FROM models WHERE id = ?');
  }

  /** Every stored model, ordered by id. */
  list(withDefinitions = false): ModelData[] {
    return this.listRows.all().map((row) => toModelData(row, withDefinitions));
  }

  /** One stored model, or undefined. */
  get(id: string, withDefinition = false): ModelData | undefined {
    const row = this.getRow.get(id);
    return row && toModelData(row, withDefinition);
  }

  /** The definition of every stored model, keyed by id. */
  definitions(): Map<string, unknown> {
    return new Map(this.listRows.all().map((row) => [row.id, JSON.parse(row.definition) as unknown]));
  }

  /** True when model `id` exists and is decommissioned. */
  isDecommissioned(id: string): boolean {
    return this.decommissionedRow.get(id)?.decommissioned === 1;
  }

  count(): number {
    return this.countRows.get()!.n;
  }

  /** Stores a validated model set in one transaction: all or nothing. */
  insert(models: readonly NewModel[], uploadTime: string): void {
    this.db.transaction(() => {
      for (const model of models) {
        this.insertModel.run(model.id, JSON.stringify(model.definition), JSON.stringify(model.displayName), JSON.stringify(model.description), uploadTime);
        this.insertAncestor.run(model.id, model.id, 0);
        for (const ancestor of model.ancestors) this.insertAncestor.run(ancestor.id, model.id, ancestor.depth);
      }
    })();
  }

  decommission(id: string): void {
    this.setDecommissioned.run(id);
  }

  /** Removes a model and its inheritance rows. */
  delete(id: string): void {
    this.db.transaction(() => {
      this.deleteAncestry.run(id);
      this.deleteModel.run(id);
    })();
  }

  /** The id of some twin whose model is `id`, if any. */
  twinUsing(id: string): string | undefined {
    return this.twinUsingModel.get(id)?.id;
  }
}
