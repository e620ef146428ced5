import { expect, test, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import type { EngineApi, Scenario } from '../../src-shared/contract';
import { createProxy } from '../../src-shared/rpc';
import { ReconnectingWebSocketChannel } from '../../src-renderer/transport/websocket-channel';

// The test drives the engine as the renderer does: the rpc over the server's WebSocket.
Object.assign(globalThis, { WebSocket });

// The e2e workspace holds the small campus fixture and the scene test/fixtures/spatial/campus-small.scene.json
// (a lobby with a column hole, Orion, the lab, a corridor without a twin and a crossed sketch).

type Rgb = [number, number, number];

/** The few browser globals the page-side helpers use (the test config has no DOM types). */
interface Canvas2d {
  width: number;
  height: number;
  readonly clientWidth: number;
  getContext(kind: '2d'): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
interface PageGlobals {
  readonly twinbenchFloorplan: { screenshot(): string; screenPositionOf(id: string): { x: number; y: number } | null; colourOfTwin(id: string): Rgb | null };
  readonly fetch: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ status: number }>;
  readonly requestAnimationFrame: (callback: () => void) => number;
  readonly performance: { now(): number };
  readonly document: { createElement(tag: 'canvas'): Canvas2d; querySelector(selector: string): Canvas2d };
  readonly Image: new () => { src: string; readonly width: number; readonly height: number; decode(): Promise<void> };
}

/** The colour of the pixel at a twin's room centre, read from the WebGL canvas. */
async function roomPixel(page: Page, twinId: string): Promise<Rgb> {
  return page.evaluate(async (id) => {
    const { twinbenchFloorplan: view, document, Image } = globalThis as unknown as PageGlobals;
    const at = view.screenPositionOf(id)!;
    const image = new Image();
    image.src = view.screenshot();
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const scale = image.width / document.querySelector('[data-testid="floorplan-canvas"] canvas').clientWidth;
    const data = context.getImageData(Math.round(at.x * scale), Math.round(at.y * scale), 1, 1).data;
    return [data[0]!, data[1]!, data[2]!] as [number, number, number];
  }, twinId);
}

/** Share of the canvas that is not the background colour. */
async function coverage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const { twinbenchFloorplan: view, document, Image } = globalThis as unknown as PageGlobals;
    const image = new Image();
    image.src = view.screenshot();
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 11) + Math.abs(data[i + 1]! - 15) + Math.abs(data[i + 2]! - 20) > 12) drawn++;
    return drawn / (data.length / 4);
  });
}

const differ = (a: Rgb, b: Rgb) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) > 30;

async function patchArea(page: Page, twinId: string, area: number): Promise<void> {
  const response = await page.request.patch(`/digitaltwins/${twinId}?api-version=2023-10-31`, {
    headers: { 'content-type': 'application/json-patch+json' },
    data: JSON.stringify([{ op: 'replace', path: '/area', value: area }]),
  });
  expect(response.status()).toBe(204);
}

