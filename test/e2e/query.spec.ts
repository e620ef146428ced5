import { expect, test, type Page } from '@playwright/test';

const editor = (page: Page) => page.getByRole('textbox', { name: 'Query text' });

/** Replaces the editor's text by typing it, as a person would (brackets and quotes close themselves). */
async function typeQuery(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

test('the query console runs a JOIN, shows rows and JSON, and marks errors where the engine found them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Query' }).click();
  await editor(page).fill("SELECT R.name, R.area FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'hq-f1' AND R.area > 40");
  await editor(page).press('Control+Enter');
  await expect(page.getByTestId('query-summary')).toContainText('2 rows');
  await expect(page.getByTestId('result-table').locator('tbody tr.row')).toHaveText([/1\s*Lobby\s*80/, /2\s*Lab\s*45/]);
  await expect(page.locator('.cm-content span').filter({ hasText: /^SELECT$/ })).toHaveCSS('font-weight', '600');
  await page.screenshot({ path: 'test-results/screenshots/query.png', fullPage: true });
  await page.getByRole('button', { name: 'JSON' }).click();
  await expect(page.getByTestId('result-json')).toContainText('"name": "Lobby"');

  await editor(page).fill('SELECT * FROM DIGITALTWINS T JOIN R RELATED T.contans');
  await page.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByTestId('query-problem')).toContainText('Line 1, column 47');
  await expect(page.getByTestId('query-problem')).toContainText('Hint: did you mean T.contains?');
  await expect(page.locator('.cm-lintRange-error')).toHaveText('contans');
  await page.screenshot({ path: 'test-results/screenshots/query-error.png', fullPage: true });

  await editor(page).fill('SELECT T.$dtId FROM DIGITALTWINS T ORDER BY T.$dtId');
  await page.getByLabel('ADT dialect only (strict)').check();
  await editor(page).press('Control+Enter');
  await expect(page.getByTestId('query-problem')).toContainText('extended mode');
  await page.getByLabel('ADT dialect only (strict)').uncheck();
  await editor(page).press('Control+Enter');
  await expect(page.getByTestId('query-summary')).toContainText(/\d+ rows/);
});

test('the query editor completes model ids, properties, relationships and aliases from the models', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Query' }).click();
  const popup = page.locator('.cm-tooltip-autocomplete');

  await typeQuery(page, "SELECT * FROM DIGITALTWINS Space WHERE IS_OF_MODEL(Space, 'dtmi:test:campus:Ro");
  await expect(popup).toContainText('dtmi:test:campus:Room;1');
  await page.screenshot({ path: 'test-results/screenshots/query-complete-model.png', fullPage: true });
  await page.keyboard.press('Enter');
  await expect(editor(page)).toHaveText("SELECT * FROM DIGITALTWINS Space WHERE IS_OF_MODEL(Space, 'dtmi:test:campus:Room;1')");

  await typeQuery(page, 'SELECT Space.ar');
  await expect(popup).toContainText('area');
  await page.keyboard.press('Escape');
  await typeQuery(page, 'SELECT R FROM DIGITALTWINS F JOIN R RELATED F.con');
  await expect(popup.getByRole('option').first()).toContainText('contains');
  await page.keyboard.press('Escape');
  await typeQuery(page, 'SELECT * FROM DIGITALTWINS Building WHERE Bui');
  await expect(popup.getByRole('option').first()).toContainText('Building');
  await page.screenshot({ path: 'test-results/screenshots/query-complete-alias.png', fullPage: true });
});

test('saved queries and the history live in the workspace, and results export to CSV', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Query' }).click();
  await editor(page).fill("SELECT R.name FROM DIGITALTWINS R WHERE IS_OF_MODEL(R, 'dtmi:test:campus:Room;1') AND R.area > 40");
  await editor(page).press('Control+Enter');
  await expect(page.getByTestId('query-summary')).toContainText('2 rows');
  await expect(page.getByTestId('query-history').locator('li').first()).toContainText('2 rows');

  await page.getByRole('button', { name: 'Save…' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Big rooms');
  await page.getByRole('button', { name: 'Save in workspace' }).click();
  await expect(page.getByTestId('saved-queries')).toContainText('Big rooms');

  await page.getByRole('button', { name: 'Export…' }).click();
  const path = page.getByRole('textbox', { name: "File on the engine's machine" });
  await expect(path).toHaveValue(/E2E campus\/results-\d{8}-\d{6}\.csv$/);
  await page.getByRole('button', { name: 'Export every row' }).click();
  await expect(page.getByTestId('export-message')).toContainText(/^Wrote 2 rows to .*\.csv\.$/);
  await page.getByLabel('Format').selectOption('parquet');
  await expect(path).toHaveValue(/\.parquet$/);
  await page.getByRole('button', { name: 'Export every row' }).click();
  await expect(page.getByTestId('export-message')).toContainText(/^Wrote 2 rows to .*\.parquet\.$/);
  await page.screenshot({ path: 'test-results/screenshots/query-saved-export.png', fullPage: true });

  await page.reload();
  await page.getByRole('button', { name: 'Query' }).click();
  await editor(page).fill('SELECT COUNT() FROM DIGITALTWINS');
  await page.getByTestId('saved-queries').getByRole('button', { name: /^Big rooms/ }).click();
  await expect(editor(page)).toContainText('R.area > 40');
  await page.getByRole('button', { name: 'Delete saved query Big rooms' }).click();
  await expect(page.getByTestId('saved-queries')).toHaveCount(0);
});

test('property indexes are listed, added and dropped beside the console, and filters answer the same', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Query' }).click();
  const indexes = page.getByRole('region', { name: 'Property indexes' });
  await expect(indexes).toContainText('None.');
  await indexes.getByLabel('Property to index').fill('area');
  await indexes.getByRole('button', { name: 'Index', exact: true }).click();
  await expect(indexes.getByRole('status')).toContainText(/^Indexed area in \d+\.\d s\.$/);
  await expect(page.getByTestId('property-indexes').locator('li')).toHaveText([/area/]);
  await editor(page).fill("SELECT R.name, R.area FROM DIGITALTWINS R WHERE IS_OF_MODEL(R, 'dtmi:test:campus:Room;1') AND R.area > 40 ORDER BY R.area");
  await editor(page).press('Control+Enter');
  await expect(page.getByTestId('result-table').locator('tbody tr.row')).toHaveText([/1\s*Lab\s*45/, /2\s*Lobby\s*80/]);
  await indexes.getByLabel('Property to index').fill('not-a-name');
  await indexes.getByRole('button', { name: 'Index', exact: true }).click();
  await expect(indexes.getByRole('alert')).toContainText('"not-a-name" is not');
  await page.screenshot({ path: 'test-results/screenshots/query-indexes.png', fullPage: true });
  await page.getByRole('button', { name: 'Drop the index of area' }).click();
  await expect(indexes.getByRole('status')).toHaveText('Dropped the index of area.');
  await expect(indexes).toContainText('None.');
});
