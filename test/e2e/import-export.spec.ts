import { expect, test } from '@playwright/test';

test('the graph goes out and back in, a bad file gets a report of every refused record, telemetry comes in and history goes out', async ({ page }) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/');
  await page.getByRole('button', { name: 'Import / export' }).click();
  await expect(page.getByRole('heading', { name: 'Import / export', level: 1 })).toBeVisible();
  await expect(page.getByTestId('jobs-empty')).toContainText('No imports or exports yet.');
  const dialog = page.getByTestId('transfer-dialog');

  // Export the graph as ADT Explorer JSON into the workspace…
  await page.getByTestId('open-graph-export').click();
  await expect(dialog.getByRole('heading', { name: 'Export the graph' })).toBeVisible();
  const exported = await dialog.getByTestId('transfer-output').inputValue();
  expect(exported).toMatch(/\/E2E campus\/graph-\d{8}-\d{6}\.json$/);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByTestId('transfer-message')).toHaveText(`Wrote 7 models, 6 twins and 5 relationships to ${exported}.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // …and import it again from its path: the same twins and relationships, nothing refused.
  await page.getByTestId('open-graph-import').click();
  await dialog.getByTestId('transfer-path').fill(exported);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('transfer-message')).toHaveText(/^Imported \d+ models, 6 twins, 5 relationships\.$/);
  await expect(dialog.getByTestId('job-report')).toContainText('No record was refused · Succeeded.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // An uploaded CSV whose twins name a model the workspace lacks: all or nothing refuses it whole…
  const csv = { name: 'new rooms.csv', mimeType: 'text/csv', buffer: Buffer.from('$dtId,$model,name\nannex-1,dtmi:test:campus:Annex;1,East\nannex-2,dtmi:test:campus:Annex;1,West\n') };
  await page.getByTestId('open-graph-import').click();
  await dialog.getByTestId('transfer-file').setInputFiles(csv);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('transfer-error')).toContainText('Nothing was changed');
  await expect(dialog.getByTestId('transfer-path')).toHaveValue(/\/E2E campus\/imports\/new rooms\.csv$/);

  // …best effort applies what is valid and lists each refused record with its line.
  await dialog.getByTestId('transfer-best-effort').check();
  await dialog.getByRole('button', { name: 'Import again' }).click();
  await expect(dialog.getByTestId('transfer-message')).toHaveText('Imported 0 models, 0 twins, 0 relationships; 2 records were refused (see the report below).');
  const refused = dialog.getByRole('table', { name: 'Refused records' }).locator('tbody tr');
  await expect(refused).toHaveCount(2);
  await expect(refused.first()).toContainText('Twins');
  await expect(refused.first()).toContainText('annex-1');
  await expect(refused.first()).toContainText('ModelNotFound');
  await page.screenshot({ path: 'test-results/screenshots/import-export.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The jobs of the session, each with its report.
  const jobs = page.getByTestId('jobs-table').locator('tbody tr');
  await expect(jobs).toHaveCount(4);
  await jobs.first().getByRole('button', { name: /^Report of / }).click();
  await expect(page.getByTestId('job-report')).toContainText('2 refused records');

  // Telemetry from an uploaded CSV, then the history of that twin out to Parquet.
  await page.getByTestId('open-telemetry-import').click();
  await dialog.getByTestId('transfer-file').setInputFiles({ name: 'readings.csv', mimeType: 'text/csv', buffer: Buffer.from('twin_id,time,name,value\nhq-f1-r1,2024-03-01T08:00:00Z,temperature,21.5\nhq-f1-r1,2024-03-01T09:00:00Z,temperature,22\n') });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('transfer-message')).toHaveText('Stored 2 readings of 1 twin.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByTestId('open-history-export').click();
  await dialog.getByLabel(/^Twins/).fill("SELECT * FROM DIGITALTWINS WHERE $dtId = 'hq-f1-r1'");
  await dialog.getByLabel('From (local time)').fill('2024-01-01T00:00');
  await dialog.getByLabel('Format').selectOption('parquet');
  await expect(dialog.getByTestId('transfer-output')).toHaveValue(/telemetry-\d{8}-\d{6}\.parquet$/);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByTestId('transfer-message')).toHaveText(/^Wrote 2 readings to .*\.parquet\.$/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Query results, and a path the engine cannot write, said plainly.
  await page.getByTestId('open-query-export').click();
  await dialog.getByLabel('Format').selectOption('ndjson');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByTestId('transfer-message')).toHaveText(/^Wrote 6 rows to .*\.ndjson\.$/);
  await dialog.getByTestId('transfer-output').fill('/nowhere/at/all/results.csv');
  await dialog.getByRole('button', { name: 'Export again' }).click();
  await expect(dialog.getByTestId('transfer-error')).toHaveText('Cannot write /nowhere/at/all/results.csv: its folder does not exist. Choose a file in a folder that exists and that the engine may write.');
  await page.screenshot({ path: 'test-results/screenshots/import-export-error.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Use the light theme' }).click();
  await page.screenshot({ path: 'test-results/screenshots/import-export-light.png' });
  await page.getByRole('button', { name: 'Use the dark theme' }).click();
  expect(problems).toEqual([]);
});