test('the 3D floorplan renders, selects, recolours live and replays history', async ({ page }) => {
  // Reading WebGL pixels back through SwiftShader is slow on a busy machine.
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/');
  await page.getByRole('button', { name: '3D' }).click();
  await expect(page.getByText('Headquarters, ground floor: 1 levels, 5 rooms')).toBeVisible();
  await expect(page.getByText('Space sketch: The outline intersects itself: edge 0 crosses edge 2.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Colour by' }).selectOption('area');
  await page.waitForTimeout(300);
  expect(await coverage(page)).toBeGreaterThan(0.05);
  await page.screenshot({ path: 'test-results/screenshots/floorplan.png' });

  // A click at Orion's screen position selects its twin.
  const orion = await page.evaluate(() => (globalThis as unknown as PageGlobals).twinbenchFloorplan.screenPositionOf('hq-f1-r2'));
  await page.getByTestId('floorplan-canvas').locator('canvas').click({ position: orion! });
  await expect(page.getByTestId('floorplan-selected')).toHaveText('hq-f1-r2');
  await expect(page.getByRole('cell', { name: 'seats' })).toBeVisible();

  // Changing the lab's area recolours its room (the range stays fixed so only the lab moves).
  await page.getByRole('spinbutton', { name: 'Lowest value' }).fill('0');
  await page.getByRole('spinbutton', { name: 'Highest value' }).fill('200');
  await page.getByRole('spinbutton', { name: 'Highest value' }).press('Enter');
  const before = await roomPixel(page, 'hq-f1-r3');
  await patchArea(page, 'hq-f1-r3', 190);
  await expect.poll(async () => differ(await roomPixel(page, 'hq-f1-r3'), before), { timeout: 5_000 }).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/floorplan-live.png' });

  // The time slider replays the area's history: at its start the lab shows 45 m², at its end 190 m².
  await page.getByRole('button', { name: 'Replay history' }).click();
  const slider = page.getByRole('slider', { name: 'Time' });
  await expect(slider).toBeVisible();
  const [from, to] = await slider.evaluate((input) => [Number((input as unknown as { min: string }).min), Number((input as unknown as { max: string }).max)]);
  await slider.fill(String(from));
  const early = await roomPixel(page, 'hq-f1-r3');
  await slider.fill(String(to));
  const late = await roomPixel(page, 'hq-f1-r3');
  expect(differ(early, late)).toBe(true);
  expect(differ(early, before)).toBe(false);
  await page.screenshot({ path: 'test-results/screenshots/floorplan-history.png' });

  await page.getByRole('combobox', { name: 'Floors' }).selectOption('exploded');
  await page.getByRole('button', { name: 'Walk through' }).click();
  await expect(page.getByText('W A S D to walk')).toBeVisible();
  await page.keyboard.down('w');
  await page.waitForTimeout(400);
  await page.keyboard.up('w');
  await page.screenshot({ path: 'test-results/screenshots/floorplan-walk.png' });
  // The other specs share this workspace: the lab gets its area back.
  await patchArea(page, 'hq-f1-r3', 45);
  expect(problems).toEqual([]);
});

/** Milliseconds from sending a twin patch (from the page) until its room's colour has changed in the view. */
async function liveRecolourMs(page: Page, twinId: string, area: number): Promise<number> {
  return page.evaluate(
    async ([id, value]) => {
      const { twinbenchFloorplan: view, fetch, requestAnimationFrame, performance } = globalThis as unknown as PageGlobals;
      const before = view.colourOfTwin(id)!.join();
      const start = performance.now();
      const sent = fetch(`/digitaltwins/${id}?api-version=2023-10-31`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json-patch+json' },
        body: JSON.stringify([{ op: 'replace', path: '/area', value }]),
      });
      await new Promise<void>((done) => {
        const check = () => (view.colourOfTwin(id)!.join() !== before ? done() : requestAnimationFrame(check));
        check();
      });
      const elapsed = performance.now() - start;
      await sent;
      return elapsed;
    },
    [twinId, area] as const,
  );
}

