import { expect, test } from '@playwright/test';
import { APP_ORIGIN } from '../../sandbox/ports';
import { captureTokens, openEmbedded, sandbox, standaloneSignIn } from './sandbox';

test.beforeEach(async () => {
  await sandbox.reset();
});

test('no access or refresh token in localStorage, sessionStorage, cookies, IndexedDB or the URL', async ({ page, context }) => {
  const tokens = captureTokens(page);
  await standaloneSignIn(page, 'p-002');
  await expect(page.getByRole('heading', { name: 'Kenji Garcia', level: 1 })).toBeVisible();
  await expect.poll(() => tokens.size).toBeGreaterThanOrEqual(2);
  const stored = await page.evaluate(async () => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)));
    const dbs = (await indexedDB.databases?.()) ?? [];
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie, dbs: JSON.stringify(dbs), url: location.href };
  });
  const cookies = JSON.stringify(await context.cookies(APP_ORIGIN));
  for (const token of tokens) {
    for (const [where, value] of Object.entries({ ...stored, cookies })) {
      expect(value.includes(token), `token found in ${where}`).toBe(false);
    }
  }
  expect(stored.dbs).toBe('[]');
  expect(stored.session).toBe('{}'); // the pending-launch record is gone too
});

test('the markup patient’s name renders as text and runs no script', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const app = await openEmbedded(page, 'p-markup');
  const heading = app.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('<img src=x onerror=alert(1)>');
  await expect(heading).toContainText('<script>');
  await expect(app.getByRole('list', { name: 'Observations' }).getByRole('listitem').first()).toBeVisible();
  await expect(app.locator('img[src="x"]')).toHaveCount(0);
  await expect(app.locator('main script')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
