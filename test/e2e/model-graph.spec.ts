import { expect, test } from '@playwright/test';

test('the models show as trees by namespace and by inheritance, and as a graph that navigates between models', async ({ page }) => {
  test.setTimeout(60_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/');
  const views = page.getByRole('group', { name: 'Models view' });

  await views.getByRole('button', { name: 'By namespace' }).click();
  const tree = page.getByTestId('model-tree');
  await expect(tree.getByRole('treeitem').first()).toContainText('test');
  await expect(tree.getByRole('button')).toHaveText(['Building;1', 'ConferenceRoom;1', 'Floor;1', 'Room;1', 'Sensor;1', 'Space;1', 'Thermostat;1']);
  await page.getByRole('searchbox', { name: 'Filter models' }).fill('room');
  await expect(tree.getByRole('button')).toHaveText(['ConferenceRoom;1', 'Room;1']);
  await page.getByRole('searchbox', { name: 'Filter models' }).fill('');

  await views.getByRole('button', { name: 'By inheritance' }).click();
  await expect(tree.getByRole('button')).toHaveText([
    'dtmi:test:campus:Sensor;1',
    'dtmi:test:campus:Space;1',
    'dtmi:test:campus:Building;1',
    'dtmi:test:campus:Floor;1',
    'dtmi:test:campus:Room;1',
    'dtmi:test:campus:ConferenceRoom;1',
    'dtmi:test:campus:Thermostat;1',
  ]);
  await tree.getByRole('button', { name: 'dtmi:test:campus:Room;1' }).click();
  const detail = page.getByTestId('model-detail');
  await expect(detail).toContainText('Extends dtmi:test:campus:Space;1');
  await detail.getByText('DTDL definition').click();
  await expect(detail.getByTestId('model-definition')).toContainText('"@id": "dtmi:test:campus:Room;1"');
  await page.screenshot({ path: 'test-results/screenshots/model-tree.png' });

  await views.getByRole('button', { name: 'Graph' }).click();
  await expect(page.getByTestId('model-graph-canvas').locator('canvas').first()).toBeVisible();
  // Room and what it links to, one step away: its parent, its child, its component's schema, and the models relating to it.
  await expect(page.getByTestId('model-graph-count')).toHaveText('6 models, 6 links');
  const links = page.getByTestId('model-graph-links');
  await expect(links.getByRole('listitem')).toHaveText([
    /extends →\s*dtmi:test:campus:Space;1/,
    /thermostat →\s*dtmi:test:campus:Thermostat;1/,
    /← extends of\s*dtmi:test:campus:ConferenceRoom;1/,
    /← contains of\s*dtmi:test:campus:Floor;1/,
    /← observes of\s*dtmi:test:campus:Sensor;1/,
  ]);
  await page.screenshot({ path: 'test-results/screenshots/model-graph.png' });

  await links.getByRole('button', { name: 'dtmi:test:campus:Floor;1' }).click();
  await expect(detail.getByRole('heading')).toHaveText('dtmi:test:campus:Floor;1');
  await expect(page.getByTestId('model-graph-count')).toHaveText('4 models, 5 links');
  await page.getByLabel('Depth').selectOption('2');
  await expect(page.getByTestId('model-graph-count')).toHaveText('7 models, 8 links');

  await page.getByLabel('All models').check();
  await expect(page.getByTestId('model-graph-count')).toHaveText('7 models, 8 links');
  await page.screenshot({ path: 'test-results/screenshots/model-graph-all.png' });
  expect(problems).toEqual([]);
});
