// What nginx sends with the generated config: the security headers on every response, caching by kind (and never
// for an error), the SPA fallback, gzip, version.json, and over TLS: HSTS and the HTTP → HTTPS redirect.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { APP_ORIGIN } from '../../sandbox/ports';
import { expect, test } from './fixtures';
import { copyOfBuild, DIST, entryAssets, get, selfSignedCert, startNginx, tempDir, type RawResponse } from './nginx';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SECURITY_HEADERS = ['content-security-policy', 'referrer-policy', 'x-content-type-options', 'permissions-policy'];

const expectSecurityHeaders = (response: RawResponse, path: string) => {
  for (const name of SECURITY_HEADERS) expect(response.headers[name], `${name} on ${path} (${response.status})`).toBeTruthy();
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self' http://127.0.0.1:4300");
};

test('every response has the security headers, and the caching rule of its kind', async () => {
  const { script, style } = entryAssets();
  // path → [status, Cache-Control, Content-Type]
  const expected: Record<string, [number, string | undefined, string]> = {
    '/': [200, 'no-store', 'text/html; charset=utf-8'],
    '/index.html': [200, 'no-store', 'text/html; charset=utf-8'],
    '/launch?iss=http%3A%2F%2F127.0.0.1%3A4500%2Ffhir&launch=abc': [200, 'no-store', 'text/html; charset=utf-8'],
    '/callback?code=abc&state=def': [200, 'no-store', 'text/html; charset=utf-8'],
    '/chart/vitals': [200, 'no-store', 'text/html; charset=utf-8'],
    [script]: [200, IMMUTABLE, 'text/javascript; charset=utf-8'],
    [style]: [200, IMMUTABLE, 'text/css; charset=utf-8'],
    '/assets/index-00000000.js': [404, 'no-store', 'text/html; charset=utf-8'],
    '/assets/': [403, 'no-store', 'text/html; charset=utf-8'],
    '/smart-config.json': [200, 'no-cache', 'application/json; charset=utf-8'],
    '/version.json': [200, 'no-cache', 'application/json; charset=utf-8'],
    '/favicon.svg': [200, 'no-cache', 'image/svg+xml; charset=utf-8'],
    '/no-such-file.js': [404, 'no-cache', 'text/html; charset=utf-8'],
    '/.env': [404, undefined, 'text/html; charset=utf-8'],
  };
  for (const [path, [status, cache, type]] of Object.entries(expected)) {
    const response = await get(`${APP_ORIGIN}${path}`);
    expect([response.status, response.headers['cache-control'], response.headers['content-type']], path).toEqual([status, cache, type]);
    expectSecurityHeaders(response, path);
    expect(response.headers['strict-transport-security'], 'no HSTS over plain HTTP').toBeUndefined();
  }
  // The configuration is revalidated: a conditional request is answered 304.
  const config = await get(`${APP_ORIGIN}/smart-config.json`);
  const revalidated = await get(`${APP_ORIGIN}/smart-config.json`, { headers: { 'If-None-Match': String(config.headers.etag) } });
  expect(revalidated.status).toBe(304);
});

test('version.json names the build that is served', async () => {
  const served = JSON.parse((await get(`${APP_ORIGIN}/version.json`)).body.toString()) as Record<string, unknown>;
  expect(served).toEqual(JSON.parse(readFileSync(join(DIST, 'version.json'), 'utf8')));
  expect(served).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{16}$/), builtAt: expect.any(String), commit: expect.anything() });
  expect(Date.parse(served.builtAt as string)).not.toBeNaN();
});

test('text is sent gzip-compressed to clients that accept it', async () => {
  const { script, style } = entryAssets();
  // (favicon.svg and version.json are below gzip_min_length: not worth compressing.)
  for (const path of [script, style, '/', '/chart/vitals', '/smart-config.json']) {
    const response = await get(`${APP_ORIGIN}${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers['content-encoding'], path).toBe('gzip');
    expect(response.headers.vary, path).toContain('Accept-Encoding');
  }
  const response = await get(`${APP_ORIGIN}${script}`, { headers: { 'Accept-Encoding': 'gzip' } });
  const original = readFileSync(join(DIST, script));
  expect(gunzipSync(response.body).equals(original)).toBe(true);
  expect(response.body.length).toBeLessThan(original.length / 2);
});

test('a chunk that was missing is loaded once it is there: the 404 was not cached', async ({ page }) => {
  // A copy of the build on another port, so the test can add the file the browser first fails to get.
  const root = copyOfBuild();
  const nginx = await startNginx({ root, listen: '127.0.0.1:4174' });
  try {
    await page.goto(`${nginx.origin}/`);
    const status = (path: string) => page.evaluate(async (url) => (await fetch(url)).status, path);
    expect(await status('/assets/LateChunk-abc123.js')).toBe(404);
    writeFileSync(join(root, 'assets', 'LateChunk-abc123.js'), 'export default 1;\n');
    expect(await status('/assets/LateChunk-abc123.js')).toBe(200);
    // …and then it is cached for good: the same request is answered without nginx.
    rmSync(join(root, 'assets', 'LateChunk-abc123.js'));
    expect(await status('/assets/LateChunk-abc123.js')).toBe(200);
  } finally {
    await nginx.stop();
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
});

test('over TLS: HSTS on every response, and plain HTTP redirects to HTTPS with the path and query', async () => {
  const dir = tempDir('smart-chart-tls-');
  const { cert, key } = await selfSignedCert(dir);
  const ca = readFileSync(cert);
  const nginx = await startNginx({ listen: '127.0.0.1:4443', tls: { cert, key, redirectListen: '127.0.0.1:4480' } });
  try {
    const { script } = entryAssets();
    for (const path of ['/', '/chart/labs', script, '/smart-config.json', '/assets/missing-0000.js', '/no-such-file.js']) {
      const response = await get(`${nginx.origin}${path}`, { ca });
      expect(response.headers['strict-transport-security'], `${path} (${response.status})`).toBe('max-age=31536000');
      expectSecurityHeaders(response, path);
    }
    const redirect = await get('http://127.0.0.1:4480/launch?iss=x&launch=y');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('https://127.0.0.1:4443/launch?iss=x&launch=y');
  } finally {
    await nginx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
