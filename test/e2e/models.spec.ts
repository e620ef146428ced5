import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';

const fixtures = resolve(import.meta.dirname, '../fixtures/models');

test('uploading models shows problems at their lines, then adds a valid set; a model shows its contents', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Model files').setInputFiles([resolve(fixtures, 'invalid/floor.json')]);
  await expect(page.getByTestId('models-message')).toHaveText('2 problems in 1 file; nothing was added.');
  await expect(page.getByTestId('model-problems')).toContainText('floor.json:7');
  await expect(page.getByTestId('model-problems')).toContainText('valueBelowMin');

  await page.getByLabel('Model files').setInputFiles([resolve(fixtures, 'mini/space.json'), resolve(fixtures, 'mini/room.json')]);
  await expect(page.getByTestId('models-message')).toHaveText('Added 3 models from 2 files.');
  await expect(page.getByText('10 models in this workspace')).toBeVisible();

  await page.getByRole('button', { name: 'dtmi:example:Room;1' }).click();
  const detail = page.getByTestId('model-detail');
  await expect(detail.getByRole('heading')).toHaveText('Room');
  await expect(detail).toContainText('Extends dtmi:example:Space;1');
  await expect(detail.locator('tbody tr')).toHaveText([/temperature\s*Telemetry\s*double \[degreeCelsius\]/, /thermostat\s*Component\s*dtmi:example:Thermostat;1/, /area\s*Property\s*double \[squareMetre\]/]);
  await page.screenshot({ path: 'test-results/screenshots/models.png', fullPage: true });
});

test('a model is decommissioned and deleted from its details; a delete the engine refuses says why', async ({ page, request }) => {
  test.setTimeout(60_000);
  const api = '?api-version=2023-10-31';
  const base = { '@context': 'dtmi:dtdl:context;3', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'note', schema: 'string' }] };
  const created = await request.post(`/models${api}`, { data: [{ ...base, '@id': 'dtmi:e2e:Scratch;1' }, { ...base, '@id': 'dtmi:e2e:ScratchChild;1', extends: 'dtmi:e2e:Scratch;1', contents: [] }] });
  expect(created.status()).toBe(201);
  try {
    await page.goto('/');
    await page.getByRole('button', { name: 'dtmi:e2e:Scratch;1', exact: true }).click();
    const detail = page.getByTestId('model-detail');
    await expect(detail.getByRole('heading')).toHaveText('dtmi:e2e:Scratch;1');
    await detail.getByRole('button', { name: 'Decommission' }).click();
    await expect(detail).toContainText('Decommissioned: new twins cannot use it.');
    await expect(page.getByTestId('models-message')).toHaveText('Decommissioned dtmi:e2e:Scratch;1: twins that use it keep it; new twins cannot.');
    await expect(detail.getByRole('button', { name: 'Decommission' })).toHaveCount(0);

    await detail.getByRole('button', { name: 'Delete…' }).click();
    await detail.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByTestId('model-refusal')).toContainText('dtmi:e2e:ScratchChild;1');
    await page.screenshot({ path: 'test-results/screenshots/model-delete-refused.png', fullPage: true });

    await page.getByRole('button', { name: 'dtmi:e2e:ScratchChild;1', exact: true }).click();
    await expect(detail.getByRole('heading')).toHaveText('dtmi:e2e:ScratchChild;1');
    await detail.getByRole('button', { name: 'Delete…' }).click();
    await detail.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByTestId('models-message')).toHaveText('Deleted dtmi:e2e:ScratchChild;1.');
    await expect(page.getByRole('button', { name: 'dtmi:e2e:ScratchChild;1', exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'dtmi:e2e:Scratch;1', exact: true }).click();
    await expect(detail.getByRole('heading')).toHaveText('dtmi:e2e:Scratch;1');
    await detail.getByRole('button', { name: 'Delete…' }).click();
    await detail.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByTestId('models-message')).toHaveText('Deleted dtmi:e2e:Scratch;1.');
    await expect(page.getByTestId('model-detail')).toHaveCount(0);
  } finally {
    for (const id of ['dtmi:e2e:ScratchChild;1', 'dtmi:e2e:Scratch;1']) await request.delete(`/models/${encodeURIComponent(id)}${api}`);
  }
});
