import { expect, test } from '@playwright/test';

test('the access area creates a token, saves a policy and explains a decision', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Access' }).click();
  await expect(page.getByTestId('access-me')).toContainText('the workspace owner');

  await page.getByLabel('Subject', { exact: true }).fill('alice');
  await page.getByLabel('Groups', { exact: true }).fill('facilities');
  await page.getByTestId('token-create').click();
  await expect(page.getByTestId('token-secret')).toContainText('copy it now');
  await expect(page.getByTestId('token-secret').locator('code')).toHaveText(/^tbk_[0-9a-f]{12}_/);
  await expect(page.getByTestId('token-table').locator('tbody tr')).toHaveCount(1);

  await page.getByTestId('policy-new').click();
  const editor = page.getByTestId('policy-editor');
  await editor.fill('{ "id": "broken" ');
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('policy-error')).toContainText('Not valid JSON');
  await editor.fill(JSON.stringify({ id: 'facilities', subjects: ['group:facilities'], entries: [{ resource: { kind: 'workspace' }, grant: ['read', 'query'] }] }, null, 2));
  await page.getByTestId('policy-save').click();
  await expect(page.getByRole('button', { name: 'facilities', exact: true })).toBeVisible();

  await page.getByLabel('Check subject').fill('alice');
  await page.getByLabel('Check groups').fill('facilities');
  await page.getByLabel('Permission').selectOption('query');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('access-decision')).toHaveText('Allowed by grant in policy facilities, entry 0');
  await page.screenshot({ path: 'test-results/screenshots/access.png', fullPage: true });
});
