import { expect, test } from '@playwright/test';

test('live data shows readings from the synthetic devices as they arrive, and stops them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Live data' }).click();
  await expect(page.getByTestId('synthetic-toggle')).toHaveText('Start synthetic devices');
  await page.getByTestId('synthetic-toggle').click();
  await expect(page.getByTestId('synthetic-toggle')).toHaveText('Stop synthetic devices');
  await expect(page.getByTestId('live-summary')).toContainText('running, 3 devices every 5 s');
  await expect(page.getByTestId('live-table').locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/live.png', fullPage: true });
  await page.getByTestId('synthetic-toggle').click();
  await expect(page.getByTestId('live-summary')).toContainText('Synthetic devices: stopped');
});
