import { expect, test, type Page } from '@playwright/test';

// Exploring the small campus (test/fixtures/graphs/campus-small.ndjson): hq contains hq-f1, which
// contains the rooms hq-f1-r1 (Lobby, 80 m²), hq-f1-r2 (Orion, 32.5 m²) and hq-f1-r3 (Lab, 45 m²);
// the sensor co2-1 observes Orion. Nothing here writes to the workspace.

interface GraphHook {
  screenPosition(id: string): { x: number; y: number } | null;
  position(id: string): { x: number; y: number; fixed?: boolean } | null;
  colourOf(id: string): string | null;
  readonly layoutRunning: boolean;
}
interface FloorplanHook {
  colourOfTwin(id: string): [number, number, number] | null;
}
type Hooks = { twinbenchGraph: GraphHook; twinbenchFloorplan: FloorplanHook };

const graphHook = <T>(page: Page, read: (view: GraphHook, id: string) => T, id: string) =>
  page.evaluate(([source, twin]) => new Function('view', 'id', `return (${source})(view, id)`)((globalThis as unknown as Hooks).twinbenchGraph, twin) as T, [read.toString(), id] as const);
const drawnAt = (page: Page, id: string) => graphHook(page, (view, twin) => view.screenPosition(twin), id);
const colourOf = (page: Page, id: string) => graphHook(page, (view, twin) => view.colourOf(twin), id);
// Null until the 3D area's code has loaded and drawn.
const roomColour = (page: Page, id: string) => page.evaluate((twin) => (globalThis as unknown as Partial<Hooks>).twinbenchFloorplan?.colourOfTwin(twin) ?? null, id);
const subtitle = (page: Page) => page.getByRole('region', { name: 'Twin graph' }).locator('header p');

async function openGraph(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Twin graph' }).click();
  await expect(subtitle(page)).toHaveText('6 twins and 5 relationships');
}

async function find(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Find a twin' }).fill(text);
  await page.getByRole('searchbox', { name: 'Find a twin' }).press('Enter');
}

