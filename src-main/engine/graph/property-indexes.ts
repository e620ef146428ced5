import type { Database, Statement } from 'better-sqlite3';
import { EngineError, ErrorCode, type PropertyIndex } from '../../../src-shared/contract';

/** Index names: this prefix, then the property path (`temperature`, `thermostat.setpoint`). */
const prefix = 'twins_by_property:';
/** A DTDL name: a letter, then letters, digits and underscores, not ending in an underscore. */
const dtdlName = /^[A-Za-z](?:[A-Za-z0-9_]{0,510}[A-Za-z0-9])?$/;

/** The JSON path of a property path, as the query compiler writes it (`$.thermostat.setpoint`). */
export function propertyJsonPath(property: string): string {
  return `$.${property}`;
}

/** The property indexes a query may use: JSON paths, and a version that changes with them. */
export interface IndexedProperties {
  readonly paths: ReadonlySet<string>;
  readonly version: number;
}

function checkProperty(property: unknown): string {
  const segments = typeof property === 'string' ? property.split('.') : [];
  if (segments.length === 0 || segments.length > 8 || !segments.every((segment) => dtdlName.test(segment))) {
    throw new EngineError(
      ErrorCode.InvalidArgument,
      `An indexed property is a property name or a path through components and object fields ("temperature", "thermostat.setpoint"); ${JSON.stringify(property)} is not.`,
      { property },
    );
  }
  return property as string;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Indexes on twin property values: SQLite expression indexes over the value and the JSON type at
 * a property's path in every twin's body. SQLite keeps them in step with every write, a bulk import rebuilds them with
 * the other secondary indexes, and a query that compares the property with a value seeks in the
 * index instead of reading every twin. An index changes only speed, never a result: a query
 * compiled before an index was added or dropped still answers the same.
 */
export class PropertyIndexes {
  private cached: { schema: number; indexed: IndexedProperties } | undefined;
  private version = 0;
  private readonly schemaVersion: Statement<[], number>;

  constructor(private readonly db: Database) {
    this.schemaVersion = db.prepare<[], number>('PRAGMA schema_version').pluck();
  }

  /** The indexed properties, sorted by path. */
  list(): PropertyIndex[] {
    return this.db
      .prepare<[{ prefix: string; length: number }], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'twins' AND substr(name, 1, @length) = @prefix ORDER BY name")
      .all({ prefix, length: prefix.length })
      .map(({ name }) => ({ property: name.slice(prefix.length) }));
  }

  /** Indexes `property` (no-op when it is already) and refreshes the planner's statistics of the twins table. */
  add(property: string): { readonly index: PropertyIndex; readonly created: boolean } {
    const checked = checkProperty(property);
    const exists = this.list().some((index) => index.property === checked);
    if (!exists) {
      // The path is a checked DTDL name path, so it can be written into the index's definition.
      // The value and its JSON type: a query compares the value and checks the type (ADT compares
      // only values of one type), and both come from the index without parsing the twin.
      const path = propertyJsonPath(checked);
      this.db.exec(`CREATE INDEX ${quoted(prefix + checked)} ON twins (json_extract(body, '${path}'), json_type(body, '${path}'))`);
      this.db.exec('ANALYZE twins');
    }
    return { index: { property: checked }, created: !exists };
  }

  /** Drops the index of `property`; false when there is none. */
  remove(property: string): boolean {
    const checked = checkProperty(property);
    if (!this.list().some((index) => index.property === checked)) return false;
    this.db.exec(`DROP INDEX ${quoted(prefix + checked)}`);
    return true;
  }

  /** The indexed JSON paths for the query compiler, read again whenever the schema changed (here or in another process). */
  forQueries(): IndexedProperties {
    const schema = this.schemaVersion.get()!;
    if (this.cached?.schema !== schema) {
      this.cached = { schema, indexed: { paths: new Set(this.list().map((index) => propertyJsonPath(index.property))), version: ++this.version } };
    }
    return this.cached.indexed;
  }
}
