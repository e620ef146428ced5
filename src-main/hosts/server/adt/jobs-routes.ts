import { randomUUID } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import type { JobInfo } from '../../../engine';
import { AdtRequestError } from './adt-errors';
import { readJson, send } from './http-io';
import type { Route, RouteContext } from './routes';

/** A blob "URI" of an import job, as a file inside the workspace (no path may leave it). */
function workspaceFile(workspace: string, uri: unknown, field: string): string {
  if (typeof uri !== 'string' || uri === '') throw new AdtRequestError(400, 'BadRequest', `"${field}" is required: a file path inside the workspace.`);
  const path = resolve(workspace, uri.replace(/^file:\/\//, ''));
  const inside = relative(workspace, path);
  if (inside.startsWith('..') || isAbsolute(inside)) throw new AdtRequestError(400, 'BadRequest', `"${field}" must name a file inside the workspace folder.`);
  return path;
}

/** A job in ADT's ImportJob shape. */
function adtJob(job: JobInfo, workspace: string) {
  return {
    id: job.id,
    inputBlobUri: job.inputPath ? relative(workspace, job.inputPath) : null,
    outputBlobUri: relative(workspace, job.outputPath),
    status: job.status,
    createdDateTime: job.createdDateTime,
    lastActionDateTime: job.lastActionDateTime,
    finishedDateTime: job.finishedDateTime ?? null,
    purgeDateTime: null,
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
  };
}

/** A job in ADT's DeleteJob shape. */
function adtDeleteJob(job: JobInfo) {
  return {
    id: job.id,
    status: job.status,
    createdDateTime: job.createdDateTime,
    finishedDateTime: job.finishedDateTime ?? null,
    purgeDateTime: null,
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
  };
}

const workspaceOf = async ({ api }: RouteContext) => (await api.workspace.info()).path;
const route = (method: string, pattern: RegExp, handle: Route['handle']): Route => ({ method, pattern, handle });

/** ADT's Import Jobs and Delete Jobs APIs over the engine's jobs; files are paths inside the workspace. */
export const jobRoutes: readonly Route[] = [
  route('POST', /^\/jobs\/deletions$/, async (context) => {
    const requested = context.request.headers['operation-id'];
    const id = typeof requested === 'string' && requested !== '' ? requested : `delete-${randomUUID()}`;
    const job = await context.api.jobs.startDelete(id);
    const location = new URL(`/jobs/deletions/${encodeURIComponent(job.id)}`, `http://${context.request.headers.host ?? 'localhost'}`);
    location.searchParams.set('api-version', context.url.searchParams.get('api-version')!);
    send(context.response, 202, adtDeleteJob(job), { 'operation-id': job.id, 'operation-location': `${location.pathname}${location.search}` });
  }),
  route('GET', /^\/jobs\/deletions$/, async (context) => {
    const jobs = (await context.api.jobs.list()).filter((job) => job.type === 'delete');
    send(context.response, 200, { value: jobs.map(adtDeleteJob), nextLink: null });
  }),
  route('GET', /^\/jobs\/deletions\/(?<id>[^/]+)$/, async (context) => {
    const job = await context.api.jobs.get(context.params.id!);
    if (job.type !== 'delete') throw new AdtRequestError(404, 'DeleteJobNotFound', `There is no delete job ${context.params.id}.`);
    send(context.response, 200, adtDeleteJob(job));
  }),
  route('GET', /^\/jobs\/imports$/, async (context) => {
    const workspace = await workspaceOf(context);
    const jobs = (await context.api.jobs.list()).filter((job) => job.type === 'import');
    send(context.response, 200, { value: jobs.map((job) => adtJob(job, workspace)), nextLink: null });
  }),
  route('PUT', /^\/jobs\/imports\/(?<id>[^/]+)$/, async (context) => {
    const workspace = await workspaceOf(context);
    const body = (await readJson(context.request)) as { inputBlobUri?: unknown; outputBlobUri?: unknown };
    const job = await context.api.jobs.startImport(context.params.id!, {
      inputPath: workspaceFile(workspace, body?.inputBlobUri, 'inputBlobUri'),
      outputPath: workspaceFile(workspace, body?.outputBlobUri, 'outputBlobUri'),
      format: 'jobs',
    });
    send(context.response, 201, adtJob(job, workspace));
  }),
  route('GET', /^\/jobs\/imports\/(?<id>[^/]+)$/, async (context) => {
    send(context.response, 200, adtJob(await context.api.jobs.get(context.params.id!), await workspaceOf(context)));
  }),
  route('POST', /^\/jobs\/imports\/(?<id>[^/]+)\/cancel$/, async (context) => {
    send(context.response, 200, adtJob(await context.api.jobs.cancel(context.params.id!), await workspaceOf(context)));
  }),
  route('DELETE', /^\/jobs\/imports\/(?<id>[^/]+)$/, async (context) => {
    await context.api.jobs.delete(context.params.id!);
    send(context.response, 204);
  }),
];
