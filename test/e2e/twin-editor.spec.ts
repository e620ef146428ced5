import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const room = 'e2e-new-room';

// The second test works on the twin the first one makes, and deletes it; this leaves the workspace as found if a step fails.
test.describe.configure({ mode: 'serial' });
test.afterAll(async ({ request }) => {
  const incoming = await request.get(`/digitaltwins/${room}/incomingrelationships?api-version=2023-10-31`);
  if (!incoming.ok()) return;
  for (const relationship of (await incoming.json()).value as { $sourceId: string; $relationshipId: string }[]) {
    await request.delete(`/digitaltwins/${relationship.$sourceId}/relationships/${relationship.$relationshipId}?api-version=2023-10-31`);
  }
  await request.delete(`/digitaltwins/${room}?api-version=2023-10-31`);
});

/** The twin the first test makes, as stored (without its ETag and metadata). */
const vega = { $dtId: room, name: 'Vega', area: 28.5, seats: 8, location: { x: 1, y: 2 }, status: 'booked', openedOn: '2026-03-01', thermostat: { setpoint: 21.5 } };

async function storedRoom(request: APIRequestContext) {
  const twin = await (await request.get(`/digitaltwins/${room}?api-version=2023-10-31`)).json();
  return { ...twin, $etag: undefined, $metadata: undefined, thermostat: { ...twin.thermostat, $metadata: undefined } };
}

async function openGraph(page: Page, twins: number) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Twin graph' }).click();
  // The first load of the graph waits for the page and the query; a loaded machine takes more than the default 5 s.
  await expect(page.getByText(`${twins} twins and 5 relationships`)).toBeVisible({ timeout: 15_000 });
}

async function inspect(page: Page, id: string) {
  await page.getByRole('searchbox', { name: 'Find a twin' }).fill(id);
  await page.getByRole('searchbox', { name: 'Find a twin' }).press('Enter');
  await expect(page.getByTestId('inspector-title')).toHaveText(id);
}

test('a new twin is made from its model’s flattened contents; a wrong-typed value is not sent; the engine’s refusal shows at its field', async ({ page, request }) => {
  test.setTimeout(90_000); // WebGL runs in software (SwiftShader): drawing and layout take seconds on a busy machine.
  await openGraph(page, 6);
  await page.getByRole('button', { name: 'New twin…' }).click();
  const dialog = page.getByTestId('new-twin-dialog');
  await dialog.getByLabel('Model').fill('dtmi:test:campus:ConferenceRoom;1');
  const properties = dialog.getByTestId('twin-properties');
  // Its own property and those inherited from Room and Space, then the thermostat component as a group.
  await expect(properties.locator('label')).toHaveText(['seats', 'status', 'tags', 'location', 'openedOn', 'name', 'area']);
  await expect(dialog.getByTestId('component-thermostat').locator('label')).toHaveText(['setpoint', 'mode']);
  await expect(properties).toContainText('from dtmi:test:campus:Space;1');

  const create = dialog.getByRole('button', { name: 'Create twin' });
  await dialog.getByLabel('Twin id ($dtId)').fill('hq');
  await expect(dialog).toContainText('A twin with id hq already exists.');
  await expect(create).toBeDisabled();
  await dialog.getByLabel('Twin id ($dtId)').fill(room);
  await properties.getByLabel('name', { exact: true }).fill('Vega');
  await properties.getByLabel('area', { exact: true }).fill('28.5');
  await properties.getByLabel('seats').fill('8.5');
  await expect(dialog.getByTestId('field-problem')).toHaveText('seats expects an integer.');
  await expect(create).toBeDisabled();
  await properties.getByLabel('location').fill('{"x": 1, "y": "north"}');
  await expect(dialog.getByTestId('field-problem')).toHaveText(['seats expects an integer.', 'location expects an object {x, y} with y a double.']);
  await page.screenshot({ path: 'test-results/screenshots/new-twin-invalid.png' });
  await properties.getByLabel('seats').fill('8');
  await properties.getByLabel('location').fill('{"x": 1, "y": 2}');
  await properties.getByLabel('status').selectOption('booked');
  await properties.getByLabel('openedOn').fill('2026-03-01');
  await dialog.getByTestId('component-thermostat').getByLabel('setpoint').fill('21.5');
  await expect(dialog.getByTestId('field-problem')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/new-twin.png' });

  // Someone takes the id meanwhile: the engine refuses, and says so at the id.
  const taken = await request.put(`/digitaltwins/${room}?api-version=2023-10-31`, { data: { $metadata: { $model: 'dtmi:test:campus:Sensor;1' } } });
  expect(taken.status()).toBe(200);
  await create.click();
  await expect(dialog.getByTestId('field-problem')).toHaveText(`A twin with id ${room} already exists.`);
  expect((await request.delete(`/digitaltwins/${room}?api-version=2023-10-31`)).status()).toBe(204);

  await dialog.getByLabel('Twin id ($dtId)').fill(room);
  await create.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('inspector-title')).toHaveText(room);
  await expect(page.getByText('7 twins and 5 relationships')).toBeVisible();
  expect(await storedRoom(request)).toEqual(vega);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'test-results/screenshots/new-twin-created.png' });
});

