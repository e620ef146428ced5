import { expect, test } from '@playwright/test';

test('live data shows readings from the synthetic devices as they arrive, and stops them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Live data' }).click();
  await expect(page.getByRole('tab', { name: 'Readings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No readings yet.')).toBeVisible();
  await page.getByRole('tab', { name: 'Sources' }).click();
  await expect(page.getByTestId('synthetic-toggle')).toHaveText('Start synthetic devices');
  await page.getByTestId('synthetic-toggle').click();
  await expect(page.getByTestId('synthetic-toggle')).toHaveText('Stop synthetic devices');
  await expect(page.getByTestId('live-summary')).toContainText('running, 3 devices every 5 s');
  await page.getByRole('tab', { name: 'Readings' }).click();
  await expect(page.getByTestId('live-table').locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/live.png', fullPage: true });
  await page.getByRole('tab', { name: 'Readings' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Charts' })).toBeFocused();
  await page.getByRole('tab', { name: 'Charts' }).press('End');
  await expect(page.getByRole('tab', { name: 'Rules' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Rules' }).press('Home');
  await expect(page.getByRole('tab', { name: 'Readings' })).toBeFocused();
  await page.getByRole('tab', { name: 'Sources' }).click();
  await page.getByTestId('synthetic-toggle').click();
  await expect(page.getByTestId('live-summary')).toContainText('Synthetic devices: stopped');
});

test('a device source is created, refused at the field, started with its counters, stopped and deleted', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'Live data' }).click();
  await page.getByRole('tab', { name: 'Sources' }).click();
  await expect(page.getByText('No device sources yet.')).toBeVisible();

  await page.getByTestId('source-new').click();
  const form = page.getByTestId('source-form');
  await form.getByLabel('Name', { exact: true }).fill('old-readings');
  await form.getByLabel('Type', { exact: true }).selectOption('replay');
  await form.getByLabel('File', { exact: true }).fill('/tmp/readings.csv');
  await form.getByLabel('Speed (optional)').fill('5000');
  await form.getByRole('button', { name: 'Create source' }).click();
  await expect(form.getByTestId('field-problem-speed')).toHaveText('Source old-readings: "speed" is from 1 to 1000 times real time, or 0 for as fast as possible.');
  await expect(form.getByLabel('Speed (optional)')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Name', { exact: true }).fill('site-broker');
  await form.getByLabel('Type', { exact: true }).selectOption('mqtt-broker');
  await form.getByLabel('Port (optional)').fill('0');
  await form.getByRole('button', { name: 'Create source' }).click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('source-table').locator('tbody tr', { hasText: 'site-broker' });
  await expect(row).toContainText('embedded broker on port 0');
  await expect(page.getByTestId('source-state-site-broker')).toHaveText('stopped');

  await page.getByRole('button', { name: 'Start source site-broker' }).click();
  await expect(page.getByTestId('source-state-site-broker')).toContainText(/● running mqtt:\/\/127\.0\.0\.1:\d+/);
  await page.screenshot({ path: 'test-results/screenshots/live-sources.png', fullPage: true });
  await page.getByRole('button', { name: 'Stop source site-broker' }).click();
  await expect(page.getByTestId('source-state-site-broker')).toHaveText('stopped');
  await page.getByRole('button', { name: 'Delete source site-broker' }).click();
  await expect(page.getByText('No device sources yet.')).toBeVisible();
});

test('a device binding shows the engine’s refusals at the twin and at the payload fields', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'Live data' }).click();
  await page.getByRole('tab', { name: 'Bindings' }).click();
  await expect(page.getByText('No bindings yet.')).toBeVisible();
  await page.getByTestId('binding-new').click();
  const form = page.getByTestId('binding-form');
  await form.getByLabel('Device id', { exact: true }).fill('thermo-1');
  await form.getByLabel('Twin', { exact: true }).fill('nobody');
  await form.getByLabel('Payload fields', { exact: true }).fill('t: telemetry humidity');
  await form.getByRole('button', { name: 'Create binding' }).click();
  await expect(form.getByTestId('field-problem-twinId')).toHaveText('Binding of device thermo-1: there is no twin nobody.');
  await form.getByLabel('Twin', { exact: true }).fill('hq-f1-r1');
  await form.getByRole('button', { name: 'Create binding' }).click();
  await expect(form.getByTestId('field-problem-fields')).toHaveText('Binding of device thermo-1, field "t": the model dtmi:test:campus:Room;1 declares no telemetry humidity.');
  await form.getByLabel('Payload fields', { exact: true }).fill('t: telemetry temperature');
  await page.screenshot({ path: 'test-results/screenshots/live-bindings-form.png', fullPage: true });
  await form.getByLabel('Payload fields', { exact: true }).press('Control+Enter');
  await expect(form).toBeHidden();
  await expect(page.getByTestId('binding-table')).toContainText('→ hq-f1-r1: t');
  await page.getByRole('button', { name: 'Edit binding thermo-1' }).click();
  await expect(form.getByLabel('Device id', { exact: true })).toBeDisabled();
  await expect(form.getByLabel('Payload fields', { exact: true })).toHaveValue('t: telemetry temperature');
  await form.getByLabel('Payload fields', { exact: true }).press('Escape');
  await expect(form).toBeHidden();
  await page.getByRole('button', { name: 'Delete binding thermo-1' }).click();
  await expect(page.getByText('No bindings yet.')).toBeVisible();
});

test('a twin’s telemetry history is charted over a range, and live readings join it', async ({ page, request }) => {
  const send = async (n: number, temperature: number) =>
    expect((await request.post('/digitaltwins/hq-f1-r1/telemetry?api-version=2023-10-31', { headers: { 'Message-Id': `chart-${n}` }, data: { temperature } })).status()).toBe(204);
  for (const [n, temperature] of [19, 20.5, 22, 21].entries()) await send(n, temperature);
  await page.goto('/');
  await page.getByRole('button', { name: 'Live data' }).click();
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page.getByText('Type a twin id and choose a range')).toBeVisible();
  await page.getByLabel('Twin', { exact: true }).fill('hq-f1-r1');
  await page.getByLabel('Range').selectOption('15 minutes');
  await page.getByRole('button', { name: 'Show history' }).click();
  await expect(page.getByRole('checkbox', { name: 'temperature' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'area (property)' })).toBeChecked();
  const chart = page.getByRole('img', { name: 'History of hq-f1-r1: area (property), temperature, thermostat.setpoint (property)' });
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart.locator('.u-legend')).toContainText('temperature');
  await send(9, 23.5);
  await chart.locator('.u-over').hover({ position: { x: 5, y: 100 } });
  await page.screenshot({ path: 'test-results/screenshots/live-chart.png', fullPage: true });
  await page.getByLabel('Twin', { exact: true }).fill('hq');
  await page.getByRole('button', { name: 'Show history' }).click();
  await expect(page.getByTestId('chart-empty')).toHaveText(
    'hq has no telemetry or numeric property changes in this range. Pick a longer range, or start the synthetic devices (Sources tab) and keep the live tail on.',
  );
});
