import { expect, test } from '@playwright/test';
import { sandbox, standaloneSignIn } from './sandbox';

test.beforeEach(async () => {
  await sandbox.reset();
});

test('with 10-second tokens the app keeps working across three lifetimes, one token request per lifetime', async ({ page }) => {
  test.setTimeout(120_000);
  await sandbox.knobs({ accessTokenTtl: 10 });
  await standaloneSignIn(page, 'p-004');
  await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Encounters', exact: true }).click();
  const start = Date.now();
  const loadMore = page.getByRole('button', { name: 'Load more encounters' });
  // Keep querying through 3.5 lifetimes: each page is a fresh FHIR request with the current token.
  for (let round = 0; round < 7; round++) {
    await page.waitForTimeout(5_000);
    // Each round is a fresh FHIR request with the current token: another page, or the summary's queries.
    if (await loadMore.isVisible()) await loadMore.click();
    else await page.getByRole('link', { name: round % 2 ? 'Encounters' : 'Summary', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  const seconds = (Date.now() - start) / 1000;
  const { tokenRequests } = await sandbox.stats();
  expect(tokenRequests.authorization_code).toBe(1);
  expect(tokenRequests.failed).toBe(0);
  // The app refreshes 1 s before each 10 s expiry: one refresh per 9 s lifetime, never a loop.
  expect(tokenRequests.refresh_token).toBeGreaterThanOrEqual(3);
  expect(tokenRequests.refresh_token).toBeLessThanOrEqual(Math.ceil(seconds / 9) + 1);
  await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Session ended' })).toHaveCount(0);
});
