import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createProxy } from '../../../src-shared/rpc';
import { ReconnectingWebSocketChannel } from '../../../src-renderer/transport/websocket-channel';

Object.assign(globalThis, { WebSocket });

const bin = resolve(import.meta.dirname, '../../../out/main/cli.js');
let root: string;
beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'twinbench-start-'))));
afterEach(() => rm(root, { recursive: true, force: true }));

/** Runs `twinbench start` until it prints its address, and returns what it printed and the address. */
function start(workspace: string, extra: string[] = []): Promise<{ lines: string[]; url: string; stop: () => Promise<number | null> }> {
  return new Promise((resolveStart, reject) => {
    // No display and no Electron binary: the server path, wherever the test runs.
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ELECTRON_OVERRIDE_DIST_PATH: join(root, 'no-electron') };
    const child = spawn(process.execPath, [bin, '-w', workspace, 'start', '--port', '0', '--no-open', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      const url = lines.join('\n').match(/serves the workbench at (http:\/\/\S+?) \(/)?.[1];
      if (url) resolveStart({ lines, url, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${lines.join('\n')}`)));
  });
}

describe('twinbench start (npm start)', () => {
  it('opens a new workspace on the sample campus and serves it when Electron is not there', async () => {
    expect(existsSync(bin), `${bin} is missing: run npm run build first`).toBe(true);
    const workspace = join(root, 'ws');
    const started = await start(workspace);
    try {
      expect(started.lines[0]).toBe('This workspace is empty: creating the sample campus with synthetic devices (use --empty to skip).');
      expect(started.lines.at(-1)).toMatch(/^Electron is not available \(.+\), so Twinbench serves the workbench at http:\/\/127\.0\.0\.1:\d+\/ \(open it in a browser; Ctrl\+C stops it\)\.$/);
      expect(await (await fetch(new URL('healthz', started.url))).json()).toMatchObject({ status: 'ok' });
      const response = await fetch(new URL('query?api-version=2023-10-31', started.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'SELECT COUNT() FROM DIGITALTWINS' }),
      });
      expect(await response.json()).toEqual({ value: [{ COUNT: 970 }], continuationToken: null });
      // The synthetic devices run in the server: readings arrive without anyone sending them.
      const channel = new ReconnectingWebSocketChannel(new URL('rpc', started.url).toString().replace('http:', 'ws:'));
      const { api, dispose } = createProxy(channel);
      try {
        expect(await api.ingest.status()).toMatchObject({ running: true, devices: 795, intervalMs: 5000, seed: 1 });
        const stored = await api.analytics.sql('SELECT count(DISTINCT twin_id) FROM telemetry');
        expect(stored.rows).toEqual([[795]]);
      } finally {
        dispose();
        channel.dispose();
      }
    } finally {
      expect(await started.stop()).toBe(0);
    }
  });

  it('leaves a workspace empty with --empty', async () => {
    const started = await start(join(root, 'empty'), ['--empty']);
    try {
      expect(started.lines).toHaveLength(1);
      const response = await fetch(new URL('models?api-version=2023-10-31', started.url));
      expect(await response.json()).toEqual({ value: [], nextLink: null });
    } finally {
      await started.stop();
    }
  });
});
