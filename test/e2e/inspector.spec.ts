import { expect, test } from '@playwright/test';

test('the inspector shows a twin, checks edits against the model, sends them and handles a conflict', async ({ page, request }) => {
  test.setTimeout(60_000); // WebGL runs in software (SwiftShader): drawing and layout take seconds on a busy machine.
  await page.goto('/');
  await page.getByRole('button', { name: 'Twin graph' }).click();
  await page.getByRole('searchbox', { name: 'Find a twin' }).fill('Orion');
  await page.getByRole('searchbox', { name: 'Find a twin' }).press('Enter');
  await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1-r2');
  const properties = page.getByTestId('inspector-properties');
  await expect(properties.getByRole('row', { name: /^seats/ })).toContainText('12');
  await expect(page.getByTestId('relationships-in')).toContainText('co2-1 → observes');
  await expect(page.getByRole('heading', { name: 'Component thermostat' })).toBeVisible();

  await properties.getByRole('button', { name: 'Edit seats (integer)' }).click();
  const seats = page.getByRole('textbox', { name: 'Value of seats' });
  await seats.fill('12.5');
  await expect(properties.getByRole('alert')).toHaveText('seats expects an integer.');
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/inspector-invalid.png', fullPage: true });
  await seats.fill('14');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(properties.getByRole('row', { name: /^seats/ })).toContainText('14');
  await expect(properties.getByRole('row', { name: /^seats/ })).toContainText('updated');

  await properties.getByRole('button', { name: /^Edit status/ }).click();
  await page.getByRole('textbox', { name: 'Value of status' }).fill('free');
  // Someone else changes the twin meanwhile: the inspector refreshes live, keeps the edit, and If-Match catches it.
  const other = await request.patch('/digitaltwins/hq-f1-r2?api-version=2023-10-31', {
    headers: { 'Content-Type': 'application/json-patch+json' },
    data: JSON.stringify([{ op: 'replace', path: '/status', value: 'booked' }, { op: 'replace', path: '/area', value: 33 }]),
  });
  expect(other.status()).toBe(204);
  await expect(properties.getByRole('row', { name: /^area/ })).toContainText('33');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('edit-conflict')).toContainText('This twin changed after you started editing.');
  await expect(page.getByTestId('edit-conflict')).toContainText('status = booked');
  await page.screenshot({ path: 'test-results/screenshots/inspector-conflict.png', fullPage: true });
  await page.getByRole('button', { name: 'Apply my edits over theirs' }).click();
  await expect(page.getByTestId('edit-conflict')).toHaveCount(0);
  await expect(properties.getByRole('row', { name: /^status/ })).toContainText('free');

  await page.getByTestId('relationships-in').getByRole('button', { name: 'hq-f1' }).click();
  await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1');
  await expect(page.getByTestId('relationships-out')).toContainText('contains → hq-f1-r1');
  await page.screenshot({ path: 'test-results/screenshots/inspector.png', fullPage: true });
});

test('the inspector draws recent telemetry as sparklines and adds readings as they arrive', async ({ page, request }) => {
  test.setTimeout(60_000); // WebGL runs in software (SwiftShader): drawing and layout take seconds on a busy machine.
  const publish = async (temperature: number, n: number) => {
    const response = await request.post('/digitaltwins/hq-f1-r3/telemetry?api-version=2023-10-31', { headers: { 'Message-Id': `spark-${n}` }, data: { temperature } });
    expect(response.status()).toBe(204);
  };
  await publish(20.5, 1);
  await publish(21, 2);
  await page.goto('/');
  await page.getByRole('button', { name: 'Twin graph' }).click();
  await page.getByRole('searchbox', { name: 'Find a twin' }).fill('Lab');
  await page.getByRole('searchbox', { name: 'Find a twin' }).press('Enter');
  await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1-r3');
  const sparklines = page.getByTestId('inspector-telemetry');
  await expect(sparklines.getByRole('img', { name: 'temperature, the last 2 readings' })).toBeVisible();
  await expect(sparklines).toContainText('21');
  await publish(23.25, 3);
  await expect(sparklines.getByRole('img', { name: 'temperature, the last 3 readings' })).toBeVisible();
  await expect(sparklines).toContainText('23.25');
  await page.screenshot({ path: 'test-results/screenshots/inspector-telemetry.png', fullPage: true });
});

test('a property a rule sets shows its rule trace: which rule, when, the value and the change behind it', async ({ page, request }) => {
  const api = '?api-version=2023-10-31';
  const before = (await (await request.get(`/digitaltwins/hq-f1${api}`)).json()) as { level?: number; area?: number };
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'Events' }).click();
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByTestId('rule-new').click();
  const form = page.getByTestId('rule-form');
  await form.getByLabel('Id', { exact: true }).fill('e2e-floor-area');
  await form.getByLabel('Model', { exact: true }).fill('dtmi:test:campus:Floor;1');
  await form.getByLabel('Property', { exact: true }).fill('area');
  await form.getByLabel('Expression', { exact: true }).fill('level * 100 + 50');
  await form.getByRole('button', { name: 'Create rule' }).click();
  await expect(form).toBeHidden();
  try {
    expect((await request.patch(`/digitaltwins/hq-f1${api}`, { data: [{ op: 'add', path: '/level', value: 7 }] })).status()).toBe(204);
    await expect.poll(async () => ((await (await request.get(`/digitaltwins/hq-f1${api}`)).json()) as { area?: number }).area).toBe(750);

    await page.getByRole('button', { name: 'Twin graph' }).click();
    await page.getByRole('searchbox', { name: 'Find a twin' }).fill('hq-f1');
    await page.getByRole('searchbox', { name: 'Find a twin' }).press('Enter');
    await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1');
    const area = page.getByTestId('inspector-properties').getByRole('row', { name: /^area/ });
    await expect(area.getByTestId('rule-trace')).toContainText('set by rule e2e-floor-area (derive)');
    await area.getByTestId('rule-trace').locator('summary').click();
    await expect(area.getByRole('list', { name: 'Rule trace of area' }).getByRole('listitem').first()).toContainText(/: 750 by e2e-floor-area, because of property level of hq-f1/);
    await page.screenshot({ path: 'test-results/screenshots/inspector-rule-trace.png', fullPage: true });
  } finally {
    await page.getByRole('button', { name: 'Events' }).click();
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'Delete rule e2e-floor-area' }).click();
    await expect(page.getByText('No rules yet.')).toBeVisible();
    const restore = (name: 'level' | 'area') => (before[name] === undefined ? { op: 'remove', path: `/${name}` } : { op: 'add', path: `/${name}`, value: before[name] });
    expect((await request.patch(`/digitaltwins/hq-f1${api}`, { data: [restore('level'), restore('area')] })).status()).toBe(204);
  }
});