test('relationships are added with typed properties to twins of the target model, refused past maxMultiplicity, and deleted; a twin is deleted with its relationships', async ({ page, request }) => {
  test.setTimeout(90_000);
  await openGraph(page, 7);
  const inspector = page.getByLabel('Inspector');

  // hq-f1 already contains three rooms, the model's maxMultiplicity.
  await inspect(page, 'hq-f1');
  await inspector.getByRole('button', { name: 'Add relationship…' }).click();
  const form = page.getByTestId('new-relationship');
  await expect(form.getByLabel('Target twin', { exact: true }).locator('option')).toHaveText(['e2e-new-room — Vega', 'hq-f1-r1 — Lobby', 'hq-f1-r2 — Orion', 'hq-f1-r3 — Lab']);
  await form.getByLabel('Target twin', { exact: true }).selectOption(room);
  await expect(form.getByLabel('Relationship id')).toHaveValue(`hq-f1-contains-${room}`);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByRole('alert')).toHaveText(`Relationship hq-f1-contains-${room} of hq-f1: twin hq-f1 already has 3 contains relationships, the model's maxMultiplicity.`);
  await page.screenshot({ path: 'test-results/screenshots/new-relationship-refused.png' });
  await form.getByRole('button', { name: 'Cancel' }).click();

  await inspect(page, 'co2-1');
  await inspector.getByRole('button', { name: 'Add relationship…' }).click();
  await form.getByRole('searchbox', { name: 'Search target twins' }).fill('Vega');
  await expect(form.getByLabel('Target twin', { exact: true }).locator('option')).toHaveText(['e2e-new-room — Vega']);
  await form.getByLabel('Target twin', { exact: true }).selectOption(room);
  await form.getByLabel('since').fill('yesterday');
  await expect(form.getByTestId('field-problem')).toHaveText('since expects a dateTime such as 2026-01-31T08:00:00Z.');
  await expect(form.getByRole('button', { name: 'Add' })).toBeDisabled();
  await form.getByLabel('since').fill('2026-03-02T09:00:00Z');
  await form.getByLabel('primary').selectOption('false');
  await page.screenshot({ path: 'test-results/screenshots/new-relationship.png' });
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('relationships-out')).toContainText(`observes → ${room}`);
  await expect(page.getByText('7 twins and 6 relationships')).toBeVisible();
  const relationship = await (await request.get(`/digitaltwins/co2-1/relationships/co2-1-observes-${room}?api-version=2023-10-31`)).json();
  expect({ ...relationship, $etag: undefined }).toEqual({ $relationshipId: `co2-1-observes-${room}`, $sourceId: 'co2-1', $relationshipName: 'observes', $targetId: room, since: '2026-03-02T09:00:00Z', primary: false });

  await inspector.getByRole('button', { name: `Delete relationship co2-1-observes-${room}` }).click();
  await expect(page.getByTestId('relationships-out')).not.toContainText(room);
  await expect(page.getByText('7 twins and 5 relationships')).toBeVisible();
  await inspector.getByRole('button', { name: 'Add relationship…' }).click();
  await form.getByLabel('Target twin', { exact: true }).selectOption(room);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('relationships-out')).toContainText(`observes → ${room}`);

  // ADT refuses to delete a twin that has relationships: the refusal is shown, with the way out.
  await page.getByTestId('relationships-out').getByRole('button', { name: room, exact: true }).click();
  await expect(page.getByTestId('inspector-title')).toHaveText(room);
  await inspector.getByRole('button', { name: 'Delete twin…' }).click();
  await page.getByTestId('delete-twin').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByTestId('delete-twin').getByRole('alert')).toHaveText(`Twin ${room} still has relationships; delete its incoming and outgoing relationships first.`);
  await page.screenshot({ path: 'test-results/screenshots/delete-twin-refused.png' });
  await page.getByRole('button', { name: 'Delete its relationships and the twin' }).click();
  await expect(page.getByTestId('inspector-title')).toHaveCount(0);
  await expect(page.getByText('6 twins and 5 relationships')).toBeVisible();
  expect((await request.get(`/digitaltwins/${room}?api-version=2023-10-31`)).status()).toBe(404);
  expect((await request.get(`/digitaltwins/co2-1/relationships?api-version=2023-10-31`)).ok()).toBe(true);
  const left = await (await request.get(`/digitaltwins/co2-1/relationships?api-version=2023-10-31`)).json();
  expect(left.value.map((item: { $relationshipId: string }) => item.$relationshipId)).toEqual(['co2-1-observes']);

  // The deletion is an edit like any other: undo makes the twin and its relationship again, as they were; redo deletes both.
  await expect(page.getByRole('button', { name: `Undo Delete twin ${room}` })).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('inspector-title')).toHaveText(room);
  await expect(page.getByText('7 twins and 6 relationships')).toBeVisible();
  expect(await storedRoom(request)).toEqual(vega);
  expect({ ...(await (await request.get(`/digitaltwins/co2-1/relationships/co2-1-observes-${room}?api-version=2023-10-31`)).json()), $etag: undefined }).toEqual({
    $relationshipId: `co2-1-observes-${room}`,
    $sourceId: 'co2-1',
    $relationshipName: 'observes',
    $targetId: room,
  });
  await page.getByRole('button', { name: `Redo Delete twin ${room}` }).click();
  await expect(page.getByText('6 twins and 5 relationships')).toBeVisible();
  expect((await request.get(`/digitaltwins/${room}?api-version=2023-10-31`)).status()).toBe(404);
});
