// Proves the import-layer table in eslint.config.js: each layer refuses what it must never import.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath: resolve(import.meta.dirname, '../..', file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message.split('.')[0]!);
}

describe('the import-layer table', () => {
  it.each([
    ['src-main/engine/graph/x.ts', "import x from 'electron';"],
    ['src-main/engine/graph/x.ts', "import x from 'ws';"],
    ['src-main/engine/graph/x.ts', "import x from 'node:http';"],
    ['src-main/engine/graph/x.ts', "import x from '../../hosts/cli/program';"],
    ['src-shared/contract/x.ts', "import x from 'node:fs';"],
    ['src-shared/contract/x.ts', "import x from '../../src-main/engine';"],
    ['src-renderer/features/x.ts', "import x from 'node:path';"],
    ['src-renderer/features/x.ts', "import x from 'better-sqlite3';"],
    ['src-renderer/features/x.ts', "import x from '../../src-main/engine';"],
    ['src-renderer/features/x.ts', "import x from 'electron';"],
    ['src-main/hosts/server/x.ts', "import x from 'electron';"],
    ['src-main/hosts/server/x.ts', "import x from '../../engine/workspace/graph-database';"],
    ['src-main/hosts/electron/x.ts', "import x from '../server/start-server';"],
    ['src-main/hosts/electron/x.ts', "import x from '../server';"],
    ['src-main/hosts/cli/x.ts', "import x from '../electron/window';"],
    ['src-preload/x.ts', "import x from 'node:fs';"],
  ])('refuses in %s: %s', async (file, source) => {
    expect(await layerErrors(file, source)).toHaveLength(1);
  });

  it.each([
    ['src-main/engine/graph/x.ts', "import x from 'better-sqlite3';"],
    ['src-main/engine/graph/x.ts', "import x from '../../../src-shared/contract';"],
    ['src-renderer/features/x.ts', "import x from '../../src-shared/contract';"],
    ['src-main/hosts/server/x.ts', "import x from '../../engine';"],
    ['src-main/hosts/electron/x.ts', "import x from 'electron';"],
  ])('allows in %s: %s', async (file, source) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});
