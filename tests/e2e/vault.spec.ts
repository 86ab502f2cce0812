// The token vault, tested as an attacker would: a script injected before the app's own records every
// Authorization header the page's JavaScript builds, and a walk of everything reachable from the page looks for
// the tokens the sandbox issued, through a launch, every view, a silent refresh and a 401 retry.
import { expect, test, type Page } from '@playwright/test';
import { captureTokenResponses, captureTokens, ehrLaunch, refreshFromNode, rejectCurrentAccessTokens, sandbox, standaloneSignIn } from './sandbox';
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
  // Canaries: the patient's id and family name sit in the query cache; the walk must get there.
  const walk = await walkForTokens(page, [...tokens], ['p-001', 'Haddad']);
  expect.soft(walk.canaries.sort(), 'the walk reached the cached FHIR data').toEqual(['Haddad', 'p-001']);
  expect.soft(walk.found, `tokens reachable from the page (token-looking methods called: ${walk.called.slice(0, 20).join(', ')})`).toEqual([]);
});

/** The refresh token the app was given (from the token endpoint's answer, as the sandbox sent it). */
function firstRefreshToken(page: Page): () => string | undefined {
  const bodies = captureTokenResponses(page);
  return () => bodies.find((b) => typeof b.refresh_token === 'string')?.refresh_token as string | undefined;
}

test('sign-out revokes the tokens at the server, drops the chart and says so, with a way back', async ({ page }) => {
  const refreshToken = firstRefreshToken(page);
  await standaloneSignIn(page, 'p-002');
  await expect(page.getByRole('heading', { name: 'Kenji Garcia', level: 1 })).toBeVisible();
  await expect.poll(refreshToken).toBeDefined();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  await expect(page.getByText('You signed out.')).toBeVisible();
  await expect(page.getByText('Kenji Garcia')).toHaveCount(0);
  // RFC 7009 revocation reached the server (counted there), and the refresh token no longer works, from anywhere.
  await expect.poll(async () => (await sandbox.stats()).revocations.refresh_token).toBe(1);
  const { revocations } = await sandbox.stats();
  expect(revocations.access_token + revocations.unknown).toBe(1); // the access token too (its grant may be gone already)
  await expect.poll(async () => (await refreshFromNode(refreshToken()!)).status).toBe(400);
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to the SMART sandbox' })).toBeVisible();
});

test('idle timeout: with idleTimeoutMinutes set, a session without user input signs out by itself', async ({ page }) => {
  await page.route('**/smart-config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), idleTimeoutMinutes: 0.1 } });
  });
  const refreshToken = firstRefreshToken(page);
  await standaloneSignIn(page, 'p-002');
  await expect(page.getByRole('heading', { name: 'Kenji Garcia', level: 1 })).toBeVisible();
  await expect(page.getByText('You were signed out because the app was not used for a while.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Kenji Garcia')).toHaveCount(0);
  await expect.poll(async () => (await refreshFromNode(refreshToken()!)).status).toBe(400);
});
