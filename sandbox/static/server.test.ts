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
  await writeFile(join(dir, 'smart-config.json'), JSON.stringify({ servers: [{ issuer: 'http://127.0.0.1:4500/fhir' }] }));
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

  it('falls back to index.html for app routes, revalidated by ETag', async () => {
    const etags = new Set<string | null>();
    for (const path of ['/', '/index.html', '/launch?iss=x&launch=y', '/callback?code=1&state=2', '/patients/p1/vitals']) {
      const response = await fetch(app.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>app</title>');
      etags.add(response.headers.get('etag'));
    }
    expect(etags.size).toBe(1);
    const [etag] = [...etags];
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    for (const path of ['/', '/launch?iss=x', '/index.html']) {
      const again = await fetch(app.url + path, { headers: { 'If-None-Match': etag! } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toBe('no-cache');
      expect(await again.text()).toBe('');
    }
    expect((await fetch(`${app.url}/`, { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
  });

  it('revalidates smart-config.json, and sends a new ETag when a file changes', async () => {
    const first = await fetch(`${app.url}/smart-config.json`);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag')!;
    expect((await fetch(`${app.url}/smart-config.json`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await writeFile(join(dir, 'smart-config.json'), JSON.stringify({ servers: [], changed: true }));
    const changed = await fetch(`${app.url}/smart-config.json`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.json()).toMatchObject({ changed: true });
  });

  it('marks hashed assets immutable only when they exist', async () => {
    const js = await fetch(`${app.url}/assets/index-abc123.js`);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/assets/missing.js', '/assets/', '/assets/no-extension']) {
      const missing = await fetch(app.url + path);
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await fetch(`${app.url}/favicon.svg`)).headers.get('cache-control')).toBe('no-cache');
    const head = await fetch(`${app.url}/assets/index-abc123.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
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
