import { expect, test } from '@playwright/test';

test('the twin graph draws every twin, finds one and inspects it', async ({ page }) => {
  test.setTimeout(60_000); // WebGL runs in software (SwiftShader): drawing and layout take seconds on a busy machine.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/');
  await page.getByRole('button', { name: 'Twin graph' }).click();
  await expect(page.getByText('6 twins and 5 relationships')).toBeVisible();
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Find a twin' }).fill('Lobby');
  await page.getByRole('searchbox', { name: 'Find a twin' }).press('Enter');
  await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1-r1');
  await expect(page.getByTestId('inspector-properties').getByRole('row', { name: /^area/ })).toContainText('80');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'test-results/screenshots/graph.png', fullPage: true });
  expect(problems).toEqual([]);
});