test('the time slider replays a simulation run and compares two runs; live changes recolour at once', async ({ page }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const channel = new ReconnectingWebSocketChannel(`ws://127.0.0.1:${process.env.TWINBENCH_E2E_PORT ?? 18750}/rpc`);
  const proxy = createProxy(channel);
  const api: EngineApi = proxy.api;
  const mapping = await api.sim.getMapping();
  // The test campus's rooms are the zones; their area is the floor area.
  await api.sim.putMapping({ ...mapping, zoneModels: ['dtmi:test:campus:Room;1', 'dtmi:test:campus:ConferenceRoom;1'], zoneProperties: { ...mapping.zoneProperties, floorArea: 'area' } });
  const day: Scenario = { id: 'e2e-day', start: '2025-07-07', horizonHours: 24, weather: { kind: 'synthetic', meanTemperature: 18 }, seed: 3 };
  const hot: Scenario = { ...day, id: 'e2e-heatwave', interventions: [{ at: 6, kind: 'offsetOutdoorTemperature', kelvin: 12 }] };
  for (const [scenario, runId] of [[day, 'e2e-day'], [hot, 'e2e-heatwave']] as const) {
    await api.sim.deleteRun(runId).catch(() => undefined);
    await api.sim.waitRun((await api.sim.startRun(scenario, { runId })).id);
  }
  try {
    await page.goto('/');
    await page.getByRole('button', { name: '3D' }).click();
    await expect(page.getByText('Headquarters, ground floor: 1 levels, 5 rooms')).toBeVisible();

    // Replay the heat-wave run's operative temperature: the lab at 00:00 and at 23:00 differ.
    await page.getByRole('combobox', { name: 'Simulation run' }).selectOption('e2e-heatwave');
    await page.getByRole('combobox', { name: 'Run quantity' }).selectOption('operativeTemperature');
    await page.getByRole('button', { name: 'Replay run' }).click();
    await expect(page.getByTestId('floorplan-replaying')).toHaveText('operativeTemperature, run e2e-heatwave');
    const slider = page.getByRole('slider', { name: 'Time' });
    await expect(page.getByTestId('floorplan-time')).toHaveText('2025-07-07 00:00:00');
    const night = await roomPixel(page, 'hq-f1-r3');
    await slider.fill(String(Date.parse('2025-07-07T15:00:00Z')));
    await expect(page.getByTestId('floorplan-time')).toHaveText('2025-07-07 15:00:00');
    const afternoon = await roomPixel(page, 'hq-f1-r3');
    expect(differ(night, afternoon)).toBe(true);
    await page.screenshot({ path: 'test-results/screenshots/floorplan-run.png' });

    // Play moves the slider on; Pause stops it.
    await slider.fill(String(Date.parse('2025-07-07T00:00:00Z')));
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('16');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByTestId('floorplan-time')).not.toHaveText('2025-07-07 00:00:00');
    await page.getByRole('button', { name: 'Pause' }).click();
    const paused = await page.getByTestId('floorplan-time').textContent();
    await page.waitForTimeout(500);
    await expect(page.getByTestId('floorplan-time')).toHaveText(paused!);

    // Compare mode: heat wave − normal day on a diverging scale; before 06:00 the runs agree (grey), later the heat wave is warmer (red).
    await page.getByRole('button', { name: 'Live', exact: true }).click();
    await page.getByRole('combobox', { name: 'Simulation run' }).selectOption('e2e-heatwave');
    await page.getByRole('combobox', { name: 'Compare with' }).selectOption('e2e-day');
    await page.getByRole('button', { name: 'Compare runs' }).click();
    await expect(page.getByTestId('floorplan-replaying')).toHaveText('operativeTemperature, e2e-heatwave − e2e-day');
    const same = await roomPixel(page, 'hq-f1-r3');
    await slider.fill(String(Date.parse('2025-07-07T18:00:00Z')));
    const warmer = await roomPixel(page, 'hq-f1-r3');
    expect(differ(same, warmer)).toBe(true);
    expect(warmer[0]).toBeGreaterThan(warmer[2]);
    await page.screenshot({ path: 'test-results/screenshots/floorplan-compare.png' });

    // Live again: a twin change recolours its room; the time from sending the patch to the new colour is reported.
    await page.getByRole('button', { name: 'Live', exact: true }).click();
    await page.getByRole('combobox', { name: 'Colour by' }).selectOption('area');
    await page.getByRole('spinbutton', { name: 'Lowest value' }).fill('0');
    await page.getByRole('spinbutton', { name: 'Highest value' }).fill('200');
    await page.getByRole('spinbutton', { name: 'Highest value' }).press('Enter');
    const latencies: number[] = [];
    for (const area of [120, 45, 150, 45]) latencies.push(await liveRecolourMs(page, 'hq-f1-r3', area));
    test.info().annotations.push({ type: 'live recolour ms (patch sent → room colour changed)', description: latencies.map((ms) => ms.toFixed(1)).join(', ') });
    console.log(`live recolour, patch sent → room colour changed: ${latencies.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`);
    expect(problems).toEqual([]);
  } finally {
    await api.sim.putMapping(mapping);
    for (const runId of ['e2e-day', 'e2e-heatwave']) await api.sim.deleteRun(runId).catch(() => undefined);
    proxy.dispose();
    channel.dispose();
  }
});
