// What the browser benches share: Chromium as the tests run it, and pages bundled from test/bench/browser.
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import { chromium, type Browser } from '@playwright/test';

/** Chromium with the flags the end-to-end tests use (WebGL through SwiftShader). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** One file of test/bench/browser bundled with its imports into a single script. */
export async function bundlePage(file: string, format: 'iife' | 'esm'): Promise<string> {
  const bundle = await rolldown({ input: join(import.meta.dirname, 'browser', file), logLevel: 'silent' });
  try {
    const { output } = await bundle.generate({ format });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
