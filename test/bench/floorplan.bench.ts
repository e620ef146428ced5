// The 3D floorplan in Chromium (WebGL through SwiftShader): the product's view — every room in one
// merged mesh, colours in a per-room table — against a bare Three.js scene with the same boxes as
// separate meshes (the baseline), measured in the same run. For 1,000 and 10,000 rooms: draw calls,
// triangles, CPU time to recolour every room and frame time; time to first frame for 2,000 rooms.
// TWINBENCH_BENCH_FLOORPLAN_ROOMS adds a larger building (see docs/development.md).
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { bundlePage, launchChromium } from './chromium';

type Kind = 'floorplan' | 'bare';

/** What test/bench/browser/floorplan-page.ts puts on window. */
interface PageBench {
  open(kind: Kind, rooms: number): number;
  recolour(): number;
  frame(): number;
  stats(): { calls: number; triangles: number };
}

const sizes = [1_000, 10_000, ...(process.env.TWINBENCH_BENCH_FLOORPLAN_ROOMS ? [Number(process.env.TWINBENCH_BENCH_FLOORPLAN_ROOMS)] : [])];
const firstFrameRooms = 2_000;
const kinds: readonly Kind[] = ['floorplan', 'bare'];
const label: Record<Kind, string> = { floorplan: 'Twinbench view', bare: 'bare Three.js' };

let browser: Browser;
let page: Page;

interface Figures {
  calls: number;
  triangles: number;
  recolour: number[];
  frame: number[];
}
const figures = new Map<string, Figures>();
const firstFrame: Record<Kind, number[]> = { floorplan: [], bare: [] };

// Each reads window.floorplanBench inside the page (page.evaluate sends the function, not its closure).
const open = (kind: Kind, rooms: number) => page.evaluate(([k, n]) => (globalThis as unknown as { floorplanBench: PageBench }).floorplanBench.open(k, n), [kind, rooms] as const);
const recolour = () => page.evaluate(() => (globalThis as unknown as { floorplanBench: PageBench }).floorplanBench.recolour());
const frame = () => page.evaluate(() => (globalThis as unknown as { floorplanBench: PageBench }).floorplanBench.frame());
const stats = () => page.evaluate(() => (globalThis as unknown as { floorplanBench: PageBench }).floorplanBench.stats());

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const ratio = (ours: number, bare: number) => `${(bare / ours).toFixed(1)}× faster`;

beforeAll(async () => {
  const script = await bundlePage('floorplan-page.ts', 'iife');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 960, height: 600 } });
  await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: script });
}, 120_000);

afterAll(async () => {
  console.log('\nfloorplan in Chromium (SwiftShader), 960×600; medians; the bare Three.js scene draws the same boxes as separate meshes');
  for (const rooms of sizes) {
    const ours = figures.get(`floorplan:${rooms}`);
    const bare = figures.get(`bare:${rooms}`);
    if (!ours || !bare) continue;
    console.log(`  ${rooms.toLocaleString('en')} rooms`);
    console.log(`    draw calls:                 ${ours.calls} vs ${bare.calls} (${(bare.calls / ours.calls).toFixed(0)}× fewer; goal ≤ 50)`);
    console.log(`    triangles:                  ${ours.triangles.toLocaleString('en')} vs ${bare.triangles.toLocaleString('en')}`);
    console.log(`    recolour every room (CPU):  ${ms(median(ours.recolour))} vs ${ms(median(bare.recolour))} (${ratio(median(ours.recolour), median(bare.recolour))}${rooms === 10_000 ? '; goal ≤ 2 ms' : ''})`);
    console.log(`    frame time:                 ${ms(median(ours.frame))} vs ${ms(median(bare.frame))} (${ratio(median(ours.frame), median(bare.frame))})`);
  }
  if (firstFrame.floorplan.length > 0 && firstFrame.bare.length > 0) {
    const [ours, bare] = [median(firstFrame.floorplan), median(firstFrame.bare)];
    console.log(`  time to first frame, ${firstFrameRooms.toLocaleString('en')} rooms: ${ms(ours)} vs ${ms(bare)} (${ratio(ours, bare)}; goal ≤ 1,500 ms)`);
  }
  await browser?.close();
}, 60_000);

for (const rooms of sizes) {
  describe(`${rooms.toLocaleString('en')} rooms`, () => {
    for (const kind of kinds) {
      const key = `${kind}:${rooms}`;
      const setup = async () => {
        if (figures.has(key)) return;
        await open(kind, rooms);
        figures.set(key, { ...(await stats()), recolour: [], frame: [] });
      };
      bench(
        `${label[kind]}: recolour every room`,
        async () => {
          await setup();
          figures.get(key)!.recolour.push(await recolour());
        },
        { iterations: 30, warmupIterations: 3, time: 0, warmupTime: 0 },
      );
      bench(
        `${label[kind]}: one frame`,
        async () => {
          await setup();
          figures.get(key)!.frame.push(await frame());
        },
        { iterations: rooms >= 10_000 ? 5 : 10, warmupIterations: 1, time: 0, warmupTime: 0 },
      );
    }
  });
}

describe(`time to first frame, ${firstFrameRooms.toLocaleString('en')} rooms`, () => {
  for (const kind of kinds) {
    bench(
      `${label[kind]}: build, colour and draw the first frame`,
      async () => {
        firstFrame[kind].push(await open(kind, firstFrameRooms));
      },
      { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 },
    );
  }
});
