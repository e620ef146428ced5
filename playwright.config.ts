import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.TWINBENCH_E2E_PORT ?? 18750);
const workspace = join(mkdtempSync(join(tmpdir(), 'twinbench-e2e-')), 'E2E campus');

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 30_000,
  // One retry: a flow that fails and then passes is reported as flaky in the list, not hidden.
  retries: 1,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    viewport: { width: 1280, height: 800 },
    // The workbench follows the system's light or dark preference; screenshots use the dark one.
    colorScheme: 'dark',
  },
  webServer: {
    // A workspace with the campus test models, a few twins, their scene and their simulation mapping, then the server on it.
    command: [
      `node out/main/cli.js -w "${workspace}" models add test/fixtures/models/graph`,
      `node out/main/cli.js -w "${workspace}" import test/fixtures/graphs/campus-small.ndjson`,
      `node out/main/cli.js -w "${workspace}" scene put @test/fixtures/spatial/campus-small.scene.json`,
      `node out/main/cli.js -w "${workspace}" sim-mapping set @test/fixtures/sim/campus-small.mapping.json`,
      `node out/main/cli.js serve --port ${port} --workspace "${workspace}"`,
    ].join(' && '),
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    // Five CLI runs build the workspace first; a loaded machine needs more than half a minute for them.
    timeout: 120_000,
    stdout: 'pipe',
  },
});
