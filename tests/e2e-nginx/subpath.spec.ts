// Sub-path hosting: a build made with `vite build --base /apps/chart/`, served by nginx under /apps/chart/ with
// `--base /apps/chart/`.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { APP_ORIGIN, AUTH_ISSUER, FHIR_BASE } from '../../sandbox/ports';
import { sandbox } from '../e2e/sandbox';
import { expect, test as base } from './fixtures';
import { entryAssets, get, REPO, startNginx, tempDir } from './nginx';

const BASE = '/apps/chart/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const test = base.extend<object, { subPathBuild: string }>({
  subPathBuild: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from its first parameter
    async ({}, provide) => {
      const root = join(tempDir('smart-chart-subpath-'), 'dist');
      await promisify(execFile)('npx', ['vite', 'build', '--base', BASE, '--outDir', root, '--emptyOutDir', '--logLevel', 'warn'], { cwd: REPO });
      await provide(root);
      rmSync(dirname(root), { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  app: async ({ subPathBuild }, provide) => {
    const nginx = await startNginx({ root: subPathBuild, base: BASE, listen: new URL(APP_ORIGIN).host });
    await provide(nginx);
    await nginx.stop();
  },
});

test('nginx serves the build under the base path, and nothing outside it', async ({ subPathBuild }) => {
  const { script, style } = entryAssets(subPathBuild);
  expect(script.startsWith(`${BASE}assets/`)).toBe(true);
  const expected: Record<string, [number, string | undefined]> = {
    [BASE]: [200, 'no-store'],
    [`${BASE}launch?iss=x`]: [200, 'no-store'],
    [`${BASE}chart/vitals`]: [200, 'no-store'],
    [script]: [200, IMMUTABLE],
    [style]: [200, IMMUTABLE],
    [`${BASE}assets/missing-0000.js`]: [404, 'no-store'],
    [`${BASE}smart-config.json`]: [200, 'no-cache'],
    [`${BASE}version.json`]: [200, 'no-cache'],
    [`${BASE}favicon.svg`]: [200, 'no-cache'],
    [`${BASE}missing.js`]: [404, 'no-cache'],
    '/': [404, undefined],
    '/favicon.svg': [404, undefined],
    '/apps/chartx': [404, undefined],
  };
  for (const [path, [status, cache]] of Object.entries(expected)) {
    const response = await get(`${APP_ORIGIN}${path}`);
    expect([response.status, response.headers['cache-control']], path).toEqual([status, cache]);
    expect(response.headers['content-security-policy'], path).toContain("script-src 'self'");
  }
  const bare = await get(`${APP_ORIGIN}/apps/chart`);
  expect([bare.status, bare.headers.location]).toEqual([301, BASE]);
});

test('the app works under the base path: server picker, then sign-in with the redirect URI under it', async ({ page }) => {
  await sandbox.reset();
  await page.goto(`${APP_ORIGIN}${BASE}`);
  const server = page.getByRole('link', { name: 'Local SMART sandbox' });
  await expect(server).toBeVisible({ timeout: 5_000 });
  expect(await server.getAttribute('href')).toBe(`${BASE}launch?${new URLSearchParams({ iss: FHIR_BASE })}`);
  const [authorize] = await Promise.all([page.waitForRequest((r) => r.url().startsWith(`${AUTH_ISSUER}/auth`)), server.click()]);
  expect(new URL(authorize.url()).searchParams.get('redirect_uri')).toBe(`${APP_ORIGIN}${BASE}callback`);
});
