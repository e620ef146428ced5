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
