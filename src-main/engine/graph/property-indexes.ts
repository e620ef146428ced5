import type { Database, Statement } from 'better-sqlite3';
import { EngineError, ErrorCode, type PropertyIndex } from '../../../src-shared/contract';

/** Index names: this prefix, then the property path (`temperature`, `thermostat.setpoint`). */
const prefix = 'twins_by_property:';
/** A DTDL name: a letter, then letters, digits and underscores, not ending in an underscore. */
const dtdlName = /^[A-Za-z](?:[A-Za-z0-9_]{0,510}[A-Za-z0-9])?$/;
/** Names on an indexed path at most (a property, then components and object fields). */
const maxSegments = 8;

/** The JSON path of a property path, as the query compiler writes it (`$.thermostat.setpoint`). */
export function propertyJsonPath(property: string): string {
  return `$.${property}`;
}

/** True when `property` is a path an index may cover: DTDL names joined by dots. */
function isPropertyPath(property: unknown): property is string {
  if (typeof property !== 'string') return false;
  const segments = property.split('.');
  return segments.length <= maxSegments && segments.every((segment) => dtdlName.test(segment));
}

/**
 * True when `path` has the shape of an indexed property's JSON path (`$.` and DTDL names), the
 * only kind of path the query compiler writes into SQL text: for paths that arrive from outside
 * (a continuation token).
 */
export function isIndexablePath(path: unknown): path is string {
  return typeof path === 'string' && path.startsWith('$.') && isPropertyPath(path.slice(2));
}

/** The property indexes a query may use: their JSON paths, and `key`, the same paths as one text (equal sets, equal keys). */
export interface IndexedProperties {
  readonly paths: ReadonlySet<string>;
  readonly key: string;
}

/** The IndexedProperties of these JSON paths. */
export function indexedProperties(paths: Iterable<string>): IndexedProperties {
  const sorted = [...new Set(paths)].sort();
  return { paths: new Set(sorted), key: sorted.join(',') };
}

function checkProperty(property: unknown): string {
  if (!isPropertyPath(property)) {
    throw new EngineError(
      ErrorCode.InvalidArgument,
      `An indexed property is a property name or a path through components and object fields ("temperature", "thermostat.setpoint"); ${JSON.stringify(property)} is not.`,
      { property },
    );
  }
  return property;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Indexes on twin property values: SQLite expression indexes over the value and the JSON type at
 * a property's path in every twin's body. SQLite keeps them in step with every write, a bulk
 * import rebuilds them with the other secondary indexes, and a query that compares the property
 * with a value seeks in the index instead of reading every twin. An index changes only speed,
 * never a result: a query compiled before an index was added or dropped still answers the same.
 */
export class PropertyIndexes {
  private cached: { schema: number; indexed: IndexedProperties } | undefined;
  private readonly schemaVersion: Statement<[], number>;
  private readonly names: Statement<[{ prefix: string; length: number }], string>;

  constructor(private readonly db: Database) {
    this.schemaVersion = db.prepare<[], number>('PRAGMA schema_version').pluck();
    this.names = db
      .prepare<[{ prefix: string; length: number }], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'twins' AND substr(name, 1, @length) = @prefix ORDER BY name")
      .pluck();
  }

  /** The indexed properties, sorted by path. */
  list(): PropertyIndex[] {
    return this.names.all({ prefix, length: prefix.length }).map((name) => ({ property: name.slice(prefix.length) }));
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
    if (this.cached?.schema !== schema) this.cached = { schema, indexed: indexedProperties(this.list().map((index) => propertyJsonPath(index.property))) };
    return this.cached.indexed;
  }
}
