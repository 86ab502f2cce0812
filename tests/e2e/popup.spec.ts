import { expect, test, type Page } from '@playwright/test';
import { APP_ORIGIN } from '../../sandbox/ports';
import { openEmbedded, sandbox } from './sandbox';

/** The deployment says: this EHR's sign-in page refuses to be framed, so sign in in a popup when embedded. */
async function popupConfig(page: Page) {
  await page.route(`${APP_ORIGIN}/smart-config.json`, async (route) => {
    const config = await (await route.fetch()).json();
    config.servers[0].popupWhenFramed = true;
    await route.fulfill({ json: config });
  });
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test('embedded sign-in in a popup opened from a click, handed back to the frame', async ({ page, context }) => {
  await popupConfig(page);
  const app = await openEmbedded(page, 'p-007');
  const button = app.getByRole('button', { name: 'Sign in in a new window' });
  await expect(button).toBeVisible();
  const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
  await expect.poll(() => popup.isClosed()).toBe(true); // the popup hands the result over and closes itself
  await expect(app.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN));
  expect(frame?.url()).toBe(`${APP_ORIGIN}/chart`);
  expect((await sandbox.stats()).tokenRequests.authorization_code).toBe(1); // exchanged once, by the frame
});

test('a blocked popup says so and offers to try again', async ({ page }) => {
  await popupConfig(page);
  await page.addInitScript(() => {
    window.open = () => null;
  });
  const app = await openEmbedded(page, 'p-007');
  await app.getByRole('button', { name: 'Sign in in a new window' }).click();
  await expect(app.getByRole('alert')).toContainText('blocked');
  await expect(app.getByRole('button', { name: 'Sign in in a new window' })).toBeVisible();
});
