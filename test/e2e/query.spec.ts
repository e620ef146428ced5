import { expect, test } from '@playwright/test';

test('the query console runs a JOIN, shows rows and JSON, and points at errors', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Query' }).click();
  const text = page.getByRole('textbox', { name: 'Query text' });
  await text.fill("SELECT R.name, R.area FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'hq-f1' AND R.area > 40");
  await text.press('Control+Enter');
  await expect(page.getByTestId('query-summary')).toContainText('2 rows');
  await expect(page.getByTestId('result-table').locator('tbody tr')).toHaveText([/1\s*Lobby\s*80/, /2\s*Lab\s*45/]);
  await page.screenshot({ path: 'test-results/screenshots/query.png', fullPage: true });
  await page.getByRole('button', { name: 'JSON' }).click();
  await expect(page.getByTestId('result-json')).toContainText('"name": "Lobby"');

  await text.fill('SELECT * FROM DIGITALTWINS T JOIN R RELATED T.contans');
  await page.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByTestId('query-problem')).toContainText('Line 1, column');
  await expect(page.getByTestId('query-problem')).toContainText('Hint: did you mean T.contains?');
});
