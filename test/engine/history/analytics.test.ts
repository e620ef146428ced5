import { DuckDBInstance } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../src-main/engine/history';
import { storyEvents, tempStore } from './history-fixture';

describe('history analytics', () => {
  let fixture: Awaited<ReturnType<typeof tempStore>>;

  beforeEach(async () => {
    fixture = await tempStore();
    await fixture.store.handle(storyEvents());
  });
  afterEach(() => fixture.dispose());

  it('answers a SELECT with typed columns and JSON-safe values', async () => {
    const result = await fixture.store.analytics.sql(
      `SELECT Key, count(*)::BIGINT AS n, max(TimeStamp) AS last, 9007199254740993::BIGINT AS big, DATE '2026-01-02' AS day
       FROM property_events WHERE Id = 'room-1' GROUP BY Key ORDER BY Key`,
    );
    expect(result).toEqual({
      columns: [
        { name: 'Key', type: 'VARCHAR' },
        { name: 'n', type: 'BIGINT' },
        { name: 'last', type: 'TIMESTAMP WITH TIME ZONE' },
        { name: 'big', type: 'BIGINT' },
        { name: 'day', type: 'DATE' },
      ],
      rows: [
        ['area', 2, '2026-01-01T00:00:03.000Z', '9007199254740993', '2026-01-02T00:00:00.000Z'],
        ['tags', 3, '2026-01-01T00:00:06.000Z', '9007199254740993', '2026-01-02T00:00:00.000Z'],
        ['thermostat.setpoint', 2, '2026-01-01T00:00:03.000Z', '9007199254740993', '2026-01-02T00:00:00.000Z'],
      ],
      truncated: false,
    });
  });

  it('buckets time with time_bucket', async () => {
    const result = await fixture.store.analytics.sql(`SELECT time_bucket(INTERVAL '2 seconds', TimeStamp) AS bucket, count(*) FROM property_events GROUP BY ALL ORDER BY bucket`);
    expect(result.rows).toEqual([
      ['2026-01-01T00:00:00.000Z', 3],
      ['2026-01-01T00:00:02.000Z', 3],
      ['2026-01-01T00:00:04.000Z', 2],
      ['2026-01-01T00:00:06.000Z', 1],
    ]);
  });

  it.each([
    ['COPY twins TO \'/tmp/x.csv\'', 'COPY'],
    ["ATTACH '/tmp/other.duckdb' AS other", 'ATTACH'],
    ["INSERT INTO twins VALUES ('x', 'm', '{}')", 'INSERT'],
    ['CREATE TABLE t (a INT)', 'CREATE'],
    ['SET threads = 1', 'SET'],
    ['INSTALL httpfs', 'INSTALL'],
    ['LOAD httpfs', 'LOAD'],
    ['  /* hi */ (DELETE FROM twins)', 'DELETE'],
    ['UPDATE twins SET model = NULL', 'UPDATE'],
    ['PRAGMA version', 'PRAGMA'],
    ['EXPLAIN ANALYZE DELETE FROM twins', 'DELETE'],
    ['CHECKPOINT', 'CHECKPOINT'],
  ])('refuses %s', async (sql, statement) => {
    await expect(fixture.store.analytics.sql(sql)).rejects.toMatchObject({ code: 'InvalidArgument', details: { statement } });
  });

  it('refuses a second statement and file access', async () => {
    await expect(fixture.store.analytics.sql('SELECT 1; DROP TABLE twins')).rejects.toMatchObject({ code: 'InvalidArgument', message: 'Analytics runs exactly one statement; the text has 2.' });
    await expect(fixture.store.analytics.sql("SELECT * FROM read_csv('/etc/passwd')")).rejects.toMatchObject({ code: 'InvalidArgument', details: { statement: 'FILE_ACCESS' } });
    // With external access off, a path is not scanned as a file: it names a table that does not exist.
    await expect(fixture.store.analytics.sql("SELECT * FROM '/etc/passwd'")).rejects.toMatchObject({ code: 'QuerySyntax', message: expect.stringContaining('Table with name /etc/passwd does not exist') });
    expect((await fixture.store.analytics.sql('SELECT count(*) FROM twins')).rows).toEqual([[2]]);
  });

  it.each([
    ["SELECT * FROM read_parquet('/etc/passwd')"],
    ["SELECT * FROM read_json('/etc/passwd')"],
    ["SELECT * FROM glob('/etc/*')"],
    ["SELECT * FROM read_csv('https://example.com/data.csv')"],
    ["SELECT * FROM read_text('/etc/hostname')"],
  ])('refuses to reach files or the network: %s', async (sql) => {
    await expect(fixture.store.analytics.sql(sql)).rejects.toMatchObject({ code: 'InvalidArgument', details: { statement: 'FILE_ACCESS' }, message: expect.stringContaining('Analytics cannot reach files or the network') });
  });

  it('runs with external access off and the configuration locked', async () => {
    expect((await fixture.store.analytics.sql("SELECT current_setting('enable_external_access'), current_setting('lock_configuration')")).rows).toEqual([[false, true]]);
    await expect(fixture.store.analytics.sql("SELECT set_config('enable_external_access', 'true')")).rejects.toMatchObject({ code: 'QuerySyntax' });
  });

  it('stops a query that needs more memory than the limit', async () => {
    const small = await HistoryStore.open({ path: join(fixture.root, 'small.duckdb'), memoryLimit: '32MB' });
    try {
      await expect(small.analytics.sql('SELECT list(range) FROM range(50000000)')).rejects.toMatchObject({ code: 'InvalidArgument', details: { limit: 'memory' }, message: expect.stringContaining('more memory than analytics may use') });
      expect((await small.analytics.sql('SELECT 1')).rows).toEqual([[1]]);
    } finally {
      await small.close();
    }
  });

  it('reports syntax errors with DuckDB\'s message', async () => {
    await expect(fixture.store.analytics.sql('SELEC 1')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(fixture.store.analytics.sql('SELECT FROM WHERE')).rejects.toMatchObject({ code: 'QuerySyntax', message: expect.stringContaining('syntax error') });
    await expect(fixture.store.analytics.sql('SELECT nope FROM twins')).rejects.toMatchObject({ code: 'QuerySyntax', message: expect.stringContaining('nope') });
  });

  it('truncates at the row limit and stops a query at its timeout', async () => {
    const result = await fixture.store.analytics.sql('SELECT range AS n FROM range(100000)');
    expect(result.rows.length).toBe(10_000);
    expect(result.truncated).toBe(true);
    expect(result.rows.at(-1)).toEqual([9_999]);
    const small = await fixture.store.analytics.sql('SELECT range FROM range(5)', { rowLimit: 5 });
    expect(small).toMatchObject({ rows: [[0], [1], [2], [3], [4]], truncated: false });
    await expect(fixture.store.analytics.sql('SELECT count(*) FROM range(1000000000000) a', { timeoutMs: 100 })).rejects.toMatchObject({ code: 'Cancelled' });
  });

  it('exports a query to CSV and Parquet', async () => {
    const query = `SELECT Key, Value FROM property_events WHERE Id = 'room-1' AND Key = 'area' ORDER BY TimeStamp -- two rows`;
    const csv = join(fixture.root, 'area.csv');
    expect(await fixture.store.analytics.exportSql(query, csv, 'csv')).toEqual({ rows: 2 });
    expect(await readFile(csv, 'utf8')).toBe('Key,Value\narea,20\narea,25\n');
    const parquet = join(fixture.root, 'area.parquet');
    expect(await fixture.store.analytics.exportSql(query, parquet, 'parquet')).toEqual({ rows: 2 });
    await fixture.store.close();
    const reader = await DuckDBInstance.create(':memory:');
    const connection = await reader.connect();
    const back = await connection.runAndReadAll(`SELECT Key, Value::VARCHAR FROM '${parquet}'`);
    expect(back.getRowsJS()).toEqual([
      ['area', '20'],
      ['area', '25'],
    ]);
    connection.disconnectSync();
    reader.closeSync();
  });

  it('refuses to export a statement that writes', async () => {
    await expect(fixture.store.analytics.exportSql('DELETE FROM twins', join(fixture.root, 'x.csv'), 'csv')).rejects.toMatchObject({ code: 'InvalidArgument', details: { statement: 'DELETE' } });
    await expect(fixture.store.analytics.exportSql('SELECT 1', 'relative.csv', 'csv')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(fixture.store.analytics.exportSql('SELECT 1', join(fixture.root, 'missing', 'x.csv'), 'csv')).rejects.toMatchObject({ code: 'InvalidArgument', details: { path: join(fixture.root, 'missing', 'x.csv') } });
  });
});
