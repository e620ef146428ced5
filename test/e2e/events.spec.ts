import { expect, test } from '@playwright/test';

const api = '?api-version=2023-10-31';

test('the event log shows twin changes and telemetry as they happen, filters them, and pauses', async ({ page, request }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Events' }).click();
  await expect(page.getByRole('tab', { name: 'Event log' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No events yet.')).toBeVisible();

  const sensor = { $metadata: { $model: 'dtmi:test:campus:Sensor;1' }, kind: 'noise' };
  expect((await request.put(`/digitaltwins/e2e-noise-1${api}`, { data: sensor })).status()).toBe(200);
  for (const [n, temperature] of [20.5, 21, 21.5].entries()) {
    expect((await request.post(`/digitaltwins/hq-f1-r2/telemetry${api}`, { headers: { 'Message-Id': `log-${n}` }, data: { temperature } })).status()).toBe(204);
  }
  const log = page.getByTestId('event-log');
  await expect(log.getByRole('row')).toHaveCount(4);
  await expect(log.getByRole('row').first()).toContainText('temperature = 21.5');
  await expect(log.getByRole('row').last()).toContainText('Twin.Create');
  await expect(log.getByRole('row').last()).toContainText('e2e-noise-1');

  await page.getByLabel('Filter events by twin or subject').fill('E2E-NOISE');
  await expect(log.getByRole('row')).toHaveCount(1);
  await page.getByLabel('Filter events by twin or subject').fill('');
  await page.getByRole('checkbox', { name: 'Telemetry' }).uncheck();
  await expect(log.getByRole('row')).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Telemetry' }).check();
  await page.getByLabel('Filter events by text').fill('= 21');
  await expect(log.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Filter events by text').fill('');
  await expect(log.getByRole('row')).toHaveCount(4);

  await log.getByRole('row').last().click();
  await expect(page.getByTestId('event-details')).toContainText('"type": "Microsoft.DigitalTwins.Twin.Create"');
  await log.press('ArrowUp');
  await expect(page.getByTestId('event-details')).toContainText('"name": "temperature"');

  await page.getByTestId('log-pause').click();
  await expect(page.getByTestId('log-pause')).toHaveAttribute('aria-pressed', 'true');
  expect((await request.delete(`/digitaltwins/e2e-noise-1${api}`)).status()).toBe(204);
  await expect(page.getByTestId('log-status')).toContainText('paused, 1 new since');
  await expect(log.getByRole('row')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/screenshots/events-log.png', fullPage: true });
  await page.getByTestId('log-pause').click();
  await expect(log.getByRole('row')).toHaveCount(5);
  await expect(log.getByRole('row').first()).toContainText('Twin.Delete');
});

test('endpoints and routes are created in forms, with the engine’s refusals at the field, and count their deliveries', async ({ page, request }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'Events' }).click();
  await page.getByRole('tab', { name: 'Routes' }).click();
  await expect(page.getByText('No endpoints yet.')).toBeVisible();
  await expect(page.getByText('No routes. Add an endpoint first')).toBeVisible();

  await page.getByTestId('endpoint-new').click();
  const endpoint = page.getByTestId('endpoint-form');
  await endpoint.getByLabel('Name', { exact: true }).fill('ops-hook');
  await endpoint.getByLabel('URL', { exact: true }).fill('ftp://ops.example.com/events');
  await endpoint.getByRole('button', { name: 'Create endpoint' }).click();
  await expect(endpoint.getByTestId('field-problem-url')).toHaveText('Endpoint ops-hook: "url" must be an http or https address.');
  await endpoint.getByLabel('Type', { exact: true }).selectOption('file');
  await endpoint.getByLabel('File', { exact: true }).fill('/tmp/twinbench-e2e-events.ndjson');
  await endpoint.getByRole('button', { name: 'Create endpoint' }).click();
  await expect(endpoint).toBeHidden();
  await expect(page.getByTestId('endpoint-table')).toContainText('file /tmp/twinbench-e2e-events.ndjson');

  await page.getByTestId('route-new').click();
  const route = page.getByTestId('route-form');
  await route.getByLabel('Id', { exact: true }).fill('room-updates');
  await expect(route.getByLabel('Endpoint', { exact: true })).toHaveValue('ops-hook');
  await route.getByLabel('Filter (optional)').fill("type = 'Microsoft.DigitalTwins.Twin.Update' AND");
  await route.getByRole('button', { name: 'Create route' }).click();
  await expect(route.getByTestId('field-problem-filter')).toContainText('Invalid route filter at line 1, column');
  await page.screenshot({ path: 'test-results/screenshots/events-routes-error.png', fullPage: true });
  await route.getByLabel('Filter (optional)').fill("type = 'Microsoft.DigitalTwins.Twin.Update' AND STARTS_WITH(subject, 'hq-')");
  await route.getByRole('button', { name: 'Create route' }).click();
  await expect(route).toBeHidden();
  await expect(page.getByTestId('route-table')).toContainText("STARTS_WITH(subject, 'hq-') → ops-hook");

  // Each route counts what it delivered (here a change to a room and its undoing).
  const deliveries = page.getByRole('table', { name: 'Route deliveries' });
  await expect(deliveries.getByRole('row').nth(1)).toContainText('room-updatesops-hook0—0—');
  const area = ((await (await request.get(`/digitaltwins/hq-f1-r2${api}`)).json()) as { area: number }).area;
  for (const value of [area + 1, area]) expect((await request.patch(`/digitaltwins/hq-f1-r2${api}`, { data: [{ op: 'replace', path: '/area', value }] })).status()).toBe(204);
  await expect(deliveries.getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText('2');
  await page.screenshot({ path: 'test-results/screenshots/events-route-deliveries.png', fullPage: true });

  await page.getByRole('button', { name: 'Delete endpoint ops-hook' }).click();
  await expect(page.getByRole('alert')).toHaveText('Endpoint ops-hook is used by the routes room-updates; delete them first.');
  await page.getByRole('button', { name: 'Delete route room-updates' }).click();
  await page.getByRole('button', { name: 'Delete endpoint ops-hook' }).click();
  await expect(page.getByText('No endpoints yet.')).toBeVisible();
});

test('a rule with a syntax error or a cycle shows the engine’s message at its expression', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Events' }).click();
  await page.getByRole('tab', { name: 'Rules' }).click();
  await expect(page.getByTestId('rules-summary')).toContainText('0 rules');
  await expect(page.getByText('No rules yet.')).toBeVisible();
  await page.getByTestId('rule-new').click();
  const form = page.getByTestId('rule-form');
  await form.getByLabel('Id', { exact: true }).fill('double-area');
  await form.getByLabel('Model', { exact: true }).fill('dtmi:test:campus:Floor;1');
  await form.getByLabel('Property', { exact: true }).fill('area');
  await form.getByLabel('Expression', { exact: true }).fill('level *');
  await form.getByRole('button', { name: 'Create rule' }).click();
  await expect(form.getByTestId('field-problem-expression')).toContainText('Rule double-area: expression:');
  await form.getByLabel('Expression', { exact: true }).fill('area * 2');
  await form.getByRole('button', { name: 'Create rule' }).click();
  await expect(form.getByTestId('field-problem-expression')).toHaveText('Rule double-area: the expression reads area, the property it sets.');
  await page.screenshot({ path: 'test-results/screenshots/events-rules.png', fullPage: true });
  await form.getByLabel('Kind', { exact: true }).selectOption('rollup');
  await expect(form.getByLabel('Path', { exact: true })).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('No rules yet.')).toBeVisible();
});

test('the live area reads well in the light theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Use the light theme' }).or(page.getByRole('button', { name: 'Use the dark theme' })).first().waitFor();
  if (await page.getByRole('button', { name: 'Use the light theme' }).isVisible()) await page.getByRole('button', { name: 'Use the light theme' }).click();
  await page.getByRole('button', { name: 'Events' }).click();
  await page.getByRole('tab', { name: 'Routes' }).click();
  await page.getByTestId('endpoint-new').click();
  await expect(page.getByTestId('endpoint-form')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/events-light.png', fullPage: true });
  await page.getByRole('button', { name: 'Use the dark theme' }).click();
});