test.describe('exploring the twin graph', () => {
  // WebGL runs in software (SwiftShader): drawing and layout take seconds on a busy machine.
  test.setTimeout(90_000);

  test('opens the neighbourhood of a twin to two levels, expands a twin in place, drags one, and goes back to the whole graph', async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await openGraph(page);
    await find(page, 'hq-f1-r2');
    await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1-r2');

    await page.getByLabel('Direction').selectOption('in');
    await page.getByLabel('Levels').fill('2');
    await page.getByRole('button', { name: 'Show neighbourhood' }).click();
    await expect(page.getByTestId('graph-scope')).toHaveText('Neighbourhood of hq-f1-r2, in, 2 levels');
    await expect(subtitle(page)).toHaveText('4 twins and 3 relationships in the neighbourhood');
    expect(await drawnAt(page, 'hq-f1-r1')).toBeNull();
    expect(await drawnAt(page, 'hq')).not.toBeNull();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/screenshots/graph-neighbourhood.png', fullPage: true });

    // Expanding hq-f1 outwards adds its other two rooms to what is shown.
    await find(page, 'hq-f1');
    await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1');
    await page.getByLabel('Direction').selectOption('out');
    await page.getByRole('button', { name: 'Expand' }).click();
    await expect(subtitle(page)).toHaveText('6 twins and 5 relationships in the neighbourhood');
    await expect.poll(() => drawnAt(page, 'hq-f1-r1')).not.toBeNull();

    // A dragged twin stays where it was dropped, also while the layout goes on.
    await expect.poll(() => graphHook(page, (view) => view.layoutRunning, ''), { timeout: 15_000 }).toBe(false);
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    const from = (await drawnAt(page, 'hq'))!;
    const before = (await graphHook(page, (view, id) => view.position(id), 'hq'))!;
    await page.mouse.move(canvas.x + from.x, canvas.y + from.y);
    await page.mouse.down();
    await page.mouse.move(canvas.x + from.x + 40, canvas.y + from.y + 30, { steps: 20 });
    await page.mouse.move(canvas.x + from.x + 80, canvas.y + from.y + 60, { steps: 20 });
    await page.mouse.up();
    const dropped = (await graphHook(page, (view, id) => view.position(id), 'hq'))!;
    expect(dropped.fixed).toBe(true);
    expect(Math.hypot(dropped.x - before.x, dropped.y - before.y)).toBeGreaterThan(1);
    // Sigma starts a drag once the pointer has moved a few pixels, so the twin trails by that much.
    const at = (await drawnAt(page, 'hq'))!;
    expect(Math.hypot(at.x - (from.x + 80), at.y - (from.y + 60))).toBeLessThan(8);
    await page.waitForTimeout(1000);
    expect(await graphHook(page, (view, id) => view.position(id), 'hq')).toEqual(dropped);
    await page.screenshot({ path: 'test-results/screenshots/graph-expand-drag.png', fullPage: true });

    await page.getByRole('button', { name: 'Whole graph' }).click();
    await expect(subtitle(page)).toHaveText('6 twins and 5 relationships');
    await expect(page.getByTestId('graph-scope')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('hides and shows the twins of a model from the legend, which counts them', async ({ page }) => {
    await openGraph(page);
    const filter = page.getByTestId('model-filter');
    await expect(filter.locator('li')).toHaveText([
      /dtmi:test:campus:Building;1\s*1$/,
      /dtmi:test:campus:ConferenceRoom;1\s*1$/,
      /dtmi:test:campus:Floor;1\s*1$/,
      /dtmi:test:campus:Room;1\s*2$/,
      /dtmi:test:campus:Sensor;1\s*1$/,
    ]);
    await expect.poll(() => drawnAt(page, 'hq-f1-r1')).not.toBeNull();
    await filter.getByRole('checkbox', { name: /dtmi:test:campus:Room;1/ }).uncheck();
    await expect.poll(() => drawnAt(page, 'hq-f1-r1')).toBeNull();
    expect(await drawnAt(page, 'hq-f1-r3')).toBeNull();
    expect(await drawnAt(page, 'hq-f1-r2')).not.toBeNull();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/screenshots/graph-filter.png', fullPage: true });
    await filter.getByRole('checkbox', { name: /dtmi:test:campus:Room;1/ }).check();
    await expect.poll(() => drawnAt(page, 'hq-f1-r1')).not.toBeNull();
  });

  test('searches twins by a property, lists and marks the matches, and explains bad input', async ({ page }) => {
    await openGraph(page);
    const roomColourBefore = await colourOf(page, 'hq-f1-r2');
    await find(page, 'area > 40');
    await expect(page.getByTestId('search-matches').locator('li')).toHaveText([/^Lobby\s*hq-f1-r1$/, /^Lab\s*hq-f1-r3$/]);
    await expect(page.getByTestId('overlay-notice')).toContainText('Overlay: 2 twins from search area > 40');
    await expect.poll(() => colourOf(page, 'hq-f1-r2')).toBe('#2a323d');
    expect(await colourOf(page, 'hq-f1-r1')).not.toBe('#2a323d');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/screenshots/graph-property-search.png', fullPage: true });

    await page.getByTestId('search-matches').getByRole('button', { name: 'Lab' }).click();
    await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1-r3');
    await page.getByTestId('graph-canvas').click({ position: { x: 5, y: 5 } });

    await find(page, "name = 'Orion'");
    await expect(page.getByTestId('search-matches').locator('li')).toHaveText([/^Orion\s*hq-f1-r2$/]);

    await find(page, 'name = Lobby');
    await expect(page.getByTestId('search-problem')).toHaveText("Put text in quotes: name = 'Lobby'. Numbers, true, false and null go without.");
    await find(page, 'WHERE T.area >');
    await expect(page.getByTestId('search-problem')).toContainText('line 1');
    await page.screenshot({ path: 'test-results/screenshots/graph-search-error.png', fullPage: true });

    await page.getByTestId('overlay-notice').getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByTestId('overlay-notice')).toHaveCount(0);
    await expect.poll(() => colourOf(page, 'hq-f1-r2')).toBe(roomColourBefore);
  });

  test("marks a query's twins on the graph and in 3D, and clears the overlay", async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: '3D' }).click();
    await expect.poll(() => roomColour(page, 'hq-f1-r2'), { timeout: 20_000 }).not.toBeNull();
    const orion = (await roomColour(page, 'hq-f1-r2'))!;

    await page.getByRole('button', { name: 'Query' }).click();
    await page.getByRole('textbox', { name: 'Query text' }).fill("SELECT R FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'hq-f1' AND R.area > 40");
    await page.getByRole('textbox', { name: 'Query text' }).press('Control+Enter');
    await expect(page.getByTestId('query-summary')).toContainText('2 rows');
    await page.getByRole('button', { name: 'Show on graph' }).click();
    await expect(subtitle(page)).toHaveText('6 twins and 5 relationships');
    await expect(page.getByTestId('overlay-notice')).toHaveText(/Overlay: 2 twins from query\s*Clear/);
    await expect.poll(() => colourOf(page, 'hq')).toBe('#2a323d');
    expect(await colourOf(page, 'hq-f1-r3')).not.toBe('#2a323d');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/screenshots/graph-query-overlay.png', fullPage: true });

    await page.getByRole('button', { name: 'Query' }).click();
    await page.getByRole('button', { name: 'Show in 3D' }).click();
    await expect(page.getByTestId('overlay-notice')).toHaveText(/Overlay: 2 twins from query\s*Clear/);
    await expect.poll(async () => Math.max(...(await roomColour(page, 'hq-f1-r2'))!)).toBeLessThan(0.32);
    expect(Math.max(...(await roomColour(page, 'hq-f1-r1'))!)).toBeGreaterThan(0.32);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: 'test-results/screenshots/floorplan-query-overlay.png', fullPage: true });

    await page.getByTestId('overlay-notice').getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByTestId('overlay-notice')).toHaveCount(0);
    await expect.poll(() => roomColour(page, 'hq-f1-r2')).toEqual(orion);
  });
});
