import { expect, test } from '@playwright/test';

test('the analytics console answers DuckDB SQL over the history and refuses writes', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Analytics' }).click();
  const text = page.getByRole('textbox', { name: 'Analytics SQL' });
  await text.fill("SELECT TwinId, Action, ModelId FROM twin_lifecycle_events WHERE TwinId LIKE 'hq%' ORDER BY TwinId");
  await text.press('Control+Enter');
  await expect(page.getByTestId('analytics-summary')).toContainText('5 rows');
  await expect(page.getByTestId('result-table').locator('tbody tr').first()).toContainText('hq');
  await page.screenshot({ path: 'test-results/screenshots/analytics.png', fullPage: true });
  await text.fill('DELETE FROM telemetry');
  await text.press('Control+Enter');
  await expect(page.getByTestId('analytics-problem')).toContainText('DELETE');
});
