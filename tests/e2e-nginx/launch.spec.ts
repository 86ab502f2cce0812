// The three launch modes and a reload, with the app served by nginx (generated config) instead of the sandbox's
// own static server: the SPA fallback, the served CSP and the access log as a deployment has them.
import type { Page } from '@playwright/test';
import { APP_ORIGIN, EHR_ORIGIN } from '../../sandbox/ports';
import { openEmbedded, sandbox, standaloneSignIn } from '../e2e/sandbox';
import { expect, test } from './fixtures';

test.beforeEach(async () => {
  await sandbox.reset();
});

/** CSP violations reported in any frame of the page (the served policy must allow everything the app does). */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('EHR launch embedded in the EHR’s iframe, then a reload inside the frame', async ({ page }) => {
  const violations = cspViolations(page);
  const app = await openEmbedded(page, 'p-001');
  await expect(app.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
  const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN))!;
  expect(frame.url()).toBe(`${APP_ORIGIN}/chart`);

  await frame.evaluate(() => location.reload());
  await expect.poll(async () => (await sandbox.stats()).tokenRequests.authorization_code).toBe(2);
  await expect(app.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('EHR launch in a new window', async ({ page, context }) => {
  const violations = cspViolations(page);
  await page.goto(`${EHR_ORIGIN}/`);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Open in new window: Kenji Garcia' }).click()]);
  popup.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await expect(popup.getByRole('heading', { name: 'Kenji Garcia', level: 1 })).toBeVisible();
  await expect(popup.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('standalone launch and a reload to the same view; the access log has no codes or launch context', async ({ page, app }) => {
  await standaloneSignIn(page, 'p-003');
  await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Vitals', exact: true }).click();
  await expect(page).toHaveURL(`${APP_ORIGIN}/chart/vitals`);
  // The view has rendered (its lazily loaded code is in): only then does this history entry know how to resume.
  await expect(page).toHaveTitle(/^Vitals/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible();
  expect(page.url()).toBe(`${APP_ORIGIN}/chart/vitals`);
  expect((await sandbox.stats()).tokenRequests.authorization_code).toBe(2);

  const log = app.accessLog();
  expect(log).toMatch(/"GET \/launch HTTP\/1\.1" 200 /);
  expect(log).toMatch(/"GET \/callback HTTP\/1\.1" 200 /);
  expect(log).not.toMatch(/[?&](code|state|iss|launch)=/);
  expect(log).not.toContain('?');
});
