import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EngineError, ErrorCode, type EngineApi } from '../../engine';

const uploadPrefix = '/files/imports/';

/** Largest file a browser may upload by default: 1 GiB. */
export const defaultMaxUploadBytes = 1024 * 1024 * 1024;

/** True for the upload path, `/files/imports/{name}`. */
export function isUploadPath(pathname: string): boolean {
  return pathname.startsWith(uploadPrefix);
}

/** A plain file name: no folders, no parent steps, no hidden files, no control characters. */
function fileNameOf(pathname: string): string {
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(uploadPrefix.length));
  } catch {
    throw new EngineError(ErrorCode.InvalidArgument, 'The file name in the path is not valid percent-encoding.');
  }
  // eslint-disable-next-line no-control-regex
  if (name === '' || name.length > 200 || /[/\\:\u0000-\u001f]/.test(name) || name.startsWith('.') || name.trim() !== name) {
    throw new EngineError(ErrorCode.InvalidArgument, `${JSON.stringify(name)} is not a plain file name: 1 to 200 characters, no folders, not starting with a dot.`, { name });
  }
  return name;
}

/** `name`, or `name (2).ext`, `name (3).ext`… whichever does not exist yet in `folder`. */
async function freeName(folder: string, name: string): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${extension}`;
    const taken = await stat(join(folder, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}

/** Counts bytes through the stream and stops it past the limit. */
function sizeLimit(maxBytes: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) done(new EngineError(ErrorCode.InvalidArgument, `The file is larger than ${maxBytes.toLocaleString('en')} bytes, the most this server accepts.`, { maxBytes }));
      else done(null, chunk);
    },
  });
}

/**
 * `PUT /files/imports/{name}`: a browser's file, written into the workspace's `imports` folder
 * (never over an existing file: a taken name gets a number), so that imports can read it by
 * path. Admins only, as imports are; answers `{ path, name, bytes }`.
 */
export async function handleUploadRequest(api: EngineApi, request: IncomingMessage, response: ServerResponse, url: URL, maxBytes: number): Promise<void> {
  if (request.method !== 'PUT') throw new EngineError(ErrorCode.InvalidArgument, 'Files are uploaded with PUT /files/imports/{name}.');
  const name = fileNameOf(url.pathname);
  const me = await api.access.whoami();
  if (!me.owner && !me.permissions.includes('admin')) throw new EngineError(ErrorCode.Forbidden, `${me.subject} may not upload files: that needs the "admin" permission on the workspace, as imports do.`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    throw new EngineError(ErrorCode.InvalidArgument, `The file is larger than ${maxBytes.toLocaleString('en')} bytes, the most this server accepts.`, { maxBytes });
  }
  const folder = join((await api.workspace.info()).path, 'imports');
  await mkdir(folder, { recursive: true });
  // Written under a temporary name first, so a broken upload never leaves a half file to import.
  const partial = join(folder, `.upload-${randomBytes(6).toString('hex')}`);
  try {
    await pipeline(request, sizeLimit(maxBytes), createWriteStream(partial, { flags: 'wx' }));
    const finalName = await freeName(folder, name);
    const path = join(folder, finalName);
    await rename(partial, path);
    const { size } = await stat(path);
    const body = JSON.stringify({ path, name: finalName, bytes: size });
    response.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
