import { expect, test } from '@playwright/test';
import { APP_ORIGIN, AUTH_ISSUER, EHR_ORIGIN, FHIR_BASE } from '../../sandbox/ports';
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
  await standaloneSignIn(page, 'p-markup'); // need_patient_banner=true: the app shows the name
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('<img src=x onerror=alert(1)>');
  await expect(heading).toContainText('<script>');
  await expect(page.getByRole('list', { name: 'Encounters' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main script')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('the app is served with a strict Content-Security-Policy and no referrer, and runs under it', async ({ page, request }) => {
  const response = await request.get(`${APP_ORIGIN}/chart`);
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));
  expect(directive('script-src')).toBe("script-src 'self'");
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(directive('base-uri')).toBe("base-uri 'none'");
  // Exactly the servers of the served smart-config.json (the sandbox serves every running profile's).
  const served = (await (await request.get(`${APP_ORIGIN}/smart-config.json`)).json()) as { servers: { issuer: string; authOrigins?: string[] }[]; ehrOrigins: string[] };
  const origins = [...new Set(served.servers.flatMap((s) => [new URL(s.issuer).origin, ...(s.authOrigins ?? []).map((o) => new URL(o).origin)]))].sort();
  expect(origins).toEqual(expect.arrayContaining([AUTH_ISSUER, new URL(FHIR_BASE).origin]));
  expect(directive('connect-src')).toBe(`connect-src 'self' ${origins.join(' ')}`);
  expect(directive('frame-ancestors')).toBe(`frame-ancestors 'self' ${[...new Set(served.ehrOrigins)].sort().join(' ')}`);
  expect(served.ehrOrigins).toContain(EHR_ORIGIN);
  expect(headers['referrer-policy']).toBe('no-referrer');

  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const app = await openEmbedded(page, 'p-006');
  await expect(app.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('a page that is not a configured EHR cannot frame the app', async ({ page }) => {
  // The EHR simulator's origin may frame the app (see the embedded tests); this other origin may not.
  await page.route('http://127.0.0.1:4399/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe title="app" src="${APP_ORIGIN}/"></iframe>` }),
  );
  await page.goto('http://127.0.0.1:4399/');
  await page.waitForTimeout(2_000);
  await expect(page.frameLocator('iframe[title="app"]').locator('#root')).toHaveCount(0);
});
