// Session resilience against the sandbox's fault knobs: a server whose prompt=none answer is a JSON error page,
// 1-second tokens, and a 10-second network outage across a refresh.
import { expect, test, type Page } from '@playwright/test';
import { APP_ORIGIN } from '../../sandbox/ports';
import { openEmbedded, sandbox, standaloneSignIn } from './sandbox';

test.beforeEach(async () => {
  await sandbox.reset();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Chart views' });

test.describe('a reload on a server that answers prompt=none with a 400 JSON page (it does not redirect)', () => {
  test.beforeEach(async () => {
    await sandbox.knobs({ promptNoneRequiresHint: true });
  });

  test('standalone: the app’s own “sign in again” screen within a few seconds, never the server’s page', async ({ page }) => {
    await standaloneSignIn(page, 'p-003');
    await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible();
    const reloaded = Date.now();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Not signed in' })).toBeVisible({ timeout: 5_000 });
    expect(Date.now() - reloaded).toBeLessThan(5_000);
    expect(new URL(page.url()).origin).toBe(APP_ORIGIN);
    await expect(page.getByRole('link', { name: 'Sign in again' })).toBeVisible();
    expect((await sandbox.stats()).authorizeRequests.byPrompt.none).toBe(1); // one silent attempt, in the hidden frame
  });

  test('inside the EHR’s iframe: the frame stays on the app and says to open it again from the EHR', async ({ page }) => {
    const app = await openEmbedded(page, 'p-001');
    await expect(app.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
    const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN))!;
    await frame.evaluate(() => location.reload());
    await expect(app.getByRole('heading', { name: 'Not signed in' })).toBeVisible({ timeout: 5_000 });
    await expect(app.getByText('To try again, open the app again from your EHR.')).toBeVisible();
    expect(frame.url()).toBe(`${APP_ORIGIN}/chart`); // the frame never left the app
  });
});

test('1-second tokens: a handful of refreshes in 20 s, and the chart keeps working', async ({ page }) => {
  test.setTimeout(60_000);
  await sandbox.knobs({ accessTokenTtl: 1 });
  await standaloneSignIn(page, 'p-004');
  await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
  const start = Date.now();
  const views = ['Vitals', 'Labs', 'Encounters', 'Summary'];
  for (let i = 0; Date.now() - start < 20_000; i++) {
    await nav(page).getByRole('link', { name: views[i % views.length]!, exact: true }).click();
    await page.waitForTimeout(2_000);
  }
  const { tokenRequests } = await sandbox.stats();
  expect(tokenRequests.refresh_token).toBeGreaterThanOrEqual(2);
  expect(tokenRequests.refresh_token).toBeLessThanOrEqual(6); // at most one every 5 s, whatever the server says
  await expect(page.getByRole('heading', { name: 'Session ended' })).toHaveCount(0);
  await page.getByRole('radio', { name: 'All' }).first().check().catch(() => undefined);
  await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
});

test('a 10-second network outage across a refresh: the chart says it is reconnecting, then works again without a relaunch', async ({ page }) => {
  test.setTimeout(60_000);
  await sandbox.knobs({ accessTokenTtl: 10 });
  await standaloneSignIn(page, 'p-002');
  await expect(page.getByRole('heading', { name: 'Kenji Garcia', level: 1 })).toBeVisible();
  await page.waitForTimeout(5_000);
  // The refresh is due at 9 s (1 s before expiry): the network goes away from 5 s to 15 s.
  await sandbox.knobs({ outage: { ms: 10_000, targets: ['token', 'fhir'] } });
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting to your EHR' })).toBeVisible({ timeout: 10_000 });
  await nav(page).getByRole('link', { name: 'Labs', exact: true }).click(); // a query while the token cannot be renewed
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Session ended' })).toHaveCount(0);
  await expect(page.locator('.skeleton')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  const { tokenRequests, outageDropped } = await sandbox.stats();
  expect(tokenRequests.refresh_token).toBeGreaterThanOrEqual(1);
  expect(tokenRequests.failed).toBe(0);
  expect(JSON.stringify(outageDropped)).not.toBe('{}');
});
