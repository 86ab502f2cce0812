// Issue 4's fault matrix: each row a fault the sandbox injects, what the user sees in real Chromium, and what
// the sandbox counted (token grants, FHIR requests by status and type). Knobs are reset before each test.
import { expect, test, type Page, type Request } from '@playwright/test';
import { MAX_RETRIES } from '../../src/fhir/retryPolicy';
import { TOKEN_REQUEST_TIMEOUT_S } from '../../src/smart/oidcClient';
import { APP_ORIGIN, AUTH_ISSUER, FHIR_BASE } from '../../sandbox/ports';
import {
  captureTokenResponses,
  refreshFromNode,
  rejectCurrentAccessTokens,
  sandbox,
  signIn,
  standaloneLaunchUrl,
  standaloneSignIn,
} from './sandbox';

test.beforeEach(async () => {
  await sandbox.reset();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Summary view's three sections showing data. */
async function expectSummaryData(page: Page) {
  await expect(page.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toContainText(/\d/);
  await expect(page.getByRole('list', { name: 'Latest lab results' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  // The risk card's searches start once the first screen is answered: let them finish before a fault is set.
  await expect(page.getByRole('list', { name: '10-year cardiovascular risk' })).toBeVisible();
  await expect(page.locator('.skeleton')).toHaveCount(0);
}

const nav = (page: Page, view: 'Summary' | 'Vitals' | 'Labs' | 'Encounters') =>
  page.getByRole('navigation', { name: 'Chart views' }).getByRole('link', { name: view, exact: true }).click();

/** The Encounters view has loaded its list (there, unlike on the Summary, each encounter is a button). */
const encountersLoaded = (page: Page) =>
  expect(page.getByRole('list', { name: 'Encounters' }).getByRole('button').first()).toBeVisible();

/** The Vitals view has loaded its readings (the toolbar counts them). */
const vitalsLoaded = (page: Page) => expect(page.getByText(/^\d+ readings since /)).toBeVisible();

async function expectSessionEnded(page: Page, patientName: string) {
  await expect(page.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  await expect(page.getByText('Your sign-in could not be renewed.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in again' })).toBeVisible();
  await expect(page.getByText(patientName)).toHaveCount(0);
}

test.describe('1. token endpoint during the code exchange', () => {
  test('a 500 shows a sign-in error with a relaunch action that works', async ({ page }) => {
    await sandbox.knobs({ refuseNextTokenRequests: 1, refuseWith: 'server_error' });
    await standaloneSignIn(page, 'p-001');
    await expect(page.getByRole('heading', { name: 'Sign-in could not be completed.' })).toBeVisible();
    await expect(page.getByText('The token endpoint answered “server_error”.')).toBeVisible();
    expect((await sandbox.stats()).tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0, failed: 1 });
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to the SMART sandbox' })).toBeVisible();
  });

  test(`no answer within ${TOKEN_REQUEST_TIMEOUT_S} s: the app gives up with a clear error, the code is never used`, async ({ page }) => {
    test.setTimeout(60_000);
    await sandbox.knobs({ tokenDelayMs: (TOKEN_REQUEST_TIMEOUT_S + 10) * 1000 });
    await standaloneSignIn(page, 'p-001');
    await expect(page.getByRole('heading', { name: 'Signing in…' })).toBeVisible();
    const waiting = Date.now();
    await expect(page.getByRole('heading', { name: 'Sign-in could not be completed.' })).toBeVisible({ timeout: (TOKEN_REQUEST_TIMEOUT_S + 5) * 1000 });
    expect(Date.now() - waiting).toBeGreaterThan((TOKEN_REQUEST_TIMEOUT_S - 2) * 1000);
    await expect(page.getByText(`The token endpoint did not answer within ${TOKEN_REQUEST_TIMEOUT_S} seconds.`)).toBeVisible();
    const stats = await sandbox.stats();
    expect(stats.tokenRequestsAbandoned).toBe(1);
    expect(stats.tokenRequests).toEqual({ authorization_code: 0, refresh_token: 0, failed: 0 });
    // Once the server answers again, the relaunch action signs in.
    await sandbox.knobs({ tokenDelayMs: 0 });
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.locator('select[name=patient]').selectOption('p-001');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('heading', { name: 'Hannah Haddad', level: 1 })).toBeVisible();
  });
});

test('2. a refresh answered invalid_grant ends the session once, with a relaunch action, and never loops', async ({ page }) => {
  const ttl = 5; // the app refreshes 1 s before expiry
  await sandbox.knobs({ accessTokenTtl: ttl });
  await signIn(page, 'p-001', 'Hannah Haddad');
  await sandbox.knobs({ refuseNextTokenRequests: 1, refuseWith: 'invalid_grant' });
  await expectSessionEnded(page, 'Hannah Haddad');
  const ended = await sandbox.stats();
  expect(ended.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 1, failed: 1 });
  await sleep(2 * ttl * 1000);
  const later = await sandbox.stats();
  expect(later.tokenRequests).toEqual(ended.tokenRequests);
  expect(later.fhirRequests).toBe(ended.fhirRequests);
  await expect(page.getByRole('heading', { name: 'Session ended' })).toBeVisible();
});

test('3. a replayed refresh token revokes the grant: the app’s next refresh fails and the session ends cleanly, once', async ({ page }) => {
  const ttl = 5;
  await sandbox.knobs({ accessTokenTtl: ttl });
  const responses = captureTokenResponses(page);
  await signIn(page, 'p-002', 'Kenji Garcia');
  // The app's first refresh rotates the refresh token; the first one is now used.
  await expect.poll(() => responses.length, { timeout: ttl * 2000 }).toBe(2);
  const [first, second] = responses.map((r) => r.refresh_token as string);
  expect(first).toBeTruthy();
  expect(second).toBeTruthy();
  expect(second).not.toBe(first);
  // Someone replays the used refresh token: the server treats it as stolen and revokes the whole grant.
  const replay = await refreshFromNode(first!);
  expect([replay.status, replay.body.error]).toEqual([400, 'invalid_grant']);
  await expectSessionEnded(page, 'Kenji Garcia');
  const ended = await sandbox.stats();
  expect(ended.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 3, failed: 2 });
  await sleep(ttl * 1000);
  expect((await sandbox.stats()).tokenRequests).toEqual(ended.tokenRequests);
});

test.describe('4. FHIR 401 in the middle of a session', () => {
  test('grants revoked (revoke-all): one refresh attempt, then "Session ended"', async ({ page }) => {
    await signIn(page, 'p-003', 'Aisha Okafor');
    await expectSummaryData(page);
    await sandbox.revokeAll();
    await nav(page, 'Encounters');
    await expectSessionEnded(page, 'Aisha Okafor');
    const stats = await sandbox.stats();
    expect(stats.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 1, failed: 1 });
    expect(stats.fhirStatus['401']).toBe(1);
    await sleep(2_000);
    expect((await sandbox.stats()).tokenRequests.refresh_token).toBe(1);
  });

  test('only the current access tokens refused (grant kept): one refresh, one retry, the data is shown', async ({ page }) => {
    await signIn(page, 'p-003', 'Aisha Okafor');
    await expectSummaryData(page);
    const before = await sandbox.stats();
    await rejectCurrentAccessTokens();
    await nav(page, 'Encounters');
    await encountersLoaded(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
    const stats = await sandbox.stats();
    expect(stats.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 1, failed: 0 });
    expect(stats.fhirStatus['401']).toBe(1);
    expect(stats.fhirByType.Encounter! - before.fhirByType.Encounter!).toBe(2); // the refused request and its one retry
    await expect(page.getByRole('heading', { name: 'Session ended' })).toHaveCount(0);
  });
});

test('5. FHIR 403 for one resource type: that section says it is not available, the rest of the chart works', async ({ page }) => {
  await sandbox.knobs({ denyResourceTypes: ['Encounter'] });
  await signIn(page, 'p-001', 'Hannah Haddad');
  const notAvailable = page.getByText('Encounters are not available: the server did not allow access to them.');
  await expect(notAvailable).toBeVisible();
  await expect(page.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toContainText(/\d/);
  await expect(page.getByRole('list', { name: 'Latest lab results' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const summary = await sandbox.stats();
  expect(summary.fhirByType.Encounter).toBe(1); // a 403 is final: not retried
  expect(summary.faultsServed.denied).toBe(1);
  await nav(page, 'Encounters');
  await expect(page.getByRole('heading', { name: 'Encounters', level: 2, exact: true })).toBeVisible();
  await expect(notAvailable).toBeVisible();
  await expect.poll(async () => (await sandbox.stats()).faultsServed.denied).toBe(2);
  await nav(page, 'Vitals');
  await vitalsLoaded(page);
  expect((await sandbox.stats()).tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0, failed: 0 });
});

test.describe('6. FHIR 429 and 503', () => {
  test('429 with Retry-After: 1 for two requests: the data appears after the retries, without user action', async ({ page }) => {
    await signIn(page, 'p-001', 'Hannah Haddad');
    await expectSummaryData(page);
    const before = await sandbox.stats();
    await sandbox.knobs({ fhirFaults: { status: 429, retryAfter: 1, remaining: 2, resourceType: 'Observation' } });
    const started = Date.now();
    await nav(page, 'Vitals');
    await vitalsLoaded(page);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000); // two Retry-After waits
    await expect(page.getByRole('alert')).toHaveCount(0);
    const stats = await sandbox.stats();
    expect(stats.fhirStatus['429']).toBe(2);
    expect(stats.fhirByType.Observation! - before.fhirByType.Observation!).toBe(3); // two refused, one answered
  });

  test(`503 beyond the retry budget (${MAX_RETRIES} retries): an inline error whose "Try again" works once the fault is gone`, async ({ page }) => {
    await signIn(page, 'p-001', 'Hannah Haddad');
    await expectSummaryData(page);
    const before = await sandbox.stats();
    await sandbox.knobs({ fhirFaults: { status: 503, remaining: 100, resourceType: 'Observation' } });
    await nav(page, 'Vitals');
    const error = page.getByRole('alert');
    await expect(error).toContainText('Vital signs could not be loaded.');
    await expect(error).toContainText('Service temporarily unavailable.');
    const failed = await sandbox.stats();
    expect(failed.fhirStatus['503']).toBe(MAX_RETRIES + 1);
    expect(failed.fhirByType.Observation! - before.fhirByType.Observation!).toBe(MAX_RETRIES + 1);
    await sleep(1_000);
    expect((await sandbox.stats()).fhirStatus['503']).toBe(MAX_RETRIES + 1); // no retry beyond the budget
    // The rest of the chart still works while the fault lasts.
    await expect(page.getByRole('heading', { name: 'Hannah Haddad', level: 1 })).toBeVisible();
    await sandbox.knobs({ fhirFaults: null });
    await error.getByRole('button', { name: 'Try again' }).click();
    await vitalsLoaded(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect((await sandbox.stats()).tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0, failed: 0 });
  });
});

test('7. network lost and restored: the view’s data appears without a relaunch', async ({ page, context }) => {
  await signIn(page, 'p-004', 'Mateo Cohen');
  await expectSummaryData(page);
  const before = await sandbox.stats();
  await context.setOffline(true);
  await nav(page, 'Vitals');
  await sleep(1_500);
  expect((await sandbox.stats()).fhirRequests).toBe(before.fhirRequests); // nothing got through
  // Meanwhile the chart stays up (the view waits for the network); no error page, no sign-in.
  await expect(page.getByRole('heading', { name: 'Mateo Cohen', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
  await context.setOffline(false);
  await vitalsLoaded(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const after = await sandbox.stats();
  expect(after.fhirByType.Observation!).toBeGreaterThan(before.fhirByType.Observation!);
  expect(after.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0, failed: 0 });
});

test.describe('8. a FHIR search answered 200 with a body that is not FHIR JSON', () => {
  test('cut-off JSON: an inline error in that section, no crash, the rest of the page works, "Try again" recovers', async ({ page }) => {
    await sandbox.knobs({ fhirMalformed: { kind: 'json', remaining: 1, resourceType: 'Encounter' } });
    await signIn(page, 'p-001', 'Hannah Haddad');
    const error = page.getByRole('alert');
    await expect(error).toContainText('Encounters could not be loaded.');
    await expect(error).toContainText('The FHIR server sent an answer the app cannot read');
    await expect(page.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toContainText(/\d/);
    await expect(page.getByRole('list', { name: 'Latest lab results' }).getByRole('listitem').first()).toBeVisible();
    expect((await sandbox.stats()).fhirByType.Encounter).toBe(1); // not retried: retrying cannot fix a broken body
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('an HTML page: an inline error in the view, navigation keeps working', async ({ page }) => {
    await signIn(page, 'p-001', 'Hannah Haddad');
    await expectSummaryData(page);
    await sandbox.knobs({ fhirMalformed: { kind: 'html', remaining: 1, resourceType: 'Observation' } });
    await nav(page, 'Vitals');
    const error = page.getByRole('alert');
    await expect(error).toContainText('Vital signs could not be loaded.');
    await expect(error).toContainText('The FHIR server sent an answer the app cannot read');
    expect((await sandbox.stats()).faultsServed.malformed).toBe(1);
    await nav(page, 'Encounters');
    await encountersLoaded(page);
    // Back on the view, the failed search is made again and the server now answers properly.
    await nav(page, 'Vitals');
    await vitalsLoaded(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test.describe('9. launch attacks and broken discovery', () => {
  /** Records the /callback navigation (with code and state) of a launch. */
  function captureCallback(page: Page): { url?: string } {
    const captured: { url?: string } = {};
    page.on('request', (request: Request) => {
      if (request.isNavigationRequest() && request.url().startsWith(`${APP_ORIGIN}/callback?`)) captured.url ??= request.url();
    });
    return captured;
  }

  test('the same authorization response opened again is refused; the code is exchanged only once', async ({ page }) => {
    const callback = captureCallback(page);
    await signIn(page, 'p-001', 'Hannah Haddad');
    expect(callback.url).toMatch(/[?&]code=.+&state=|[?&]state=.+&code=/);
    await page.goto(callback.url!);
    await expect(page.getByRole('heading', { name: 'This sign-in response does not belong to this window.' })).toBeVisible();
    await expect(page.getByText('Error code: state_mismatch')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in without the EHR' })).toBeVisible();
    expect(page.url()).toBe(`${APP_ORIGIN}/callback`); // code and state are gone from the address bar
    expect((await sandbox.stats()).tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0, failed: 0 });
  });

  test('a tampered state is refused before any token request, and the pending launch is gone', async ({ page }) => {
    // The sign-in form's POST starts the redirect chain back to the app. Follow it outside the browser (with the
    // browser's cookies) and send the browser the authorization response with its state altered.
    let genuine: string | undefined;
    await page.route((url) => url.href.startsWith(`${AUTH_ISSUER}/interaction/`), async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      let response = await route.fetch({ maxRedirects: 0 });
      let location = response.headers().location;
      while (location && !location.startsWith(`${APP_ORIGIN}/callback`)) {
        response = await page.request.get(new URL(location, AUTH_ISSUER).href, { maxRedirects: 0 });
        location = response.headers().location;
      }
      genuine = location;
      const tampered = new URL(location!);
      const state = tampered.searchParams.get('state')!;
      tampered.searchParams.set('state', `${state.slice(0, -4)}${state.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`);
      await route.fulfill({ status: 303, headers: { location: tampered.href } });
    });
    await standaloneSignIn(page, 'p-001');
    await expect(page.getByRole('heading', { name: 'This sign-in response does not belong to this window.' })).toBeVisible();
    await expect(page.getByText('The state parameter does not match the sign-in in this window.')).toBeVisible();
    expect(genuine).toMatch(/[?&]code=/);
    // The genuine response, after that, is refused too: a pending launch is single use.
    await page.goto(genuine!);
    await expect(page.getByRole('heading', { name: 'This sign-in response does not belong to this window.' })).toBeVisible();
    await expect(page.getByText('No sign-in in this window matches this response.')).toBeVisible();
    expect((await sandbox.stats()).tokenRequests).toEqual({ authorization_code: 0, refresh_token: 0, failed: 0 });
  });

  test('an unknown iss is refused, named, and never contacted', async ({ page }) => {
    const contacted: string[] = [];
    await page.route('https://evil.example/**', async (route) => {
      contacted.push(route.request().url());
      await route.abort();
    });
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('evil.example')) blocked.push(message.text()); // e.g. a CSP violation report
    });
    await page.goto(`${APP_ORIGIN}/launch?iss=${encodeURIComponent('https://evil.example/fhir')}`);
    await expect(page.getByRole('heading', { name: 'This app is not set up to connect to that FHIR server.' })).toBeVisible();
    await expect(page.getByText('“https://evil.example/fhir” is not in this app’s configuration (smart-config.json).')).toBeVisible();
    await sleep(500);
    expect(contacted).toEqual([]);
    expect(blocked).toEqual([]);
  });

  test('an EHR launch with an empty launch parameter is refused with a clear error, before any request', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(AUTH_ISSUER) || request.url().startsWith(FHIR_BASE)) requests.push(request.url());
    });
    await page.goto(`${APP_ORIGIN}/launch?iss=${encodeURIComponent(FHIR_BASE)}&launch=`);
    await expect(page.getByRole('heading', { name: 'The EHR launch is missing its launch context.' })).toBeVisible();
    await expect(page.getByText('The launch URL has an empty "launch" parameter.')).toBeVisible();
    expect(requests).toEqual([]);
  });

  test('discovery without code_challenge_methods_supported: the launch still sends PKCE S256 and succeeds', async ({ page }) => {
    await sandbox.knobs({ discoveryOmit: ['code_challenge_methods_supported'] });
    const authorize: URL[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${AUTH_ISSUER}/auth?`)) authorize.push(new URL(request.url()));
    });
    await signIn(page, 'p-001', 'Hannah Haddad');
    expect(authorize).toHaveLength(1);
    expect(authorize[0]!.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize[0]!.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await sandbox.stats()).tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0, failed: 0 });
  });

  test('discovery without token_endpoint: a clear error page naming the field, no authorize request', async ({ page }) => {
    await sandbox.knobs({ discoveryOmit: ['token_endpoint'] });
    const toAuth: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(AUTH_ISSUER)) toAuth.push(request.url());
    });
    await page.goto(standaloneLaunchUrl);
    await expect(page.getByRole('heading', { name: 'The FHIR server’s sign-in settings are incomplete or unsafe.' })).toBeVisible();
    await expect(page.getByText('smart-configuration has no "token_endpoint".')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in without the EHR' })).toBeVisible();
    expect(toAuth).toEqual([]);
  });
});

test('10. load: the Summary’s concurrent queries all meet a refused access token: one refresh, no failed query', async ({ page }) => {
  // Hold the Summary's first FHIR requests in the browser until the sandbox refuses the token they carry,
  // then let them all go at once.
  const held: (() => Promise<void>)[] = [];
  let holding = true;
  await page.route(`${FHIR_BASE}/**`, async (route) => {
    const authorized = !!(await route.request().headerValue('authorization'));
    if (holding && authorized) held.push(() => route.continue());
    else await route.continue();
  });
  await standaloneSignIn(page, 'p-001');
  // The patient banner, the latest vital signs (one search), the latest labs and the recent encounters.
  await expect.poll(() => held.length).toBeGreaterThanOrEqual(4);
  await sleep(500); // every query of the first render has started
  const concurrent = held.length;
  await rejectCurrentAccessTokens();
  holding = false;
  await Promise.all(held.map((release) => release()));

  await expect(page.getByRole('heading', { name: 'Hannah Haddad', level: 1 })).toBeVisible();
  await expectSummaryData(page);
  await expect(page.getByRole('list', { name: 'Latest vital signs' }).getByText('Could not load.')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const stats = await sandbox.stats();
  expect(stats.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 1, failed: 0 });
  expect(stats.fhirStatus['401']).toBe(concurrent); // each held request refused once, then retried with the new token
  expect(stats.fhirStatus['200']).toBeGreaterThanOrEqual(concurrent);
  expect(Object.keys(stats.fhirStatus).sort()).toEqual(['200', '401']);
});
