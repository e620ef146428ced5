import { expect, test } from '@playwright/test';

test('the workbench shell connects over the server and shows the workspace and its models', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto('/');
  await expect(page.getByTestId('connection-status')).toHaveText('Connected (server)');
  await expect(page.getByTestId('workspace-name')).toHaveText('E2E campus');
  await expect(page).toHaveTitle('E2E campus — Twinbench');
  await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('button')).toHaveText([
    'Models',
    'Twin graph',
    'Query',
    'Analytics',
    'Live data',
    'Events',
    'Simulation',
    '3D',
    'Access',
    'Import / export',
  ]);
  await expect(page.getByRole('heading', { name: 'Models' })).toBeVisible();
  await expect(page.getByText(/^\d+ models in this workspace$/)).toBeVisible();
  await expect(page.getByTestId('models-table')).toContainText('dtmi:test:campus:Building;1');
  await page.getByRole('searchbox', { name: 'Filter models' }).fill('test:campus');
  await expect(page.getByTestId('models-table').locator('tbody tr')).toHaveCount(7);
  await page.screenshot({ path: 'test-results/screenshots/shell.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('renaming the workspace in the header persists through the engine', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('workspace-name').click();
  const input = page.getByRole('textbox', { name: 'Workspace name' });
  await input.fill('   ');
  await input.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('A workspace name must have 1 to 100 characters; got 0.');
  await input.fill('Harbour works');
  await input.press('Enter');
  await expect(page.getByTestId('workspace-name')).toHaveText('Harbour works');
  await page.reload();
  await expect(page.getByTestId('workspace-name')).toHaveText('Harbour works');
  await page.getByTestId('workspace-name').click();
  await page.getByRole('textbox', { name: 'Workspace name' }).fill('E2E campus');
  await page.getByRole('textbox', { name: 'Workspace name' }).press('Enter');
  await expect(page.getByTestId('workspace-name')).toHaveText('E2E campus');
});
