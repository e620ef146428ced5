import { EngineError, ErrorCode, type ErrorPayload } from '../../src-shared/contract';
import { presentedServerToken } from './connect';

/** Where the server put an uploaded file. */
export interface UploadedFile {
  /** Absolute path on the engine's machine, in the workspace's imports folder. */
  readonly path: string;
  /** The name it got (a taken name gets a number). */
  readonly name: string;
  readonly bytes: number;
}

export interface Upload {
  readonly done: Promise<UploadedFile>;
  abort(): void;
}

/**
 * Sends a file to the server host (`PUT /files/imports/{name}`), reporting bytes sent; the
 * engine then reads it by path. XMLHttpRequest rather than fetch: it reports upload progress.
 */
export function uploadFile(file: File, onProgress: (sent: number, total: number) => void): Upload {
  const request = new XMLHttpRequest();
  const done = new Promise<UploadedFile>((resolve, reject) => {
    request.open('PUT', `/files/imports/${encodeURIComponent(file.name)}`);
    const token = presentedServerToken();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: described by the status below.
      }
      if (request.status === 201) return resolve(body as UploadedFile);
      const error = (body as { error?: ErrorPayload } | null)?.error;
      reject(new EngineError(error?.code ?? ErrorCode.Unavailable, error?.message ?? `The server refused the upload (HTTP ${request.status}).`));
    };
    request.onerror = () => reject(new EngineError(ErrorCode.Unavailable, 'The upload failed: the server could not be reached.'));
    request.onabort = () => reject(new EngineError(ErrorCode.Cancelled, 'The upload was cancelled.'));
    request.send(file);
  });
  return { done, abort: () => request.abort() };
}
