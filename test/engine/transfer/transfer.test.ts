import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, ErrorCode, type Engine, type ImportJobRequest, type JobInfo } from '../../../src-main/engine';
import { corpusAvailable, corpusDir } from '../models/corpus';

let root: string;
let engine: Engine;
let jobNumber = 0;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twinbench-transfer-'));
  engine = await createEngine({ workspace: join(root, 'ws') });
});
afterEach(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

async function importFile(request: ImportJobRequest): Promise<JobInfo> {
  const started = await engine.jobs.startImport(`job-${++jobNumber}`, request);
  return engine.jobs.wait(started.id);
}

async function graphSnapshot(target: Engine) {
  const twins = ((await target.query.run('SELECT * FROM DIGITALTWINS')).items as Record<string, unknown>[])
    .map(({ $etag: _etag, $metadata, ...twin }) => ({ ...twin, $model: ($metadata as { $model: string }).$model }))
    .map((twin) => JSON.parse(JSON.stringify(twin, (key, value: unknown) => (key === '$metadata' ? undefined : value))) as Record<string, unknown>)
    .sort((a, b) => String(a.$dtId).localeCompare(String(b.$dtId)));
  const relationships = ((await target.query.run('SELECT * FROM RELATIONSHIPS')).items as Record<string, unknown>[])
    .map(({ $etag: _etag, ...relationship }) => relationship)
    .sort((a, b) => `${String(a.$sourceId)}/${String(a.$relationshipId)}`.localeCompare(`${String(b.$sourceId)}/${String(b.$relationshipId)}`));
  const models = (await target.models.list()).map((model) => model.id);
  return { models, twins, relationships };
}

const ndjson = (...lines: unknown[]) => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
const model = { '@id': 'dtmi:t:Thing;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', contents: [{ '@type': 'Property', name: 'n', schema: 'integer' }, { '@type': 'Relationship', name: 'next', target: 'dtmi:t:Thing;1' }] };
const header = [{ Section: 'Header' }, { fileVersion: '1.0.0', author: 'tests', organization: 'Twinbench' }];

describe('importing files made for the tests', () => {
  it('imports a job file and writes a log in ADT shape', async () => {
    const file = join(root, 'graph.ndjson');
    await writeFile(file, ndjson(...header, { Section: 'Models' }, model, { Section: 'Twins' }, { $dtId: 'a', $metadata: { $model: 'dtmi:t:Thing;1' }, n: 1 }, { $dtId: 'b', $metadata: { $model: 'dtmi:t:Thing;1' } }, { Section: 'Relationships' }, { $relationshipId: 'r1', $dtId: 'a', $targetId: 'b', $relationshipName: 'next' }));
    const job = await importFile({ inputPath: file });
    expect(job).toMatchObject({ status: 'succeeded', format: 'jobs', progress: { models: 1, twins: 2, relationships: 1, rejected: 0 } });
    expect((await engine.relationships.list('a')).map((relationship) => relationship.$targetId)).toEqual(['b']);
    const log = (await readFile(job.outputPath, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { jobId: string; jobType: string; logType: string; details: unknown });
    expect(log.map((line) => line.details)).toEqual([
      { section: 'Models', status: 'Started' },
      { section: 'Models', status: 'Succeeded' },
      { section: 'Twins', status: 'Started' },
      { section: 'Twins', status: 'Succeeded' },
      { section: 'Relationships', status: 'Started' },
      { section: 'Relationships', status: 'Succeeded' },
      { status: 'Succeeded' },
    ]);
    expect(log[0]).toMatchObject({ jobId: 'job-1', jobType: 'Import', logType: 'Info' });
  });

  it('imports nothing, models included, when one line is truncated; best effort applies the rest and logs the line', async () => {
    const file = join(root, 'broken.ndjson');
    await writeFile(file, ndjson(...header, { Section: 'Models' }, model, { Section: 'Twins' }, { $dtId: 'a', $metadata: { $model: 'dtmi:t:Thing;1' } }, '{"$dtId":"b","$meta'));
    const failed = await importFile({ inputPath: file });
    expect(failed).toMatchObject({ status: 'failed', error: { code: ErrorCode.InvalidArgument } });
    expect(failed.error!.message).toBe(
      '1 record was refused, so nothing was imported; the first, Twins line 7: Line 7 is not valid JSON (Unterminated string in JSON at position 19); it may be truncated. Fix them, or import with best effort to apply the rest.',
    );
    expect(await engine.twins.count()).toBe(0);
    expect(await engine.models.list()).toEqual([]);

    const partial = await importFile({ inputPath: file, bestEffort: true });
    expect(partial).toMatchObject({ status: 'succeeded', progress: { models: 1, twins: 1, rejected: 1 } });
    const errors = (await readFile(partial.outputPath, 'utf8')).split('\n').filter((line) => line.includes('"Error"'));
    expect(errors.map((line) => (JSON.parse(line) as { details: unknown }).details)).toEqual([
      { section: 'Twins', line: 7, code: 'InvalidArgument', message: 'Line 7 is not valid JSON (Unterminated string in JSON at position 19); it may be truncated.' },
    ]);
  });

  it('reads a best-effort log back, its refusals located, and cuts it at the limit', async () => {
    const file = join(root, 'log.ndjson');
    await writeFile(file, ndjson(...header, { Section: 'Models' }, model, { Section: 'Twins' }, { $dtId: 'a', $metadata: { $model: 'dtmi:t:Thing;1' }, n: 'x' }, { $dtId: 'b', $metadata: { $model: 'dtmi:t:Missing;1' } }, { $dtId: 'c', $metadata: { $model: 'dtmi:t:Thing;1' } }));
    const job = await importFile({ inputPath: file, bestEffort: true });
    expect(job.progress).toMatchObject({ twins: 1, rejected: 2 });
    const log = await engine.jobs.log(job.id);
    expect(log.omitted).toBe(0);
    const refusals = log.entries.filter((entry) => entry.logType === 'Error').map((entry) => ({ line: entry.details.line, id: entry.details.id, code: entry.details.code }));
    expect(refusals).toEqual([
      { line: 6, id: 'a', code: ErrorCode.InvalidArgument },
      { line: 7, id: 'b', code: ErrorCode.ModelNotFound },
    ]);
    expect(log.entries.at(-1)!.details).toEqual({ status: 'Succeeded' });
    const cut = await engine.jobs.log(job.id, { limit: 2 });
    expect(cut).toEqual({ entries: log.entries.slice(0, 2), omitted: log.entries.length - 2 });
    const exported = await engine.jobs.wait((await engine.jobs.startExport('out', { outputPath: join(root, 'out.json') })).id);
    await expect(engine.jobs.log(exported.id)).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('fails a row export to a folder that does not exist instead of reporting rows written', async () => {
    for (const format of ['ndjson', 'csv'] as const) {
      const path = join(root, 'missing', `rows.${format}`);
      await expect(engine.query.export('SELECT * FROM DIGITALTWINS', { path, format })).rejects.toMatchObject({
        code: ErrorCode.InvalidArgument,
        message: `Cannot write ${path}: its folder does not exist. Choose a file in a folder that exists and that the engine may write.`,
      });
    }
  });

  it('stops a named row export on cancel, leaving no file, and reports rows read meanwhile', async () => {
    const twins = Array.from({ length: 2500 }, (_, n) => ({ $dtId: `t${n}`, $metadata: { $model: 'dtmi:t:Thing;1' }, n }));
    const file = join(root, 'many.ndjson');
    await writeFile(file, ndjson(...header, { Section: 'Models' }, model, { Section: 'Twins' }, ...twins));
    expect((await importFile({ inputPath: file })).status).toBe('succeeded');
    const progress: unknown[] = [];
    const subscription = engine.analytics.onDidProgress((event) => {
      if (event.taskId !== 'rows') return;
      progress.push(event);
      void engine.query.cancel('rows');
    });
    for (const format of ['ndjson', 'csv'] as const) {
      progress.length = 0;
      const path = join(root, `rows.${format}`);
      await expect(engine.query.export('SELECT * FROM DIGITALTWINS', { path, format, taskId: 'rows' })).rejects.toMatchObject({ code: ErrorCode.Cancelled, message: 'Task rows was cancelled; nothing was written.' });
      expect(progress).toEqual([{ taskId: 'rows', kind: 'export', phase: 'reading', done: 1000, total: null, unit: 'rows' }]);
      await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
    }
    subscription.dispose();
    expect(await engine.query.cancel('rows')).toBe(false);
    const whole = await engine.query.export('SELECT * FROM DIGITALTWINS', { path: join(root, 'all.ndjson'), format: 'ndjson', taskId: 'rows' });
    expect(whole.rows).toBe(2500);
  });

  it('refuses duplicate twin ids in one file, naming the first line', async () => {
    const file = join(root, 'dupes.ndjson');
    const twin = { $dtId: 'a', $metadata: { $model: 'dtmi:t:Thing;1' } };
    await writeFile(file, ndjson(...header, { Section: 'Models' }, model, { Section: 'Twins' }, twin, twin));
    const job = await importFile({ inputPath: file, bestEffort: true });
    expect(job.progress).toMatchObject({ twins: 1, rejected: 1 });
    expect(await readFile(job.outputPath, 'utf8')).toContain('"message":"Twin a appears more than once in the file (first at line 6)."');
  });

  it('fails a file whose sections are out of order, saying where', async () => {
    const file = join(root, 'order.ndjson');
    await writeFile(file, ndjson(...header, { Section: 'Twins' }, { Section: 'Models' }));
    expect((await importFile({ inputPath: file })).error).toEqual({
      code: ErrorCode.InvalidArgument,
      message: `${file}:4: section Models comes after Twins; the order is Header, Models, Twins, Relationships, each at most once.`,
      details: { path: file, line: 4 },
    });
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const file = join(root, 'fake.xlsx');
    await writeFile(file, 'not a zip');
    expect((await importFile({ inputPath: file })).error?.message).toBe(`${file} cannot be imported: it is not an .xlsx workbook (no ZIP end-of-directory record).`);
  });

  it('imports twins and relationships from CSV, converting cells by the model', async () => {
    await engine.models.add([{ name: 'thing.json', text: JSON.stringify(model) }]);
    const twins = join(root, 'twins.csv');
    await writeFile(twins, '$dtId,$model,n\r\na,dtmi:t:Thing;1,7\r\n"b,2",dtmi:t:Thing;1,\r\n');
    const relationships = join(root, 'relationships.csv');
    await writeFile(relationships, '$sourceId,$relationshipId,$relationshipName,$targetId\na,r1,next,"b,2"\n');
    expect((await importFile({ inputPath: twins })).progress).toMatchObject({ twins: 2, rejected: 0 });
    expect((await importFile({ inputPath: relationships })).progress).toMatchObject({ relationships: 1, rejected: 0 });
    expect(await engine.twins.get('a')).toMatchObject({ n: 7 });
    expect((await engine.relationships.get('a', 'r1')).$targetId).toBe('b,2');
  });

  it('runs one bulk job at a time and refuses a job id twice', async () => {
    const file = join(root, 'small.ndjson');
    await writeFile(file, ndjson(...header));
    await engine.jobs.startImport('one', { inputPath: file });
    await expect(engine.jobs.startImport('two', { inputPath: file })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await engine.jobs.wait('one');
    await expect(engine.jobs.startImport('one', { inputPath: file })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await expect(engine.jobs.startImport('bad id!', { inputPath: file })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(engine.jobs.startImport('three', { inputPath: join(root, 'missing.ndjson') })).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('rolls a cancelled import back', async () => {
    const file = join(root, 'many.ndjson');
    const twins = Array.from({ length: 20_000 }, (_, i) => ({ $dtId: `t${i}`, $metadata: { $model: 'dtmi:t:Thing;1' }, n: i }));
    await writeFile(file, ndjson(...header, { Section: 'Models' }, model, { Section: 'Twins' }, ...twins));
    const started = await engine.jobs.startImport('big', { inputPath: file });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await engine.jobs.cancel(started.id);
    const job = await engine.jobs.wait(started.id);
    expect(job.status).toBe('cancelled');
    expect(await engine.twins.count()).toBe(0);
    expect(await engine.models.list()).toEqual([]);
  });
});

describe.runIf(corpusAvailable)('importing and exporting the corpus formats', () => {
  const formats = join(corpusDir, 'adt-formats');

  it('imports the ADT import-job sample', async () => {
    const job = await importFile({ inputPath: join(formats, 'azure-digital-twins-getting-started/models/energy-grid-example/distributionGridBulkImport.json') });
    expect(job).toMatchObject({ status: 'succeeded', format: 'jobs', progress: { models: 13, twins: 49, relationships: 50, rejected: 0 } });
  });

  it('imports the ADT Explorer JSON sample', async () => {
    const job = await importFile({ inputPath: join(formats, 'azure-digital-twins-getting-started/models/basic-home-example/import.json') });
    expect(job).toMatchObject({ status: 'succeeded', format: 'explorer', progress: { models: 4, twins: 12, relationships: 11, rejected: 0 } });
  });

  it.each([
    ['buildingScenario', 5, 4],
    ['distributionGrid', 49, 50],
    ['nationalGrid', 13, 12],
  ])('imports the Explorer Excel sample %s', async (name, twins, relationships) => {
    const examples = join(corpusDir, 'adt-samples/digital-twins-explorer/client/examples');
    const { readdir } = await import('node:fs/promises');
    const sources = await Promise.all((await readdir(examples)).map(async (file) => ({ name: file, text: await readFile(join(examples, file), 'utf8') })));
    await engine.models.add(sources);
    const job = await importFile({ inputPath: join(formats, `digital-twins-explorer/client/examples/${name}.xlsx`) });
    expect(job).toMatchObject({ status: 'succeeded', format: 'xlsx', progress: { twins, relationships, rejected: 0 } });
  });

  it.each(['jobs', 'explorer'] as const)('exports as %s and re-imports to an identical graph', async (format) => {
    await importFile({ inputPath: join(formats, 'azure-digital-twins-getting-started/models/energy-grid-example/distributionGridBulkImport.json') });
    const file = join(root, `export.${format === 'jobs' ? 'ndjson' : 'json'}`);
    const exported = await engine.jobs.wait((await engine.jobs.startExport('export', { outputPath: file, format })).id);
    expect(exported).toMatchObject({ status: 'succeeded', progress: { models: 13, twins: 49, relationships: 50 } });
    const copy = await createEngine({ workspace: join(root, 'copy') });
    try {
      const reimported = await copy.jobs.wait((await copy.jobs.startImport('again', { inputPath: file })).id);
      expect(reimported.status).toBe('succeeded');
      expect(await graphSnapshot(copy)).toEqual(await graphSnapshot(engine));
    } finally {
      await copy.close();
    }
  });
});

describe('sample worlds', () => {
  it('creates the sample campus as a job, all of it valid, with its 3D scene', async () => {
    const withResources = await createEngine({ workspace: join(root, 'sample'), resourcesDir: resolve(import.meta.dirname, '../../../resources') });
    try {
      const job = await withResources.jobs.wait((await withResources.jobs.startSample('campus', { world: 'campus' })).id);
      expect(job).toMatchObject({ status: 'succeeded', type: 'sample', format: 'campus', progress: { models: 18, twins: 970, relationships: 1254, rejected: 0, totalEntities: 2224 } });
      expect(await withResources.twins.count()).toBe(970);
      expect(await withResources.spatial.list()).toMatchObject([{ id: 'campus', name: 'Sample campus', source: 'twins', levels: 6, spaces: 167, problems: [] }]);
      await expect(withResources.jobs.startSample('again', { world: 'moon' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    } finally {
      await withResources.close();
    }
  });

  it('explains that an engine without resources has no samples', async () => {
    await expect(engine.jobs.startSample('campus', { world: 'campus' })).rejects.toMatchObject({ code: ErrorCode.Unavailable });
  });
});
