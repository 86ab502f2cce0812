import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../auth/testBrowser';
import { startAppServer } from './server';

let dir: string;
let app: { url: string; close(): Promise<void> };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dist-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(dir, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(join(dir, 'favicon.svg'), '<svg/>');
  await writeFile(join(dir, '.env'), 'SECRET=1');
  app = await startAppServer({ host: '127.0.0.1', port: await freePort(), distDir: dir });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true });
});

/** Raw request, so that paths like /../x reach the server unnormalised. */
function raw(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(app.url + '/', { path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

describe('app server', () => {
  it('serves files with content types and caching', async () => {
    const js = await fetch(`${app.url}/assets/index-abc123.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log(1)');
    expect((await fetch(`${app.url}/assets/index-abc123.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${app.url}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('falls back to index.html (no-store) for app routes', async () => {
    for (const path of ['/', '/index.html', '/launch?iss=x&launch=y', '/callback?code=1&state=2', '/patients/p1/vitals']) {
      const response = await fetch(app.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('<title>app</title>');
    }
  });

  it('answers 404 for missing files and refuses traversal and dotfiles', async () => {
    expect((await fetch(`${app.url}/assets/missing.js`)).status).toBe(404);
    expect((await raw('/.env')).status).toBe(404);
    expect((await raw('/../package.json')).status).toBe(404);
    // Dot segments are resolved inside the root: this is an app route, answered with index.html.
    expect((await raw('/%2e%2e/%2e%2e/etc/passwd')).body).toContain('<title>app</title>');
    expect((await fetch(`${app.url}/`, { method: 'POST' })).status).toBe(405);
  });
});
