import type { IncomingMessage, ServerResponse } from 'node:http';
import { EngineError, ErrorCode, type EngineApi } from '../../engine';
import { maxBodyBytes } from './adt/http-io';

const devicePath = /^\/devices\/([^/]+)\/messages\/?$/;

/** True for the device endpoint's path, `/devices/{deviceId}/messages`. */
export function isDevicePath(pathname: string): boolean {
  return devicePath.test(pathname);
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new EngineError(ErrorCode.InvalidArgument, `The message is larger than ${maxBodyBytes} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `POST /devices/{deviceId}/messages[?source=name]`: one device message (a JSON object of field →
 * value) handed to a running HTTP device source, which maps it through the device's binding. A
 * body that is not JSON is handed over as text, so the source counts it as malformed.
 */
export async function handleDeviceRequest(api: EngineApi, request: IncomingMessage, response: ServerResponse, url: URL): Promise<unknown> {
  if (request.method !== 'POST') throw new EngineError(ErrorCode.InvalidArgument, 'Devices POST their messages here.');
  let deviceId: string;
  try {
    deviceId = decodeURIComponent(devicePath.exec(url.pathname)![1]!);
  } catch {
    throw new EngineError(ErrorCode.InvalidArgument, 'The device id in the path is not valid percent-encoding.');
  }
  const text = await readText(request);
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    // Left as text: the source refuses and counts it with its reason.
  }
  const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
  const source = url.searchParams.get('source') ?? undefined;
  const messageId = header('message-id');
  const sourceTime = header('telemetry-source-time');
  const receipt = await api.ingest.receive(deviceId, payload, {
    ...(source !== undefined ? { source } : {}),
    ...(messageId !== undefined ? { messageId } : {}),
    ...(sourceTime !== undefined ? { sourceTime } : {}),
  });
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(receipt));
  return receipt;
}
