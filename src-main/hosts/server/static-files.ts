import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The policy the renderer runs under in a browser; the same as the meta tag in index.html,
 * sent as a header so it also covers what a meta tag cannot (frame-ancestors).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The file under `root` that `urlPath` names, or null when it would escape `root`. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep) ? candidate : null;
}

async function fileAt(path: string | null): Promise<string | null> {
  if (path === null) return null;
  const info = await stat(path).catch(() => null);
  if (info?.isFile()) return path;
  if (info?.isDirectory()) return fileAt(join(path, 'index.html'));
  return null;
}

/**
 * Serves the built renderer: files by path, and index.html for any other GET so the
 * app's own routes survive a reload. Hashed assets are cached for good; the page never is.
 */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  const found = (await fileAt(resolveStaticPath(root, pathname))) ?? (extname(pathname) === '' ? await fileAt(join(root, 'index.html')) : null);
  if (found === null) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
    return;
  }
  const isPage = found.endsWith('.html');
  response.writeHead(200, {
    'content-type': contentTypes[extname(found)] ?? 'application/octet-stream',
    'cache-control': isPage ? 'no-cache' : pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(isPage ? { 'content-security-policy': contentSecurityPolicy } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(found)
    .on('error', () => response.destroy())
    .pipe(response);
}
