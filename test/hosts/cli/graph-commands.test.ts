import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

const models = resolve(import.meta.dirname, '../../fixtures/models/graph');
let root: string;
let ws: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-cli-graph-'));
  ws = ['-w', join(root, 'ws')];
  await cli([...ws, 'models', 'add', models]);
  await cli([...ws, 'twin', 'put', 'floor-1', '{"$metadata":{"$model":"dtmi:test:campus:Floor;1"},"name":"Ground","level":0}']);
  await writeFile(join(root, 'room.json'), JSON.stringify({ $metadata: { $model: 'dtmi:test:campus:Room;1' }, name: 'Lab, "big"', area: 42, thermostat: { $metadata: {} } }));
  await cli([...ws, 'twin', 'put', 'room-1', `@${join(root, 'room.json')}`]);
  await cli([...ws, 'rel', 'put', 'floor-1', 'c1', '--name', 'contains', '--target', 'room-1']);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('twinbench twin, rel, query and explain', () => {
  it('prints a twin as JSON', async () => {
    const run = await cli([...ws, 'twin', 'get', 'room-1']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ $dtId: 'room-1', name: 'Lab, "big"', area: 42, $metadata: { $model: 'dtmi:test:campus:Room;1' } });
  });

  it('patches a twin and refuses a stale ETag with exit 4', async () => {
    expect((await cli([...ws, 'twin', 'patch', 'room-1', '[{"op":"replace","path":"/area","value":43}]'])).stdout).toMatch(/^Patched twin room-1 \(W\/"[0-9a-f-]+"\)\.\n$/);
    expect((await cli([...ws, 'twin', 'patch', 'room-1', '[{"op":"add","path":"/mode","value":"eco"}]', '--component', 'thermostat'])).code).toBe(0);
    expect((await cli([...ws, 'twin', 'patch', 'room-1', '[]', '--if-match', 'W/"old"'])).code).toBe(4);
    expect(JSON.parse((await cli([...ws, 'twin', 'get', 'room-1'])).stdout)).toMatchObject({ area: 43, thermostat: { mode: 'eco' } });
  });

  it('reports bad input with exit 1 and a missing twin with exit 3', async () => {
    expect(await cli([...ws, 'twin', 'put', 'x', '{oops'])).toMatchObject({ code: 1, stderr: expect.stringContaining('twinbench: The twin is not valid JSON:') as unknown as string });
    expect(await cli([...ws, 'twin', 'put', 'x', '{"$metadata":{"$model":"dtmi:test:campus:Room;1"},"area":"wide","thermostat":{"$metadata":{}}}'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'twinbench: Twin x: /area must be double; got "wide".\n',
    });
    expect((await cli([...ws, 'twin', 'get', 'ghost'])).code).toBe(3);
    expect((await cli([...ws, 'twin', 'delete', 'room-1'])).code).toBe(4);
  });

  it('lists relationships both ways', async () => {
    expect((await cli([...ws, 'rel', 'list', 'floor-1'])).stdout).toBe('SOURCE   NAME      TARGET  ID\nfloor-1  contains  room-1  c1\n');
    expect((await cli([...ws, 'rel', 'list', 'room-1', '--incoming'])).stdout).toBe('SOURCE   NAME      TARGET  ID\nfloor-1  contains          c1\n');
  });

  it('runs a query as a table, JSON, NDJSON and CSV', async () => {
    const text = "SELECT R.name, R.area FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'floor-1'";
    expect((await cli([...ws, 'query', text])).stdout).toBe('name        area\nLab, "big"  42\n');
    expect(JSON.parse((await cli([...ws, 'query', text, '--format', 'json'])).stdout)).toEqual([{ name: 'Lab, "big"', area: 42 }]);
    expect((await cli([...ws, 'query', text, '--format', 'ndjson'])).stdout).toBe('{"name":"Lab, \\"big\\"","area":42}\n');
    expect((await cli([...ws, 'query', text, '--format', 'csv'])).stdout).toBe('name,area\r\n"Lab, ""big""",42\r\n');
  });

  it('writes rows to a file with --out', async () => {
    const out = join(root, 'rows.csv');
    const run = await cli([...ws, 'query', 'SELECT COUNT() FROM DIGITALTWINS', '--format', 'csv', '--out', out]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: `Wrote 1 row to ${out}.\n` });
    expect(await readFile(out, 'utf8')).toBe('COUNT\r\n2\r\n');
  });

  it('exports rows to Parquet, refusing Parquet on the terminal', async () => {
    const out = join(root, 'rows.parquet');
    expect(await cli([...ws, 'query', 'SELECT T.$dtId, T.area FROM DIGITALTWINS T WHERE IS_DEFINED(T.area)', '--format', 'parquet', '--out', out])).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote 1 row to ${out}.\n`,
    });
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(`SELECT * FROM '${out}'`)).getRowObjects();
    connection.closeSync();
    instance.closeSync();
    expect(rows).toEqual([{ $dtId: 'room-1', area: 42n }]); // DuckDB infers integers as BIGINT
    expect(await cli([...ws, 'query', 'SELECT * FROM DIGITALTWINS', '--format', 'parquet'])).toMatchObject({ code: 1, stderr: 'twinbench: Parquet is a file format: give --out <file>.\n' });
  });

  it('explains a query and exits 1 on a syntax error with its position', async () => {
    const plan = await cli([...ws, 'explain', 'SELECT * FROM DIGITALTWINS WHERE area > 10']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('SELECT');
    expect(plan.stdout).toContain('Parameters: {');
    const bad = await cli([...ws, 'query', 'SELECT * FROM DIGITALTWINS WHERE', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'QuerySyntax', details: { line: 1 } } });
  });

  it('lists, adds and removes property indexes, refusing a bad property path', async () => {
    expect(await cli([...ws, 'index'])).toMatchObject({ code: 0, stdout: 'No property is indexed.\n' });
    expect((await cli([...ws, 'index', 'add', 'area'])).stdout).toMatch(/^Indexed area in \d+\.\d s\.\n$/);
    expect(await cli([...ws, 'index', 'add', 'area'])).toMatchObject({ code: 0, stdout: 'area was already indexed.\n' });
    expect(JSON.parse((await cli([...ws, '--json', 'index', 'list'])).stdout)).toEqual([{ property: 'area' }]);
    expect((await cli([...ws, 'explain', 'SELECT * FROM DIGITALTWINS T WHERE T.area > 10'])).stdout).toContain('property indexes the filter may seek in: area');
    expect((await cli([...ws, 'index', 'add', 'area-2'])).code).toBe(1);
    expect(await cli([...ws, 'index', 'remove', 'area'])).toMatchObject({ code: 0, stdout: 'Dropped the index of area.\n' });
    expect(await cli([...ws, 'index', 'remove', 'area'])).toMatchObject({ code: 0, stdout: 'area is not indexed.\n' });
  });

  it('creates a sample world, refusing an unknown one', async () => {
    const run = await cli([...ws, 'sample', 'grid']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created the grid: 13 models, 114 twins and 123 relationships in \d+\.\d s\.\n$/);
    expect(await cli([...ws, 'sample', 'moon'])).toMatchObject({ code: 1, stderr: 'twinbench: There is no sample world "moon"; choose one of campus, factory, grid.\n' });
    expect((await cli([...ws, 'sample', 'grid', '--scale', '0'])).code).toBe(2);
  });

  it('manages endpoints and routes, and a routed event reaches its file', async () => {
    expect((await cli([...ws, 'endpoint', 'add', 'log', '--file', 'events.ndjson'])).stdout).toBe('Saved endpoint log.\n');
    expect((await cli([...ws, 'route', 'add', 'patches', '--endpoint', 'log', '--filter', "type = 'Microsoft.DigitalTwins.Twin.Update'"])).stdout).toBe('Saved route patches.\n');
    expect((await cli([...ws, 'route', 'list'])).stdout).toBe("ID       ENDPOINT  FILTER\npatches  log       type = 'Microsoft.DigitalTwins.Twin.Update'\n");
    await cli([...ws, 'twin', 'patch', 'room-1', '[{"op":"replace","path":"/area","value":50}]']);
    const lines = (await readFile(join(root, 'ws', 'events.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { subject: string; data: unknown });
    expect(lines).toMatchObject([{ subject: 'room-1', data: { patch: [{ op: 'replace', path: '/area', value: 50 }] } }]);
    expect((await cli([...ws, 'endpoint', 'add', 'x'])).code).toBe(1);
    expect((await cli([...ws, 'endpoint', 'delete', 'log'])).code).toBe(4);
  });

  it('publishes telemetry and answers analytic SQL over the history', async () => {
    expect((await cli([...ws, 'telemetry', 'publish', 'room-1', '{"temperature": 23.5, "lux": 300}'])).stdout).toBe('Stored 2 values; not declared as telemetry by the model: lux.\n');
    expect((await cli([...ws, 'sql', "SELECT name, value FROM telemetry ORDER BY name"])).stdout).toBe('name         value\nlux          300\ntemperature  23.5\n');
    expect(JSON.parse((await cli([...ws, 'sql', "SELECT count(*) AS n FROM twin_lifecycle_events WHERE Action = 'Create'", '--json'])).stdout)).toEqual([{ n: 2 }]);
    expect((await cli([...ws, 'sql', 'DROP TABLE telemetry'])).code).toBe(1);
  });

  it('manages rules that turn telemetry into properties', async () => {
    expect((await cli([...ws, 'rule', 'add', 'lab-temp', '--from-model', 'dtmi:test:campus:Room;1', '--telemetry', 'temperature', '--property', 'area'])).stdout).toBe('Saved rule lab-temp.\n');
    expect((await cli([...ws, 'rule', 'list'])).stdout).toBe('ID        KIND       MODEL                    RULE\nlab-temp  telemetry  dtmi:test:campus:Room;1  area ← temperature\n');
    expect((await cli([...ws, 'rule', 'delete', 'lab-temp'])).stdout).toBe('Deleted rule lab-temp.\n');
    expect((await cli([...ws, 'rule', 'delete', 'lab-temp'])).code).toBe(3);
  });

  it('defines derive and roll-up rules, refuses a bad expression with its place, and traces what the rules wrote', async () => {
    expect((await cli([...ws, 'rule', 'add', 'lab-temp', '--from-model', 'dtmi:test:campus:Room;1', '--telemetry', 'temperature', '--property', 'area'])).code).toBe(0);
    expect((await cli([...ws, 'rule', 'derive', 'bad', '--model', 'dtmi:test:campus:Room;1', '--property', 'area', '--expression', 'area * (2'])).stderr).toBe(
      'twinbench: Rule bad: expression: Expected ")" to close the "(" opened at column 8 but found the end of the expression (line 1, column 10)\n',
    );
    expect((await cli([...ws, 'rule', 'rollup', 'floor-area', '--model', 'dtmi:test:campus:Floor;1', '--property', 'area', '--path', 'contains', '--function', 'sum', '--source', 'area'])).stdout).toBe('Saved rule floor-area.\n');
    expect((await cli([...ws, 'telemetry', 'publish', 'room-1', '{"temperature": 30}'])).code).toBe(0);
    expect((await cli([...ws, 'twin', 'get', 'floor-1', '--json'])).stdout).toContain('"area": 30');
    const trace = JSON.parse((await cli([...ws, 'rule', 'trace', 'floor-1', 'area', '--json'])).stdout) as { ruleId: string; value: number; cause: unknown; depth: number }[];
    expect(trace.map(({ ruleId, value, cause, depth }) => ({ ruleId, value, cause, depth }))).toEqual([{ ruleId: 'floor-area', value: 30, cause: { kind: 'telemetry', twinId: 'room-1', names: ['temperature'] }, depth: 2 }]);
    expect((await cli([...ws, 'rule', 'status'])).stdout).toMatch(/^2 rules; 0 updates applied, 0 refused, 0 evaluations failed, 0 stopped by the depth guard\./);
  });
});
