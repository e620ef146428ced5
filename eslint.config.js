// Lint rules, and the import-layer table that keeps the house in order: each layer lists
// what it may never import. Never relax a row to make a change pass; move the code instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const httpFrameworks = ['ws', 'express', 'fastify', 'hono', 'koa', 'http-proxy'];
const nativeStores = ['better-sqlite3', '@duckdb/*'];

/** layer → files it covers → module specifiers (gitignore-style patterns) it must not import */
const layers = [
  {
    layer: 'shared: runs anywhere, no DOM, no Node, no other layer',
    files: ['src-shared/**/*.ts'],
    forbid: [...nodeBuiltins, 'electron', ...httpFrameworks, ...nativeStores, 'commander', '**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
  },
  {
    layer: 'engine: a pure Node library that knows no host',
    files: ['src-main/engine/**/*.ts'],
    forbid: ['electron', ...httpFrameworks, 'commander', 'http', 'https', 'node:http', 'node:https', 'node:http2', '**/hosts/**', '**/src-renderer/**', '**/src-preload/**'],
  },
  {
    layer: 'cli and server hosts: no Electron, no renderer code',
    files: ['src-main/hosts/cli/**/*.ts', 'src-main/hosts/server/**/*.ts'],
    forbid: ['electron', '../electron', '../electron/**', '**/hosts/electron/**', '**/src-renderer/**', '**/src-preload/**', '**/engine/*/**'],
  },
  {
    layer: 'electron host: no other host, no renderer code, the engine only through its entry',
    files: ['src-main/hosts/electron/**/*.ts'],
    forbid: [...httpFrameworks, 'commander', '../cli', '../cli/**', '../server', '../server/**', '**/hosts/cli/**', '**/hosts/server/**', '**/src-renderer/**', '**/engine/*/**'],
  },
  {
    layer: 'preload: electron and the shared contract only',
    files: ['src-preload/**/*.ts'],
    forbid: [...nodeBuiltins, ...httpFrameworks, ...nativeStores, '**/src-main/**', '**/src-renderer/**'],
  },
  {
    layer: 'renderer: browser code and src-shared only',
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte', 'test/bench/browser/**/*.ts'],
    forbid: [...nodeBuiltins, 'electron', ...httpFrameworks, ...nativeStores, 'commander', '**/src-main/**', '**/src-preload/**'],
  },
];

const layerRules = layers.map(({ layer, files, forbid }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: forbid, message: `Import-layer table, ${layer}.` }] },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['src-main/**', 'src-preload/**', 'test/**', '*.ts', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte', 'test/bench/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...layerRules,
);
