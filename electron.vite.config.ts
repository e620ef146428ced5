import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/** The CLI entry is run directly (`bin.twinbench`), so it must be executable. */
const executableCli: Plugin = {
  name: 'twinbench:executable-cli',
  async writeBundle(options, bundle) {
    if (bundle['cli.js'] && options.dir) await chmod(resolve(options.dir, 'cli.js'), 0o755);
  },
};

export default defineConfig({
  // Node side: the desktop app, the CLI, the server host and the engine library, as separate entries.
  main: {
    plugins: [executableCli],
    build: {
      outDir: 'out/main',
      target: 'node20',
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/hosts/electron/main.ts'),
          cli: resolve(root, 'src-main/hosts/cli/main.ts'),
          server: resolve(root, 'src-main/hosts/server/index.ts'),
          engine: resolve(root, 'src-main/engine/index.ts'),
          // Simulation runs execute here, in worker threads (see sim/runner/worker-runner.ts).
          'sim-worker': resolve(root, 'src-main/engine/sim/runner/sim-worker.ts'),
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          banner: (chunk) => (chunk.name === 'cli' && chunk.isEntry ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  // A sandboxed preload must be a single CommonJS file.
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // The browser side: the same bundle runs in the desktop window and from the server.
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [svelte()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // Less to fetch, parse and compile before the first view is interactive.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
      },
    },
  },
});
