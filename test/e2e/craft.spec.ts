import { expect, test } from '@playwright/test';

test('the theme switches between dark and light and is remembered', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Use the light theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.getByRole('button', { name: 'Query' }).click();
  await page.screenshot({ path: 'test-results/screenshots/light-theme.png', fullPage: true });
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Use the dark theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('the command palette finds areas and commands by a few letters', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox', { name: 'Type a command' }).fill('twgr');
  await expect(palette.getByRole('option').first()).toContainText('Twin graph');
  await page.screenshot({ path: 'test-results/screenshots/command-palette.png', fullPage: true });
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Twin graph' })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Control+Shift+P');
  await palette.getByRole('combobox').fill('zzzz');
  await expect(palette.getByRole('option')).toHaveText('No command matches “zzzz”. Try an area’s name, “theme” or “undo”.');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toContainText('Open the command palette');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
});

test('panels resize by dragging or with the keyboard and keep their sizes', async ({ page }) => {
  await page.goto('/');
  const splitter = page.getByRole('separator', { name: 'Resize the navigation' });
  await expect(splitter).toHaveAttribute('aria-valuenow', '200');
  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', '280');
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x - 38, box.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect(splitter).toHaveAttribute('aria-valuenow', '240');
  expect(Math.round((await page.getByRole('navigation', { name: 'Areas' }).boundingBox())!.width)).toBe(240);
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize the navigation' })).toHaveAttribute('aria-valuenow', '240');
  await page.getByRole('separator', { name: 'Resize the navigation' }).dblclick();
  await expect(page.getByRole('separator', { name: 'Resize the navigation' })).toHaveAttribute('aria-valuenow', '200');
});

test('edits of a twin undo and redo, from the keyboard and the toolbar', async ({ page }) => {
  test.setTimeout(60_000); // WebGL runs in software (SwiftShader): drawing and layout take seconds on a busy machine.
  await page.goto('/');
  await page.getByRole('button', { name: 'Twin graph' }).click();
  await page.getByRole('searchbox', { name: 'Find a twin' }).fill('Lobby');
  await page.getByRole('searchbox', { name: 'Find a twin' }).press('Enter');
  await expect(page.getByTestId('inspector-title')).toHaveText('hq-f1-r1');
  const area = page.getByTestId('inspector-properties').getByRole('row', { name: /^area/ });
  await expect(area).toContainText('80');
  await page.getByTestId('inspector-properties').getByRole('button', { name: /^Edit area/ }).click();
  await page.getByRole('textbox', { name: 'Value of area' }).fill('95');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(area).toContainText('95');
  const undo = page.getByRole('button', { name: 'Undo Edit area of hq-f1-r1' });
  await expect(undo).toBeEnabled();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(area).toContainText('80');
  await page.keyboard.press('Control+Shift+Z');
  await expect(area).toContainText('95');
  await page.screenshot({ path: 'test-results/screenshots/undo-redo.png', fullPage: true });
  await undo.click();
  await expect(area).toContainText('80');
  await expect(page.getByRole('button', { name: 'Redo Edit area of hq-f1-r1' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Nothing to undo' })).toBeDisabled();
});
