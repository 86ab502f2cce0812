// The app against Epic-, Canvas- and S4S-like servers (the sandbox's profiles, all running beside the default
// one): a launch with data on screen, a silent refresh with short tokens, a reload, and each profile's own case.
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import type { Stats } from '../../sandbox/knobs';
import { APP_ORIGIN, PROFILE_URLS } from '../../sandbox/ports';
import type { ProfileName } from '../../sandbox/profiles/profiles';

type Target = Page | FrameLocator;

/** The control API of one profile's sandbox (each has its own knobs and counters). */
function control(name: ProfileName) {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${PROFILE_URLS[name].issuer}/__sandbox/${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${name} control ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    reset: () => call('POST', 'reset'),
    knobs: (patch: Record<string, unknown>) => call('POST', 'knobs', patch),
    stats: () => call<Stats>('GET', 'stats'),
  };
}

const epic = control('epic');
const canvas = control('canvas');
const s4s = control('s4s');

test.beforeEach(async () => {
  await Promise.all([epic.reset(), canvas.reset(), s4s.reset()]);
});

const ehrPage = (name: ProfileName, patientId: string) => `${PROFILE_URLS[name].ehrUrl}ehr/${encodeURIComponent(patientId)}`;
const appFrame = (page: Page) => page.frameLocator('iframe[title="SMART app"]');
const nav = (target: Target) => target.getByRole('navigation', { name: 'Chart views' });

async function visitViews(target: Target) {
  for (const view of ['Vitals', 'Labs', 'Encounters', 'Summary']) {
    await nav(target).getByRole('link', { name: view, exact: true }).click();
    await expect(target.locator('.skeleton')).toHaveCount(0);
    await expect(target.getByRole('alert')).toHaveCount(0);
  }
}

/** Waits out one refresh of `lifetime`-second tokens (due a second before expiry, never sooner than 5 s in). */
async function refreshed(name: ProfileName, atLeast = 1) {
  await expect.poll(async () => (await control(name).stats()).tokenRequests.refresh_token, { timeout: 20_000 }).toBeGreaterThanOrEqual(atLeast);
}

/** Every Observation search the app sent carried a category or a code. */
const observationSearches = (stats: Stats) => stats.fhirUrls.filter((u) => /\/Observation(\?|$)/.test(u));

test.describe('epic', () => {
  test('EHR launch in the iframe, short tokens, a reload; category or code on every Observation search, the OperationOutcome entries ignored', async ({ page }) => {
    test.setTimeout(60_000);
    await epic.knobs({ accessTokenTtl: 7 });
    await page.goto(ehrPage('epic', 'p-001'));
    const app = appFrame(page);
    await expect(app.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
    await expect(app.getByRole('list', { name: 'Latest lab results' }).getByRole('listitem').first()).toBeVisible();
    await visitViews(app);
    await refreshed('epic');
    await nav(app).getByRole('link', { name: 'Labs', exact: true }).click();
    await expect(app.getByRole('alert')).toHaveCount(0);

    const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN))!;
    await frame.evaluate(() => location.reload());
    // Back on the same view (Labs), silently signed in again.
    await expect(nav(app).getByRole('link', { name: 'Labs', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(app.locator('.skeleton')).toHaveCount(0);
    await expect(app.getByRole('alert')).toHaveCount(0);
    expect((await epic.stats()).tokenRequests.authorization_code).toBe(2);

    const stats = await epic.stats();
    const searches = observationSearches(stats);
    expect(searches.length).toBeGreaterThan(3);
    for (const url of searches) expect(url, url).toMatch(/[?&](category|code)=/);
    expect(stats.fhirStatus['400'] ?? 0).toBe(0);
    expect(stats.fhirStatus['401'] ?? 0).toBe(0);
    // The bundles' OperationOutcome entries ("search.mode": "outcome") never show as chart data or errors.
    await expect(app.getByText(/OperationOutcome|informational/i)).toHaveCount(0);
  });

  test('a sign-in page that refuses framing: the embedded launch signs in in a popup, from a click', async ({ page, context }) => {
    await epic.knobs({ signInRefusesFraming: true });
    await page.route(`${APP_ORIGIN}/smart-config.json`, async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as { servers: { issuer: string; popupWhenFramed?: boolean }[] };
      for (const server of config.servers) if (server.issuer === PROFILE_URLS.epic.fhirBase) server.popupWhenFramed = true;
      await route.fulfill({ response, json: config });
    });
    await page.goto(ehrPage('epic', 'p-002'));
    const app = appFrame(page);
    const [popup] = await Promise.all([context.waitForEvent('page'), app.getByRole('button', { name: 'Sign in in a new window' }).click()]);
    await popup.getByRole('button', { name: /^Continue as / }).click();
    await expect(app.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
  });
});

test.describe('canvas', () => {
  test('EHR launch without a patient in context: patient search, then the chart; the single-use refresh token survives; a reload', async ({ page }) => {
    test.setTimeout(60_000);
    await canvas.knobs({ accessTokenTtl: 7 });
    await page.goto(ehrPage('canvas', 'p-003'));
    const app = appFrame(page);
    await expect(app.getByRole('heading', { name: 'Find a patient', level: 2 })).toBeVisible();
    const search = app.getByRole('search', { name: 'Patient search' });
    await search.getByLabel('Name').fill('Okafor');
    await search.getByRole('button', { name: 'Search' }).click();
    await app.getByRole('button', { name: /Aisha Okafor/ }).click();
    await expect(app.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
    await refreshed('canvas', 2); // two refreshes in a row: each with the newest (single-use) refresh token
    await visitViews(app);
    const stats = await canvas.stats();
    expect(stats.tokenRequests.failed).toBe(0);
    await expect(app.getByRole('heading', { name: 'Session ended' })).toHaveCount(0);

    const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN))!;
    await frame.evaluate(() => location.reload());
    // No patient in the launch context: after the silent sign-in the clinician finds the patient again.
    await expect(app.getByRole('heading', { name: 'Find a patient', level: 2 })).toBeVisible();
    expect((await canvas.stats()).tokenRequests.authorization_code).toBe(2);
  });
});

test.describe('s4s', () => {
  test('dynamic registration, then a standalone launch (CapabilityStatement discovery, v1 scopes); short tokens; a reload', async ({ page }) => {
    test.setTimeout(60_000);
    await s4s.knobs({ accessTokenTtl: 7 });
    await page.goto(`${APP_ORIGIN}/launch?${new URLSearchParams({ iss: PROFILE_URLS.s4s.fhirBase })}`);
    await expect(page.getByRole('heading', { name: 'Sign in to the SMART sandbox' })).toBeVisible();
    await page.locator('select[name=patient]').selectOption('p-004');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
    const first = await s4s.stats();
    expect(first.registrations).toBe(1);
    await refreshed('s4s');
    await visitViews(page);

    // A second launch reuses the registered client_id.
    await page.goto(`${APP_ORIGIN}/launch?${new URLSearchParams({ iss: PROFILE_URLS.s4s.fhirBase })}`);
    await page.locator('select[name=patient]').selectOption('p-004');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
    expect((await s4s.stats()).registrations).toBe(1);
  });
});
