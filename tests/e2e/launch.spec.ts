import { expect, test } from '@playwright/test';
import { APP_ORIGIN, EHR_ORIGIN } from '../../sandbox/ports';
import { openEmbedded, sandbox, standaloneSignIn } from './sandbox';

test.beforeEach(async () => {
  await sandbox.reset();
});

test('EHR launch embedded in the simulator’s iframe shows the patient, encounters and observations', async ({ page }) => {
  const app = await openEmbedded(page, 'p-001');
  await expect(app.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  await expect(app.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
  await expect(app.getByRole('list', { name: 'Latest lab results' }).getByRole('listitem').first()).toBeVisible();
  // need_patient_banner=false: the EHR frame shows the patient's name, so the app hides its own banner.
  await expect(page.getByRole('banner').getByText('Hannah Haddad')).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Hannah Haddad' })).toHaveCount(0);
  const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN));
  expect(frame?.url()).toBe(`${APP_ORIGIN}/chart`); // code and state are gone from the address
  expect((await sandbox.stats()).tokenRequests.authorization_code).toBe(1);
});

test('EHR launch in a new window', async ({ page, context }) => {
  await page.goto(`${EHR_ORIGIN}/`);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: 'Open in new window: Kenji Garcia' }).click(),
  ]);
  await expect(popup.getByRole('heading', { name: 'Kenji Garcia', level: 1 })).toBeVisible();
  await expect(popup.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
});

test('the launch page loads no UI code, and the callback loads the landing UI as one chunk', async ({ page, context }) => {
  const scripts: { file: string; from: string }[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === APP_ORIGIN && url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) {
      scripts.push({ file: url.pathname.slice('/assets/'.length), from: new URL(request.frame().url()).pathname });
    }
  });
  await page.goto(`${EHR_ORIGIN}/`);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Open in new window: Kenji Garcia' }).click()]);
  await expect(popup.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
  const landing = scripts.filter((s) => s.file.startsWith('landing-'));
  expect(scripts.filter((s) => s.from === '/launch').map((s) => s.file)).not.toContainEqual(expect.stringMatching(/^landing-/));
  expect(landing.map((s) => s.from)).toEqual(['/callback']);
  // The automatic split would name chunks after these modules; grouped, they are all inside the landing chunk.
  expect(scripts.map((s) => s.file)).not.toContainEqual(expect.stringMatching(/^(start|ChartApp|SummaryRoute|react-dom|jsx-runtime|ConfigContext)-/));
});

test('standalone launch with the patient chosen on the sign-in page', async ({ page }) => {
  await standaloneSignIn(page, 'p-003');
  await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  expect(page.url()).toBe(`${APP_ORIGIN}/chart`);
});

test('Deny on the sign-in page gives a clear message and a way to try again', async ({ page }) => {
  await standaloneSignIn(page, 'p-003', 'Deny');
  await expect(page.getByRole('heading', { name: 'Access was not granted.' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to the SMART sandbox' })).toBeVisible();
});

test('reload of a standalone session signs in again silently and comes back to the same view', async ({ page }) => {
  await standaloneSignIn(page, 'p-003');
  await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible();
  const view = page.url();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible();
  expect(page.url()).toBe(view);
  const { tokenRequests } = await sandbox.stats();
  expect(tokenRequests.authorization_code).toBe(2); // a new code, no sign-in page in between
});

test('reload of an embedded EHR session re-authorizes silently inside the frame', async ({ page }) => {
  const app = await openEmbedded(page, 'p-005');
  await expect(app.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN))!;
  await frame.evaluate(() => location.reload());
  // A second code, obtained without any page (prompt=none), then the chart again.
  await expect.poll(async () => (await sandbox.stats()).tokenRequests.authorization_code).toBe(2);
  await expect(app.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  expect(page.frames().find((f) => f.url().startsWith(APP_ORIGIN))?.url()).toBe(`${APP_ORIGIN}/chart`);
});

test('a chart address opened with no session says what to do, never a blank page', async ({ page }) => {
  await page.goto(`${APP_ORIGIN}/chart`);
  await expect(page.getByRole('heading', { name: 'Not signed in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in without the EHR' })).toBeVisible();
});
