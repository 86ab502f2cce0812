// The token vault, tested as an attacker would: a script injected before the app's own records every
// Authorization header the page's JavaScript builds, and a walk of everything reachable from the page looks for
// the tokens the sandbox issued, through a launch, every view, a silent refresh and a 401 retry.
import { expect, test, type Page } from '@playwright/test';
import { captureTokens, ehrLaunch, rejectCurrentAccessTokens, sandbox } from './sandbox';
import { installAuthorizationProbe, recordedAuthorization, walkForTokens } from './probe';

test.beforeEach(async () => {
  await sandbox.reset();
});

const VIEWS = ['Vitals', 'Labs', 'Encounters', 'Summary'] as const;

async function visitEveryView(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Chart views' });
  for (const view of VIEWS) {
    await nav.getByRole('link', { name: view, exact: true }).click();
    await expect(page.locator('.skeleton')).toHaveCount(0);
  }
}

test('no script in the page can reach a token: not through fetch/Headers/Request/XHR, React, the query cache or window', async ({ page, context }) => {
  test.setTimeout(120_000);
  await installAuthorizationProbe(context);
  const tokens = captureTokens(page);
  await sandbox.knobs({ accessTokenTtl: 8 });
  await ehrLaunch(page, 'p-001');
  await expect(page.getByRole('heading', { name: 'Hannah Haddad', level: 1 })).toBeVisible();
  await visitEveryView(page);

  // A silent refresh (8-second tokens), then a 401 answered by one refresh and one retry.
  await expect.poll(async () => (await sandbox.stats()).tokenRequests.refresh_token, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  await rejectCurrentAccessTokens();
  const before = (await sandbox.stats()).fhirStatus['401'] ?? 0;
  // Ranges not loaded yet: fresh FHIR requests with the refused token.
  await page.getByRole('navigation', { name: 'Chart views' }).getByRole('link', { name: 'Vitals', exact: true }).click();
  await page.getByRole('radio', { name: '5 years' }).check();
  await page.getByRole('radio', { name: 'All' }).check();
  await expect.poll(async () => (await sandbox.stats()).fhirStatus['401'] ?? 0).toBeGreaterThan(before);
  await visitEveryView(page);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await expect.poll(() => tokens.size).toBeGreaterThanOrEqual(4); // first access + refresh, then the refreshed ones
  const recorded = await recordedAuthorization(page);
  expect.soft(recorded.map((value) => `${value.slice(0, 16)}…`), 'Authorization values seen by the injected script').toEqual([]);
  const walk = await walkForTokens(page, [...tokens]);
  expect.soft(walk.visited, 'objects walked').toBeGreaterThan(10_000);
  expect.soft(walk.found, `tokens reachable from the page (token-looking methods called: ${walk.called.slice(0, 20).join(', ')})`).toEqual([]);
});
