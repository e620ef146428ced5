import { expect, test, type Page } from '@playwright/test';

async function runRow(page: Page, index: number) {
  return page.getByTestId('runs-table').locator('tbody tr').nth(index);
}

test('a scenario is edited as a form and as JSON, checked by the engine at its fields, run, compared and cancelled', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/');
  await page.getByRole('button', { name: 'Simulation' }).click();
  await expect(page.getByRole('heading', { name: 'Simulation', level: 1 })).toBeVisible();
  await expect(page.getByTestId('runs-empty')).toContainText('No runs yet.');
  await expect(page.getByTestId('scenario-status')).toHaveText('Ready to run.');

  // The engine's problems appear at the field, and the run waits for them to be fixed.
  const horizon = page.getByLabel('Horizon (hours)');
  await horizon.fill('-5');
  await expect(page.getByTestId('field-problem')).toHaveText('must be > 0 (got -5)');
  await expect(horizon).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('scenario-status')).toHaveText('1 problem to fix before it runs.');
  await expect(page.getByTestId('sim-run')).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/simulation-problem.png' });
  await horizon.fill('48');
  await expect(page.getByTestId('scenario-status')).toHaveText('Ready to run.');

  // An intervention naming a twin that is not there is refused at its target.
  await page.getByLabel('Add', { exact: true }).selectOption('fail');
  await page.getByRole('button', { name: 'Add intervention' }).click();
  await page.getByLabel('Target twin (zone, floor, building, AHU or VAV)').fill('ahu-9');
  await expect(page.getByTestId('field-problem')).toHaveText('there is no twin ahu-9');
  await page.getByRole('button', { name: 'Remove intervention 1' }).click();
  await expect(page.getByTestId('scenario-status')).toHaveText('Ready to run.');

  // The JSON view is the same scenario: edits in either show in the other.
  await page.getByRole('tab', { name: 'JSON' }).click();
  const json = page.getByLabel(/The same scenario as JSON/);
  await expect(json).toHaveValue(/"horizonHours": 48/);
  const text = await json.inputValue();
  await json.fill(text.replace('"seed": 1', '"seed": 7'));
  await page.getByRole('tab', { name: 'Form' }).click();
  await expect(page.getByLabel('Seed')).toHaveValue('7');

  // The baseline run.
  await page.getByLabel('Baseline').check();
  await page.getByTestId('sim-run').click();
  await expect((await runRow(page, 0)).locator('.succeeded')).toHaveText('succeeded', { timeout: 20_000 });
  await expect(await runRow(page, 0)).toContainText('baseline');

  // A hotter week, as a second run.
  await page.getByLabel('Baseline').uncheck();
  await page.getByLabel('Add', { exact: true }).selectOption('offsetOutdoorTemperature');
  await page.getByRole('button', { name: 'Add intervention' }).click();
  await page.getByLabel('Outdoor temperature + K').fill('8');
  await expect(page.getByTestId('scenario-status')).toHaveText('Ready to run.');
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('runs-table').locator('tbody tr .succeeded')).toHaveCount(2, { timeout: 20_000 });

  // Compare the baseline (A) with the hotter run (B): key figures with deltas and zones over time.
  await page.getByTestId('sim-compare').click();
  const kpis = page.getByTestId('kpi-table');
  await expect(kpis.locator('tbody tr')).toHaveCount(15);
  await expect(kpis.locator('tbody tr', { hasText: 'Total energy' })).toContainText('kWh');
  await expect(kpis.locator('tbody tr', { hasText: 'Peak operative temperature' }).locator('td.up')).toHaveText(/^\+\d/);
  await expect(page.getByTestId('zone-deltas').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('zone-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('zone-chart')).toContainText('hq-f1-r1 (A)');
  await expect(page.getByTestId('zone-chart')).toContainText('hq-f1-r1 (B)');
  await page.getByLabel('Chart', { exact: true }).selectOption('co2');
  await expect(page.getByTestId('zone-chart')).toHaveAttribute('aria-label', /^co2 of /);
  await page.getByRole('heading', { name: /^Comparison:/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/simulation.png' });
  await page.getByTestId('kpi-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/simulation-kpis.png' });
  await page.getByRole('heading', { name: 'Runs' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/simulation-runs.png' });

  // A ten-year run at one-minute steps is cancelled from the runs list.
  await page.getByLabel('Horizon (hours)').fill('87600');
  await page.getByLabel('Step').selectOption('1');
  await expect(page.getByTestId('scenario-status')).toHaveText('Ready to run.');
  await page.getByTestId('sim-run').click();
  const running = await runRow(page, 0);
  await expect(running.getByRole('progressbar')).toBeVisible();
  await running.getByRole('button', { name: /^Cancel / }).click();
  await expect(running.locator('.cancelled')).toHaveText('cancelled', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Use the light theme' }).click();
  await page.getByRole('heading', { name: /^Comparison:/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/simulation-light.png' });
  await page.getByRole('button', { name: 'Use the dark theme' }).click();
  expect(problems).toEqual([]);
});
