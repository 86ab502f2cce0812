// The cardiovascular risk view against the sandbox (real authorization server and FHIR server) at a 360-px EHR
// side panel and at 1280 px: inputs with their provenance, questions, stale values, mmol/L, out of range, what-if,
// scopes not granted; no sideways scrolling and no serious axe violation. Screenshots go to /tmp/risk-shots.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations } from './a11y';
import { ehrLaunch, overrideStandaloneScopes, sandbox, signIn } from './sandbox';

const SHOTS = process.env.RISK_SHOTS_DIR ?? '/tmp/risk-shots';
const HEIGHT = 800;
const PERCENT = /^\d{1,2}\.\d%$/;

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
test.beforeEach(async () => {
  await sandbox.reset();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Chart views' });
const inputRow = (page: Page, label: string) => page.getByRole('list', { name: 'Risk inputs' }).getByRole('listitem').filter({ has: page.locator('.risk-input__label', { hasText: label }) });
const score = (page: Page, title: string) => page.getByRole('article', { name: title });

async function openRisk(page: Page): Promise<void> {
  await nav(page).getByRole('link', { name: 'Risk', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Inputs' })).toBeVisible();
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expect(page.getByText('Reading the chart…')).toHaveCount(0);
}

async function check(page: Page, what: string, shot?: string): Promise<void> {
  await expectNoHorizontalOverflow(page, what);
  await expectNoSeriousA11yViolations(page, what);
  if (shot) await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
}

for (const width of [360, 1280] as const) {
  test(`p-risk-complete at ${width} px: Summary card, every input with its source, both scores, what-if`, async ({ page }) => {
    await page.setViewportSize({ width, height: HEIGHT });
    await ehrLaunch(page, 'p-risk-complete');
    await expect(page.getByRole('heading', { level: 1, name: 'Marcus Reed' })).toBeVisible();
    const card = page.getByRole('region', { name: 'Cardiovascular risk' });
    const rows = card.getByRole('list', { name: '10-year cardiovascular risk' }).getByRole('listitem');
    await expect(rows).toHaveCount(2);
    for (const row of await rows.all()) await expect(row.locator('strong')).toHaveText(PERCENT);
    await expect(page.locator('.skeleton')).toHaveCount(0);
    await check(page, `summary with risk card at ${width} px`, `summary-${width}`);

    await openRisk(page);
    await expect(inputRow(page, 'Total cholesterol').locator('.risk-input__value')).toHaveText('212 mg/dL');
    await expect(inputRow(page, 'Total cholesterol')).toContainText('Lab result (LOINC 2093-3)');
    await expect(inputRow(page, 'Systolic blood pressure').locator('.risk-input__value')).toHaveText('136 mmHg');
    await expect(inputRow(page, 'Race').locator('.risk-input__value')).toHaveText('Black or African American');
    await expect(inputRow(page, 'Smoking').locator('.risk-input__value')).toHaveText('Current smoker');
    await expect(inputRow(page, 'Diabetes').locator('.risk-input__value')).toHaveText('No');
    await expect(inputRow(page, 'Diabetes')).toContainText('No active diabetes among 1 condition on record');
    await expect(inputRow(page, 'Treated for high blood pressure')).toContainText('amlodipine 5 MG Oral Tablet');
    await expect(page.locator('.risk-badge--stale')).toHaveCount(0);
    await expect(score(page, 'Framingham general CVD').locator('.risk-score__value')).toHaveText(/^\d{1,2}\.\d% 10-year risk$/);
    await expect(score(page, 'Pooled Cohort Equations (ASCVD)').locator('.risk-score__value')).toHaveText(/^\d{1,2}\.\d% 10-year risk$/);
    await check(page, `risk view at ${width} px`, `risk-complete-${width}`);

    // What-if: stop smoking and lower the blood pressure; the chart's risk stays, the hypothetical one falls.
    const whatIf = page.getByRole('region', { name: 'What if…' });
    const pce = whatIf.getByRole('row', { name: /^Pooled Cohort/ }).getByRole('cell');
    const chart = await pce.nth(0).textContent();
    await whatIf.getByRole('button', { name: 'Stop smoking' }).click();
    await whatIf.getByRole('button', { name: 'Systolic 120 mmHg' }).click();
    await expect(pce.nth(1)).toHaveText(/^\d{1,2}\.\d% \(−\d+\.\d points\)$/);
    await expect(pce.nth(0)).toHaveText(chart!);
    expect(Number.parseFloat((await pce.nth(1).textContent())!)).toBeLessThan(Number.parseFloat(chart!));
    await expect(whatIf.getByText('Changed from Current smoker')).toBeVisible();
    await check(page, `what-if at ${width} px`, `risk-what-if-${width}`);
  });
}

test('the other risk patients at 360 px: questions, stale values, mmol/L, out of range', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: HEIGHT });

  await ehrLaunch(page, 'p-risk-missing');
  await expect(page.getByRole('heading', { level: 1, name: 'Elena Vasquez' })).toBeVisible();
  await openRisk(page);
  await expect(score(page, 'Framingham general CVD')).toContainText('Not calculated. Missing: HDL cholesterol, systolic blood pressure, smoking, diabetes and treated for high blood pressure.');
  await expect(page.getByRole('combobox', { name: 'Diabetes', exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'HDL cholesterol (mg/dL)', exact: true }).fill('52');
  await page.getByRole('textbox', { name: 'Systolic blood pressure (mmHg)', exact: true }).fill('132');
  await page.getByRole('combobox', { name: 'Smoking', exact: true }).selectOption('Not a current smoker');
  for (const name of ['Diabetes', 'Treated for high blood pressure']) await page.getByRole('combobox', { name, exact: true }).selectOption('No');
  await expect(score(page, 'Framingham general CVD').locator('.risk-score__value')).toHaveText(/^\d{1,2}\.\d% 10-year risk$/);
  await expect(score(page, 'Pooled Cohort Equations (ASCVD)')).toContainText('Missing: Race.');
  await check(page, 'p-risk-missing, answered', 'risk-missing-360');

  await ehrLaunch(page, 'p-risk-stale');
  await expect(page.getByRole('heading', { level: 1, name: 'Gordon Blake' })).toBeVisible();
  await openRisk(page);
  for (const label of ['Total cholesterol', 'HDL cholesterol', 'Systolic blood pressure', 'Smoking']) await expect(inputRow(page, label).locator('.risk-badge--stale')).toHaveText('Stale');
  await expect(inputRow(page, 'Systolic blood pressure')).toContainText('systolic blood pressure (LOINC 8480-6)');
  await expect(inputRow(page, 'Smoking')).toContainText('A former smoker counts as a non-smoker in both equations.');
  await expect(inputRow(page, 'Diabetes')).toContainText('Condition: Type 2 diabetes mellitus');
  await expect(score(page, 'Pooled Cohort Equations (ASCVD)')).toContainText('Uses values older than 12 months: Total cholesterol');
  await check(page, 'p-risk-stale', 'risk-stale-360');

  await ehrLaunch(page, 'p-risk-mmol');
  await expect(page.getByRole('heading', { level: 1, name: 'Hiroko Sato' })).toBeVisible();
  await openRisk(page);
  await expect(inputRow(page, 'Total cholesterol').locator('.risk-input__value')).toHaveText('217 mg/dL');
  await expect(inputRow(page, 'Total cholesterol')).toContainText('Recorded as 5.6 mmol/L');
  await expect(inputRow(page, 'Race').locator('.risk-input__value')).toHaveText('White or other (Asian)');
  await expect(inputRow(page, 'Diabetes').locator('.risk-input__value')).toHaveText('Yes');
  await check(page, 'p-risk-mmol', 'risk-mmol-360');

  await ehrLaunch(page, 'p-risk-range');
  await expect(page.getByRole('heading', { level: 1, name: 'Ines Moreau' })).toBeVisible();
  await openRisk(page);
  await expect(score(page, 'Pooled Cohort Equations (ASCVD)')).toContainText('Not applicable. Age 36 years is outside 40–79 years; Total cholesterol 334 mg/dL is outside 130–320 mg/dL');
  await expect(score(page, 'Framingham general CVD').locator('.risk-score__value')).toHaveText(/^\d{1,2}\.\d% 10-year risk$/);
  await check(page, 'p-risk-range', 'risk-range-360');
});

test('a sign-in without the Condition and MedicationRequest scopes: the clinician answers, nothing is requested', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await overrideStandaloneScopes(page, 'launch/patient openid fhirUser patient/Patient.rs patient/Encounter.rs patient/Observation.rs');
  const clinical: string[] = [];
  page.on('request', (request) => {
    if (/\/fhir\/(Condition|MedicationRequest)\b/.test(request.url())) clinical.push(request.url());
  });
  await signIn(page, 'p-risk-complete', 'Marcus Reed');
  await openRisk(page);
  await expect(page.getByRole('combobox', { name: 'Diabetes', exact: true })).toBeVisible();
  await expect(page.getByText('Conditions are not available: this sign-in was not granted access to them.', { exact: false })).toBeVisible();
  await expect(score(page, 'Framingham general CVD')).toContainText('Missing: Diabetes and treated for high blood pressure.');
  await page.getByRole('combobox', { name: 'Diabetes', exact: true }).selectOption('Yes');
  await page.getByRole('combobox', { name: 'Treated for high blood pressure', exact: true }).selectOption('Yes');
  await expect(score(page, 'Framingham general CVD').locator('.risk-score__value')).toHaveText(/^\d{1,2}\.\d% 10-year risk$/);
  await check(page, 'risk view without clinical scopes at 1280 px', 'risk-no-scopes-1280');
  expect(clinical).toEqual([]);
});
