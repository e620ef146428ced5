/**
 * The history database's schema. History tables use ADT's data history column names so queries
 * written for Azure Data Explorer translate by name; the graph mirror uses graph.sqlite's names.
 * Mirror tables have no PRIMARY KEY on purpose: DuckDB's index checks refuse deleting and
 * re-inserting a key within one transaction, which is exactly how a batch rewrites them.
 */
/**
 * The latest value of a twin's property. Analytics narrowed to a subject redefines it as a
 * temporary macro over the table itself with the subject's filter (views have no rowid).
 */
export function twinPropertyMacro(kind: 'MACRO' | 'TEMP MACRO', source = 'property_events', filter = 'true'): string {
  return `CREATE OR REPLACE ${kind} twin_property(twin_id, property_key) AS (
    SELECT p.Value FROM ${source} p
    WHERE p.Id = twin_id AND p.Key = property_key AND p.RelationshipId IS NULL AND (${filter})
    ORDER BY p.TimeStamp DESC, p.rowid DESC LIMIT 1
  )`;
}

export const schemaStatements: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS history_position (subscriber VARCHAR NOT NULL, seq BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS telemetry (
    time TIMESTAMPTZ NOT NULL,
    source_time TIMESTAMPTZ,
    twin_id VARCHAR NOT NULL,
    component VARCHAR,
    name VARCHAR NOT NULL,
    value DOUBLE,
    value_json JSON,
    message_id VARCHAR
  )`,
  // Downsampled telemetry kept by the retention policy: one row per bucket, twin, component and name.
  `CREATE TABLE IF NOT EXISTS telemetry_rollups (
    bucket TIMESTAMPTZ NOT NULL,
    "interval" VARCHAR NOT NULL,
    twin_id VARCHAR NOT NULL,
    component VARCHAR,
    name VARCHAR NOT NULL,
    count BIGINT NOT NULL,
    min DOUBLE,
    max DOUBLE,
    avg DOUBLE,
    sum DOUBLE,
    last DOUBLE
  )`,
  `CREATE TABLE IF NOT EXISTS property_events (
    TimeStamp TIMESTAMPTZ NOT NULL,
    SourceTimeStamp TIMESTAMPTZ,
    ServiceId VARCHAR NOT NULL,
    Id VARCHAR NOT NULL,
    ModelId VARCHAR,
    Key VARCHAR NOT NULL,
    Value JSON,
    RelationshipId VARCHAR,
    RelationshipTarget VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS twin_lifecycle_events (
    TwinId VARCHAR NOT NULL,
    Action VARCHAR NOT NULL,
    TimeStamp TIMESTAMPTZ NOT NULL,
    ServiceId VARCHAR NOT NULL,
    ModelId VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS relationship_lifecycle_events (
    RelationshipId VARCHAR NOT NULL,
    Name VARCHAR NOT NULL,
    Action VARCHAR NOT NULL,
    Source VARCHAR NOT NULL,
    Target VARCHAR NOT NULL,
    TimeStamp TIMESTAMPTZ NOT NULL,
    ServiceId VARCHAR NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS twins (id VARCHAR NOT NULL, model VARCHAR, body JSON NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS relationships (source VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR, target VARCHAR, body JSON NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS models (id VARCHAR NOT NULL, ancestors VARCHAR[] NOT NULL)`,
  // Macros are persistent so that every fresh analytics connection sees them.
  twinPropertyMacro('MACRO'),
  `CREATE OR REPLACE MACRO is_of_model(model_id, ancestor_id) AS
    coalesce(list_contains((SELECT m.ancestors FROM models m WHERE m.id = model_id LIMIT 1), ancestor_id), model_id = ancestor_id)`,
];
